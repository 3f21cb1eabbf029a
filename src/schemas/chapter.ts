/**
 * `content/chapters/<slug>.mdx`: a chapter of the review. The body is MDX; numbers come from
 * components (<Estimate>, <Count>, <SubgroupTest>, <ForestPlot>), never typed by hand.
 */
import { z } from 'zod';
import { requiredTextSchema, textSchema } from './common.ts';

export const chapterSchema = z
  .object({
    title: requiredTextSchema.describe('Chapter title'),
    order: z.number().int().min(0).describe('Position in the table of contents (1 comes first)'),
    description: textSchema.optional().describe('One-sentence summary for the contents and search results'),
  })
  .strict();

export type Chapter = z.output<typeof chapterSchema>;
