/**
 * `content/searches/<id>.yaml`: the PRISMA 2020 counts of one search run. A release names the
 * search behind it; the flow diagram is drawn from these counts and the reports' statuses.
 *
 * The arithmetic (identified - duplicates = screened, and so on) is checked by `npm run check`,
 * not here, so that every broken sum is reported with the numbers that break it.
 */
import { z } from 'zod';
import { dateSchema, idSchema, requiredTextSchema, textSchema } from './common.ts';

const count = z.number().int({ message: 'counts are whole numbers' }).min(0, { message: 'counts cannot be negative' });

export const sourceCountSchema = z
  .object({
    name: requiredTextSchema.describe('Database, register or other source, e.g. "MEDLINE"'),
    records: count.describe('Records identified from it'),
  })
  .strict();

export const reasonCountSchema = z
  .object({
    reason: requiredTextSchema.describe('Why these reports were excluded, e.g. "Redundant or updated report"'),
    count: count.describe('How many reports'),
  })
  .strict();

export const searchSchema = z
  .object({
    release: z.number().int().min(1).describe('The release this search run belongs to'),
    date: dateSchema.describe('Date the search was run (its cut-off)'),
    description: textSchema.optional().describe('What was searched and how'),
    databases: z.array(sourceCountSchema).default([]).describe('Records identified from databases'),
    registers: z.array(sourceCountSchema).default([]).describe('Records identified from trial registers'),
    other_sources: z.array(sourceCountSchema).default([]).describe('Records from other sources (conference abstracts, sponsors, citation searching)'),
    duplicates_removed: count.describe('Duplicate records removed before screening'),
    other_removed: count.default(0).describe('Records removed for other reasons before screening (automation, ineligible)'),
    records_screened: count.describe('Records screened (title and abstract)'),
    records_excluded: count.describe('Records excluded at screening'),
    reports_sought: count.describe('Reports sought for retrieval'),
    reports_not_retrieved: count.default(0).describe('Reports not retrieved'),
    reports_assessed: count.describe('Reports assessed for eligibility (full text)'),
    reports_excluded: z.array(reasonCountSchema).default([]).describe('Reports excluded at full text, by reason'),
    new_studies_included: count.describe('New studies included by this search'),
    new_reports_included: count.describe('New reports of included studies from this search'),
    previous_studies: count.default(0).describe('Studies included in the previous version of the review (0 for the first release)'),
    previous_reports: count.default(0).describe('Reports of studies included in the previous version'),
  })
  .strict();

export type Search = z.output<typeof searchSchema>;
export const searchIdSchema = idSchema;
