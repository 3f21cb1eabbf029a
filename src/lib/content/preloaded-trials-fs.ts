/**
 * An Astro content loader for the trials that `npm run build` has already read and validated.
 * The build's first step (scripts/build.ts) loads every content file with npm run check's rules
 * before pooling and writes the validated trials to a JSON file (REVIEW_TRIALS_JSON). The pages
 * read the trials' data from that file (src/lib/content/trial-entries.ts); this loader puts in
 * the collection only what Astro must make: each trial's notes, rendered as the glob loader
 * would render them, under an empty `data`. Reading, validating and storing 20,000 trials a
 * second time in Astro's data store took most of a minute. `astro dev` and `astro check` keep the
 * glob loader, with the data. A `-fs` file: it reads the disk, so it must never reach code
 * shipped to browsers.
 */
import { readFileSync } from 'node:fs';
import type { Loader } from 'astro/loaders';

/** One trial as the build hands it over: file slug, file as messages name it, validated front matter, notes. */
export interface PreloadedTrial {
  slug: string;
  file: string;
  data: Record<string, unknown>;
  body: string;
}

export function preloadedTrials(file: string): Loader {
  return {
    name: 'preloaded-trials',
    load: async ({ store, renderMarkdown, generateDigest }) => {
      const trials = JSON.parse(readFileSync(file, 'utf8')) as PreloadedTrial[];
      store.clear();
      for (const trial of trials) {
        // The data stay out of the store: pages read them through trialEntries().
        store.set({
          id: trial.slug,
          data: {},
          digest: generateDigest(trial.body),
          rendered: await renderMarkdown(trial.body),
        });
      }
    },
  };
}
