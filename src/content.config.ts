/**
 * Astro content collections. They use the same zod schemas as `npm run check` and the pooling
 * scripts (src/schemas), so a file the site renders is a file the checker has accepted.
 * The build validates everything first (scripts/build.ts) and prints curator-friendly
 * messages; these schemas are a second line of defence, not the place errors are explained.
 */
import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { parse } from 'yaml';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contentRoot } from './content-root.ts';
import { preloadedTrials } from './lib/content/preloaded-trials-fs.ts';
import { releaseChaptersLoader } from './lib/content/release-chapters-fs.ts';
import { releaseChaptersDir } from './lib/content/release-chapters-dir.ts';
import { chapterSchema, registryEntrySchema, reviewSchema, searchSchema, trialSchema } from './schemas/index.ts';

const root = path.resolve(contentRoot());

/**
 * The files of one content folder (`*.<extension>` directly in it), like Astro's glob loader,
 * but a folder a review leaves out or leaves empty (a review without a registry, chapters or
 * searches) is an empty collection, not a warning: Astro's glob loader warns that the folder is
 * missing or matches nothing, and getCollection() warns about every collection it holds no entry
 * of, on every page that asks. Neither is something a curator could act on.
 */
function folderLoader(folder: string, extension: string): Loader {
  const files = glob({ pattern: `*.${extension}`, base: folder });
  return {
    name: 'review-folder-loader',
    load: async (context) => {
      const any = existsSync(folder) && readdirSync(folder).some((name) => name.endsWith(`.${extension}`));
      if (any) return files.load(context);
      context.store.clear();
      // An entry set and deleted again leaves the collection in the data store with no entries,
      // so getCollection() returns [] without warning that the collection does not exist.
      context.store.set({ id: 'empty-folder', data: {} });
      context.store.delete('empty-folder');
    },
  };
}

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
  loader: preloaded ? preloadedTrials(preloaded, Boolean(process.env['REVIEW_BUILD_PID'])) : folderLoader(path.join(root, 'trials'), 'md'),
  schema: trialSchema,
});

const searches = defineCollection({
  loader: folderLoader(path.join(root, 'searches'), 'yaml'),
  schema: searchSchema,
});

const registry = defineCollection({
  loader: folderLoader(path.join(root, 'registry'), 'yaml'),
  schema: registryEntrySchema,
});

const chapters = defineCollection({
  loader: folderLoader(path.join(root, 'chapters'), 'mdx'),
  schema: chapterSchema,
});

// The chapters of the locked releases, as published: written beside the pooled results by the
// code that validated them (npm run build, npm run dev's pooling); see release-chapters-fs.ts.
const releaseChapters = defineCollection({
  loader: releaseChaptersLoader(
    process.env['REVIEW_RELEASE_CHAPTERS'] ?? releaseChaptersDir(process.env['REVIEW_GENERATED'] ?? 'src/generated/analyses.json'),
    Boolean(process.env['REVIEW_BUILD_PID']),
  ),
  schema: chapterSchema,
});

export const collections = { review, trials, searches, registry, chapters, releaseChapters };
