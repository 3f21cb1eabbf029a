/**
 * `plausibility` in review.yaml: what the numbers of one cohort in one report must satisfy
 * beyond events ≤ n. A relation says that some outcomes cannot add up to more than another
 * outcome or than the patients evaluated, e.g.
 *
 *   plausibility:
 *     relations:
 *       - {outcome: complete_response, at_most: overall_response}
 *       - {sum: [event_g12, event_g3], at_most: n}
 *     limits:
 *       n_max: 5000
 *
 * The first line reads "the complete responses of a cohort are at most its overall responses";
 * the second "patients whose worst event was grade 1-2, plus patients with grade 3 or higher,
 * are at most the patients evaluated". `n` always means the patients evaluated (the largest n
 * among the outcomes of the relation). A relation is checked per cohort per report, and only
 * where every outcome it names has numbers (not nd).
 *
 * `limits.n_max` is the largest number of patients one cohort may have. It applies even when
 * review.yaml says nothing: a number far larger than any trial is a typing slip.
 */
import { z } from 'zod';
import { idSchema, textSchema } from './common.ts';

/** Patients per cohort above which a number is refused unless review.yaml sets its own limit. */
export const DEFAULT_N_MAX = 100_000;

export const relationSchema = z
  .object({
    outcome: idSchema.optional().describe('The outcome whose events are bounded, e.g. "complete_response"'),
    sum: z
      .array(idSchema)
      .min(2, { message: 'a sum names at least two outcomes; for one outcome write outcome: <id>' })
      .optional()
      .describe('Instead of outcome: several outcomes whose events are added, e.g. [event_g12, event_g3]'),
    at_most: idSchema.describe('An outcome id (its events), or n (the patients evaluated): the events above cannot exceed it'),
    why: textSchema.optional().describe('Why the relation holds, in a few words, e.g. "every complete response is a response"'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.outcome === undefined && r.sum === undefined)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'a relation names an outcome (outcome: <id>) or several outcomes to add (sum: [<id>, <id>])' });
    if (r.outcome !== undefined && r.sum !== undefined)
      ctx.addIssue({ code: 'custom', path: ['sum'], message: 'a relation has either outcome or sum, not both: split it into two relations' });
  });

export const limitsSchema = z
  .object({
    n_max: z
      .number()
      .int({ message: 'n_max is a whole number of patients' })
      .min(1, { message: 'n_max must be at least 1' })
      .max(Number.MAX_SAFE_INTEGER, { message: 'n_max is too large to be read exactly' })
      .default(DEFAULT_N_MAX)
      .describe(`Largest number of patients in one cohort (default ${DEFAULT_N_MAX.toLocaleString('en')}); a larger n is refused as a typing slip`),
  })
  .strict();

export const plausibilitySchema = z
  .object({
    relations: z.array(relationSchema).default([]).describe('Relations between outcomes that every cohort of every report must satisfy'),
    limits: limitsSchema.default({ n_max: DEFAULT_N_MAX }).describe('Limits on the numbers of one cohort'),
  })
  .strict();

export type Relation = z.output<typeof relationSchema>;
export type Plausibility = z.output<typeof plausibilitySchema>;
