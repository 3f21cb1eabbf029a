/**
 * Study characteristics are declared by each review in review.yaml: what is recorded about a
 * study beyond what every systematic review has (registrations, label, design, phase, status,
 * reports and cohorts). Trial files (and registry entries, where a characteristic applies to
 * them) fill the declared characteristics under one key, `characteristics`; `npm run check`
 * validates every value against its declaration.
 */
import { z } from 'zod';
import { idSchema, requiredTextSchema, textSchema } from './common.ts';

export const CHARACTERISTIC_TYPES = ['category', 'text', 'number', 'list', 'boolean'] as const;
/**
 * Where a characteristic is shown: `table` (a column of the study-characteristics table),
 * `trial` (the trial's page), `list` (a column of the list of trials), `filter` (a filter of the
 * list of trials; category, list and boolean characteristics), `search` (the site search).
 */
export const CHARACTERISTIC_PLACES = ['table', 'trial', 'list', 'filter', 'search'] as const;
/** Which files fill a characteristic: trial files, registry entries, or both. */
export const CHARACTERISTIC_FILES = ['trials', 'registry'] as const;

export const characteristicLevelSchema = z
  .object({
    id: idSchema.describe('Level identifier written in trial files, e.g. "oral"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Oral"'),
  })
  .strict();

export const characteristicSchema = z
  .object({
    id: idSchema.describe('Identifier written in trial files under characteristics, e.g. "route"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Route of administration"'),
    description: textSchema.optional().describe('What to record, shown to curators in new trial files and the field reference'),
    type: z
      .enum(CHARACTERISTIC_TYPES)
      .describe('category (one of the levels), text, number, list (of text) or boolean (yes or no)'),
    levels: z
      .array(characteristicLevelSchema)
      .min(2)
      .optional()
      .describe('With type category: the values a study can take (at least two)'),
    unit: textSchema.optional().describe('With type number: the unit shown after the value, e.g. "years"'),
    integer: z.boolean().optional().describe('With type number: only whole numbers'),
    min: z.number().optional().describe('With type number: the smallest value allowed'),
    max: z.number().optional().describe('With type number: the largest value allowed'),
    yes: textSchema.optional().describe('With type boolean: how true reads, e.g. "allowed" (default "yes")'),
    no: textSchema.optional().describe('With type boolean: how false reads, e.g. "not allowed" (default "no")'),
    required: z.boolean().default(false).describe('Whether every included or described trial must give it'),
    per_cohort: z
      .boolean()
      .default(false)
      .describe('Whether a cohort may give its own value, overriding its trial\'s (for subgroups whose cohorts differ)'),
    applies_to: z
      .array(z.enum(CHARACTERISTIC_FILES))
      .min(1)
      .default(['trials'])
      .describe('Which files fill it: [trials], [registry] or [trials, registry]'),
    show: z
      .array(z.enum(CHARACTERISTIC_PLACES))
      .default(['trial'])
      .describe('Where it is shown: table (characteristics table), trial (trial page), list (list of trials), filter (filters of the list of trials and of the landscape), search'),
    group: textSchema
      .optional()
      .describe('Column heading shared with other characteristics of the same group in the characteristics table, e.g. "Key eligibility"'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type === 'category' && !c.levels)
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'a category characteristic needs levels: a list of {id, label}, at least two' });
    if (c.type !== 'category' && c.levels)
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `only a category characteristic has levels; remove them or change the type to category` });
    for (const key of ['unit', 'integer', 'min', 'max'] as const) {
      if (c.type !== 'number' && c[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} belongs to a number characteristic; remove it or change the type to number` });
    }
    for (const key of ['yes', 'no'] as const) {
      if (c.type !== 'boolean' && c[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} belongs to a boolean characteristic; remove it or change the type to boolean` });
    }
    if (c.min !== undefined && c.max !== undefined && c.min > c.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${c.max}) is smaller than min (${c.min})` });
    if (c.show.includes('filter') && (c.type === 'text' || c.type === 'number'))
      ctx.addIssue({ code: 'custom', path: ['show', c.show.indexOf('filter')], message: `a ${c.type} characteristic cannot be a filter (only category, list and boolean ones); remove filter from show` });
  });

/**
 * One characteristic's value in a trial file, checked against its declaration by
 * `npm run check`: a level id, text, a number, yes/no, or a list of text.
 */
export const characteristicValueSchema = z.union([
  z.number().refine((n) => Number.isFinite(n), { message: 'write a finite number' }),
  z.boolean(),
  requiredTextSchema,
  z.array(requiredTextSchema),
]);

export const characteristicValuesSchema = z
  .record(idSchema, characteristicValueSchema)
  .default({})
  .describe('Values of the study characteristics review.yaml declares, by id');

export type Characteristic = z.output<typeof characteristicSchema>;
export type CharacteristicValue = z.output<typeof characteristicValueSchema>;
