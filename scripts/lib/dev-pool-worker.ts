/**
 * The pooling process of `npm run dev` (started and kept by scripts/lib/dev-pool.ts). Asked to
 * pool, it reads and validates the content root with the build's loadReview, pools every release
 * as `npm run build` does and writes the results whole (writeGenerated: temporary files, then
 * rename); or, when the content has problems, answers with the curator's messages exactly as
 * `npm run check` prints them and writes nothing. It stays running between saves, so that a save
 * costs the pooling alone, not starting Node and loading the modules again; it ends with the dev
 * server (its channel to it closes).
 */
import { statSync } from 'node:fs';
import { ContentError, formatProblems } from '../../src/lib/content/index.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { poolReview } from '../pool.ts';
import { writeGenerated } from './generated-json.ts';
import { writeReleaseChapters } from './release-chapters.ts';
import { releaseChaptersDir } from '../../src/lib/content/release-chapters-dir.ts';

/** What the dev server asks: pool the content under `root` into `out`. */
export interface PoolRequest {
  id: number;
  root: string;
  out: string;
}

/** The answer: the results are written, or the content has problems (nothing was written), or pooling failed. */
export type PoolReply =
  | { id: number; ok: true; outcomes: number; releases: number; ms: number; mtimeMs: number }
  | { id: number; ok: false; problems: string }
  | { id: number; ok: false; error: string };

function pool({ id, root, out }: PoolRequest): PoolReply {
  const started = performance.now();
  try {
    const loaded = loadReview(root);
    // What each release changed is worked out by the pages themselves, as in npm run build.
    const generated = poolReview(root, loaded, { changes: false });
    writeGenerated(out, generated);
    writeReleaseChapters(releaseChaptersDir(out), loaded.locks);
    const latest = generated.releases[generated.releases.length - 1]!;
    return {
      id,
      ok: true,
      outcomes: Object.keys(latest.outcomes).length,
      releases: generated.releases.length,
      ms: Math.round(performance.now() - started),
      mtimeMs: statSync(out).mtimeMs,
    };
  } catch (error) {
    if (error instanceof ContentError) return { id, ok: false, problems: formatProblems(error.problems) };
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (request: PoolRequest) => {
  process.send?.(pool(request));
});
process.on('disconnect', () => process.exit(0));
