/**
 * An Astro content loader for the trials that `npm run build` has already read and validated.
 * The build's first step (scripts/build.ts) loads every content file with npm run check's rules
 * before pooling and writes the validated trials to two JSON files: their data
 * (REVIEW_TRIALS_JSON), which the pages read (src/lib/content/trial-entries.ts), and their notes
 * (REVIEW_TRIAL_NOTES_JSON), read here. This loader puts in the collection only what Astro must
 * make: each trial's notes, rendered as the glob loader would render them, under an empty `data`. Reading, validating and storing 20,000 trials a
 * second time in Astro's data store took most of a minute. `astro dev` and `astro check` keep the
 * glob loader, with the data. A `-fs` file: it reads the disk, so it must never reach code
 * shipped to browsers.
 */
import { readFileSync } from 'node:fs';
import type { Loader } from 'astro/loaders';
import { whenReady } from '../build/when-ready.ts';

/** One trial in REVIEW_TRIALS_JSON, as the build hands it to the pages: file slug and validated front matter. */
export interface PreloadedTrial {
  slug: string;
  data: Record<string, unknown>;
}

/** One trial in REVIEW_TRIAL_NOTES_JSON, for this loader: file slug and notes. */
export interface PreloadedNotes {
  slug: string;
  body: string;
}

/**
 * Parses a file npm run build hands over. With `wait` (REVIEW_BUILD_PID set: npm run build
 * starts Astro while it still reads the content), waits until the build has written it (under a
 * temporary name, then renamed: once there, it is whole).
 */
export async function readHandover<T>(file: string, wait: boolean): Promise<T> {
  const read = () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      if (wait && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  return wait ? whenReady(read, `the validated trials ${file}`) : read()!;
}

/** `file`: the notes file (REVIEW_TRIAL_NOTES_JSON) that npm run build writes; `wait`: see readHandover. */
export function preloadedTrials(file: string, wait = false): Loader {
  return {
    name: 'preloaded-trials',
    load: async ({ store, renderMarkdown, generateDigest }) => {
      const trials = await readHandover<PreloadedNotes[]>(file, wait);
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
