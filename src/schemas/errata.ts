/**
 * `errata` in review.yaml: corrections to releases already published. A published release is
 * frozen in its lock file (releases/<n>.lock.json); `npm run check` refuses any change that
 * alters what a release published unless an erratum here records it. The release's page then
 * shows the erratum and the corrected numbers beside the ones originally published.
 */
import { z } from 'zod';
import { dateSchema, requiredTextSchema } from './common.ts';

export const erratumSchema = z
  .object({
    release: z.number().int().min(1).describe('The published release the correction applies to'),
    date: dateSchema.describe('The day the correction was made (YYYY-MM-DD)'),
    what: requiredTextSchema.describe('What changed, e.g. "Trial X: report Y moved from release 1 to release 2"'),
    why: requiredTextSchema.describe('Why the published release was wrong, as readers will see it'),
  })
  .strict();

export const errataSchema = z
  .array(erratumSchema)
  .default([])
  .describe('Corrections to published releases: each names the release, the day, what changed and why');

export type Erratum = z.output<typeof erratumSchema>;
