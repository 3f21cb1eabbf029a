/**
 * The one loading path for the pooling scripts and the site build: read, parse and validate a
 * content root, and either return typed data or throw one ContentError with every problem.
 * A `-fs` file because it reads the disk (through read-content-fs.ts); the browser never needs it.
 */
import { validLocks, type ReleaseLock } from '../review/release-lock.ts';
import type { CertaintyFile, RegistryEntry, Review, Search, Trial } from '../../schemas/index.ts';
import { ContentError } from './problems.ts';
import { readContent, type ReadContentOptions } from './read-content-fs.ts';
import { validateContent } from './validate-content.ts';

export interface LoadedTrial {
  /** File name without .md: the trial's page address. */
  slug: string;
  /** The file as shown in messages, e.g. `content/trials/ft522.md`. */
  file: string;
  data: Trial;
  /** The curator's Markdown notes below the front matter. */
  body: string;
}

export interface LoadedReview {
  review: Review;
  trials: LoadedTrial[];
  /** Search runs by id (the file name without .yaml). */
  searches: { id: string; file: string; data: Search }[];
  registry: { file: string; data: RegistryEntry }[];
  /** The curator's GRADE ratings (certainty.yaml; no outcome rated when the file is absent). */
  certainty: CertaintyFile;
  /** The locks of published releases, by release number (read with the content, never again). */
  locks: Map<number, ReleaseLock>;
}

/**
 * Loads the review under `root`.
 * @throws ContentError carrying every problem when anything is invalid.
 */
export function loadReview(root: string, options: ReadContentOptions = {}): LoadedReview {
  const raw = readContent(root, options);
  const { problems, review, trials, searches, registry, certainty } = validateContent(raw);
  if (problems.length > 0 || !review) throw new ContentError(problems);
  return {
    review: review.data,
    trials: trials.map(({ source, data }) => ({ slug: source.name, file: source.file, data, body: source.body })),
    searches: searches.map(({ source, data }) => ({ id: source.name, file: source.file, data })),
    registry: registry.map(({ source, data }) => ({ file: source.file, data })),
    certainty: certainty?.data ?? { outcomes: {} },
    locks: validLocks(raw.published),
  };
}
