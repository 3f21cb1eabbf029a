/**
 * The large public data files of the review: each release's pooled results (analyses.json,
 * also at data/latest/), its study rows (studies.csv) and what it changed (changes.json), by
 * their path under the site's root. The site's endpoints serve them (in `astro dev`, or a
 * build of Astro alone); `npm run build` writes them itself, beside Astro, because for a
 * review of thousands of trials they are hundreds of megabytes: their serialising was the
 * largest single piece of the site's one-thread work. Either way the text is made here.
 */
import type { Review } from '../../schemas/index.ts';
import type { ReleaseAnalyses, ReleaseChanges } from './analyses-types.ts';
import { studiesCsv } from './exports.ts';

/** The large files of data/releases/<n>/ (results.csv and reproduce.R, a few kB each, are the site's). */
export const LARGE_RELEASE_FILES = ['analyses.json', 'studies.csv'] as const;

export const analysesJson = (data: ReleaseAnalyses): string => `${JSON.stringify(data, null, 1)}\n`;
export const changesJson = (changes: ReleaseChanges): string => `${JSON.stringify(changes, null, 1)}\n`;

/** The study rows of a release, with a column for each of the review's subgroup variables. */
export const releaseStudiesCsv = (review: Review, data: ReleaseAnalyses): string =>
  studiesCsv(
    data,
    review.subgroups.map((v) => v.id),
  );

/**
 * Every large file, as [path under the site root, text], one at a time: together they can be
 * more than one string may hold.
 */
export function* largeDataFiles(
  review: Review,
  releases: readonly ReleaseAnalyses[],
  changes: readonly ReleaseChanges[],
  latest: number,
): Generator<[path: string, text: string]> {
  for (const data of releases) {
    const analyses = analysesJson(data);
    yield [`data/releases/${data.release}/analyses.json`, analyses];
    if (data.release === latest) yield ['data/latest/analyses.json', analyses];
    yield [`data/releases/${data.release}/studies.csv`, releaseStudiesCsv(review, data)];
  }
  for (const c of changes) yield [`data/releases/${c.release}/changes.json`, changesJson(c)];
}
