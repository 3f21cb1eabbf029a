/**
 * An Astro content loader for the trials that `npm run build` has already read and validated.
 * The build's first step (scripts/build.ts) loads every content file with npm run check's rules
 * before pooling; reading, parsing and validating 20,000 trial files a second time in Astro's
 * glob loader took most of a minute. So the build writes the validated trials to a JSON file
 * (REVIEW_TRIALS_JSON) and this loader puts them in the collection as they are, rendering each
 * trial's notes as the glob loader would. `astro dev` and `astro check` keep the glob loader.
 * A `-fs` file: it reads the disk, so it must never reach code shipped to browsers.
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
        store.set({
          id: trial.slug,
          data: trial.data,
          digest: generateDigest(trial.body),
          rendered: await renderMarkdown(trial.body),
        });
      }
    },
  };
}
