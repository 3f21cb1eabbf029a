/**
 * Pools every outcome of every release and writes src/generated/analyses.json, the data the
 * site's pages and chapters read. Usage: npm run pool [-- --content <dir>] [--out <file>]
 * The file is written whole or not at all (temporary file, then rename).
 */
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from './lib/atomic-dir.ts';
import path from 'node:path';
import { loadReview, type LoadedReview } from '../src/lib/content/load-review-fs.ts';
import { ContentError, formatProblems } from '../src/lib/content/index.ts';
import { contentRoot } from '../src/content-root.ts';
import { analyseRelease } from '../src/lib/review/analyse-release.ts';
import { allReleaseChanges } from '../src/lib/review/release-changes.ts';
import type { GeneratedAnalyses } from '../src/lib/review/analyses-types.ts';
import { appraiseReleases } from '../src/lib/appraisal/appraise-releases.ts';
import { commandLineOrExit } from './lib/cli-args.ts';
import { fileRefusal } from './lib/out-folder.ts';

export const GENERATED_FILE = 'src/generated/analyses.json';

/**
 * `loaded`: the review as loadReview(root) returns it, when the caller has loaded it already.
 * `changes: false` leaves out what each release changed (the site works it out itself, once per
 * build; for a review of thousands of trials it is seconds of work and a third of the file).
 */
export function poolReview(root: string, loaded: LoadedReview = loadReview(root), options: { changes?: boolean } = {}): GeneratedAnalyses {
  const { review, trials } = loaded;
  const records = trials.map((t) => ({ slug: t.slug, data: t.data }));
  const pooled = review.releases.map((r) => analyseRelease(review, records, r.number));
  const { releases, current } = appraiseReleases(review, records, pooled, loaded.locks, loaded.certainty);
  const changes = options.changes === false ? [] : allReleaseChanges(review, records, releases);
  return { review: review.id, latest: releases[releases.length - 1]!.release, releases, changes, ...(current ? { current } : {}) };
}

/** Writes `data` as JSON to `file` through a temporary file in the same folder. */
export function writeJsonAtomic(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(data, null, 1)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const USAGE = 'usage: npm run pool [-- --content <dir>] [--out <file>]';
  const args = commandLineOrExit(process.argv.slice(2), { strings: ['content', 'out'], positional: { max: 0 } }, USAGE);
  const root = args.strings.get('content') ?? contentRoot();
  const out = args.strings.get('out') ?? GENERATED_FILE;
  const refusal = fileRefusal(out, { contentRoot: root, option: '--out' });
  if (refusal) {
    console.error(`pool: ${refusal}\n${USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  try {
    const generated = poolReview(root);
    writeJsonAtomic(out, generated);
    const latest = generated.releases[generated.releases.length - 1]!;
    console.log(
      `Pooled ${Object.keys(latest.outcomes).length} outcomes for ${generated.releases.length} release(s) in ${Math.round(performance.now() - started)} ms -> ${out}`,
    );
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(formatProblems(error.problems));
      process.exit(1);
    }
    console.error(`pool: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
