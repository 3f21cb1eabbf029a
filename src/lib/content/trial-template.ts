/**
 * The file `npm run new-trial` writes: every field of the trial schema, each explained by a
 * comment taken from the schema's `.describe()` text, with the outcome ids, populations,
 * subgroup levels and releases of review.yaml filled in where they belong.
 *
 * Every value the curator must supply is the placeholder TODO, which `npm run check` reports
 * until it is replaced, so a half-filled file is never silently valid. Optional fields are
 * written as comments ("# field: TODO") to be uncommented when needed.
 */
import { trialSchema, type Review } from '../../schemas/index.ts';
import { describeSchema, typeLabel, unionOptions, type Described, type Field } from './describe-schema.ts';
import { PLACEHOLDER } from './placeholders.ts';

export interface TrialTemplateInput {
  registration: string;
  /** The protocol, for outcome ids, populations, subgroup levels and releases. */
  review: Review;
}

/** The full text of a new trial file: front matter and a notes skeleton. */
export function trialTemplate({ registration, review }: TrialTemplateInput): string {
  const trial = describeSchema(trialSchema);
  const lines = [
    '---',
    `# Trial file for ${registration}. Replace every ${PLACEHOLDER}; the comment above each field says what goes there.`,
    '# A line starting with "# name:" is an optional field: remove the "# " to use it, or leave it.',
    '# Run npm run check to see what is still missing.',
    '',
    ...renderFields(fieldsOf(trial), 0, '', { registration, review }),
    '---',
    '',
    '## Summary',
    '',
    'What the product is, what the trial tested, and what this file takes from each report.',
    '',
    '## Which numbers feed which analysis',
    '',
    'For each cohort and outcome: the table, figure or page, and how any number that is not',
    'printed as such was worked out.',
    '',
    '## Open questions',
    '',
  ];
  return lines.join('\n');
}

interface Context {
  registration: string;
  review: Review;
}

function fieldsOf(d: Described): Field[] {
  return d.shape.type === 'object' ? d.shape.fields : [];
}

/** "Number of patients evaluated (required; whole number ≥ 1)": the schema's own words. */
function explain(field: Field): string {
  const need = !field.optional && !field.hasDefault ? 'required' : 'optional';
  return `${field.description ?? field.name} (${need}; ${typeLabel(field)})`;
}

function comment(indent: string, field: Field, extra?: string): string {
  return `${indent}# ${explain(field)}${extra ? `. ${extra}` : ''}`;
}

function renderFields(fields: readonly Field[], depth: number, path: string, ctx: Context): string[] {
  const indent = ' '.repeat(depth);
  return fields.flatMap((field) => {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const special = SPECIAL[fieldPath];
    if (special) return special(field, indent, ctx, depth);
    const s = field.shape;
    if (s.type === 'object') return [comment(indent, field), `${indent}${field.name}:`, ...renderFields(s.fields, depth + 2, fieldPath, ctx)];
    if (s.type === 'array') {
      if (s.minItems) return [comment(indent, field), `${indent}${field.name}:`, `${indent}  - ${PLACEHOLDER}`];
      return [comment(indent, field), `${indent}${field.name}: []`];
    }
    if (s.type === 'record') return [comment(indent, field), `${indent}${field.optional ? '# ' : ''}${field.name}: {}`];
    if (field.optional || field.hasDefault) return [comment(indent, field), `${indent}# ${field.name}: ${PLACEHOLDER}`];
    return [comment(indent, field), `${indent}${field.name}: ${PLACEHOLDER}`];
  });
}

/** Renders one item of a list of blocks: the first field line gets the "- ". */
function listItem(fields: readonly Field[], depth: number, path: string, ctx: Context): string[] {
  const lines = renderFields(fields, depth + 2, path, ctx);
  const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
  const pad = ' '.repeat(depth + 2);
  // The comments of the first field go above the "- ", at the dash's indentation.
  for (let i = 0; i < first; i++) lines[i] = `${' '.repeat(depth)}${lines[i]!.trimStart()}`;
  if (first >= 0) lines[first] = `${' '.repeat(depth)}- ${lines[first]!.slice(pad.length)}`;
  return lines;
}

function element(field: Field): Field[] {
  return field.shape.type === 'array' ? fieldsOf(field.shape.element) : [];
}

/** Comment lines listing the forms of a value with several (numbers, or "not disclosed"). */
function formsOf(value: Described, indent: string): string[] {
  return [
    `${indent}# Each outcome takes one of these forms:`,
    ...unionOptions(value).flatMap((option) => {
      if (option.shape.type !== 'object') return [`${indent}#   ${typeLabel(option)}`];
      return [
        `${indent}#   {${option.shape.fields.map((f) => f.name).join(', ')}}`,
        ...option.shape.fields.map((f) => `${indent}#     ${f.name}: ${explain(f)}`),
      ];
    }),
  ];
}

type Special = (field: Field, indent: string, ctx: Context, depth: number) => string[];

/** Fields whose template comes from the registration or from review.yaml. */
const SPECIAL: Record<string, Special> = {
  registrations: (field, indent, ctx) => [comment(indent, field), `${indent}registrations: [${ctx.registration}]`],

  subgroups: (field, indent, ctx) => {
    if (ctx.review.subgroups.length === 0) return [comment(indent, field), `${indent}subgroups: {}`];
    return [
      comment(indent, field),
      `${indent}subgroups:`,
      ...ctx.review.subgroups.map(
        (v) => `${indent}  ${v.id}: ${PLACEHOLDER}   # ${v.label}: ${v.levels.map((l) => `${l.id} (${l.label})`).join(', ')}`,
      ),
    ];
  },

  // One cohort per population of the review, each fed by the outcomes of that population.
  cohorts: (field, indent, ctx, depth) => [
    comment(indent, field, 'One cohort per review population to start with; rename, add or remove cohorts as the reports require'),
    `${indent}cohorts:`,
    ...ctx.review.populations.flatMap((population) =>
      listItem(element(field), depth + 2, 'cohorts[]', ctx).map((line) =>
        line
          .replace(/^(\s*(- )?)id: TODO$/, `$1id: ${population.id}`)
          .replace(/^(\s*)# population: TODO$/, `$1population: ${population.id}   # ${population.label}`),
      ),
    ),
  ],

  reports: (field, indent, ctx, depth) => [comment(indent, field), `${indent}reports:`, ...listItem(element(field), depth + 2, 'reports[]', ctx)],

  'reports[].status': (field, indent) => [comment(indent, field), `${indent}status: primary`],

  'reports[].release': (field, indent, ctx) => [
    comment(indent, field, `Releases in review.yaml: ${ctx.review.releases.map((r) => `${r.number} (cut-off ${r.cutoff})`).join(', ')}`),
    `${indent}release: ${PLACEHOLDER}`,
  ],

  'reports[].data': (field, indent, ctx) => {
    const value = field.shape.type === 'record' && field.shape.value.shape.type === 'record' ? field.shape.value.shape.value : undefined;
    return [
      comment(indent, field, 'Write nd when the report does not give an outcome (never 0)'),
      ...(value ? formsOf(value, indent) : []),
      `${indent}data:`,
      ...ctx.review.populations.flatMap((population) => {
        const outcomes = ctx.review.outcomes.filter((o) => o.population === population.id);
        if (outcomes.length === 0) return [];
        return [
          `${indent}  ${population.id}:`,
          ...outcomes.map((o) => `${indent}    ${o.id}: {events: ${PLACEHOLDER}, n: ${PLACEHOLDER}, source: ${PLACEHOLDER}}   # ${o.label}`),
        ];
      }),
    ];
  },
};
