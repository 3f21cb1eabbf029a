/**
 * Astro content collections. They use the same zod schemas as `npm run check` and the pooling
 * scripts (src/schemas), so a file the site renders is a file the checker has accepted.
 * The build validates everything first (scripts/build.ts) and prints curator-friendly
 * messages; these schemas are a second line of defence, not the place errors are explained.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse } from 'yaml';
import path from 'node:path';
import { contentRoot } from './content-root.ts';
import { preloadedTrials } from './lib/content/preloaded-trials-fs.ts';
import { chapterSchema, registryEntrySchema, reviewSchema, searchSchema, trialSchema } from './schemas/index.ts';

const root = path.resolve(contentRoot());

const review = defineCollection({
  loader: file(path.join(root, 'review.yaml'), {
    // One protocol per content root; keyed so that the entry id is "review" and the data keep
    // their own `id` field.
    parser: (text) => ({ review: parse(text) as Record<string, unknown> }),
  }),
  schema: reviewSchema,
});

// A build driven by scripts/build.ts has read and validated every trial file already and hands
// over their notes (REVIEW_TRIAL_NOTES_JSON; the pages read their data through trialEntries()),
// so that thousands of files are not parsed twice; see preloaded-trials-fs.ts. Elsewhere (astro dev, astro check) the files are read here.
const preloaded = process.env['REVIEW_TRIAL_NOTES_JSON'];
const trials = defineCollection({
  loader: preloaded ? preloadedTrials(preloaded, Boolean(process.env['REVIEW_BUILD_PID'])) : glob({ pattern: '*.md', base: path.join(root, 'trials') }),
  schema: trialSchema,
});

const searches = defineCollection({
  loader: glob({ pattern: '*.yaml', base: path.join(root, 'searches') }),
  schema: searchSchema,
});

const registry = defineCollection({
  loader: glob({ pattern: '*.yaml', base: path.join(root, 'registry') }),
  schema: registryEntrySchema,
});

const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: path.join(root, 'chapters') }),
  schema: chapterSchema,
});

export const collections = { review, trials, searches, registry, chapters };
