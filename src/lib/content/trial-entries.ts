/**
 * The trials as the pages read them: `{ id, data }` for every trial file, in file-name order.
 *
 * A build driven by `npm run build` has read and validated every trial file already
 * (scripts/build.ts) and hands them over as JSON (REVIEW_TRIALS_JSON, named to the pages by the
 * `#generated/trials-file` virtual module of astro.config.mjs). The pages then read that file
 * once, and Astro's trials collection holds only each trial's rendered notes: a collection of
 * 20,000 trials' data is copied into Astro's data store, serialised, bundled and parsed again,
 * which took most of a minute. Elsewhere (astro dev, astro check) the trials come from the
 * collection, read from the content folder.
 */
import { getCollection } from 'astro:content';
import preloadedFile, { drivenByBuild } from '#generated/trials-file';
import type { Trial } from '../../schemas/index.ts';
import { readHandover, type PreloadedTrial } from './preloaded-trials-fs.ts';

export interface TrialEntry {
  /** The file name without .md: the trial's page address. */
  id: string;
  data: Trial;
}

let preloaded: TrialEntry[] | undefined;

/** Every trial, in file-name order: a new array on each call, of the same entries throughout one build. */
export async function trialEntries(): Promise<TrialEntry[]> {
  if (!preloadedFile) return (await getCollection('trials')).map((t) => ({ id: t.id, data: t.data }));
  preloaded ??= (await readHandover<PreloadedTrial[]>(preloadedFile, drivenByBuild)).map((t) => ({ id: t.slug, data: t.data as Trial }));
  return [...preloaded];
}
