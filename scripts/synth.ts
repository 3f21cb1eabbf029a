/**
 * npm run synth -- --trials <N> --out <dir> [--seed <S>]
 *
 * Writes a synthetic review of N trials (review.yaml, trial files, search logs, registry
 * entries, chapters) into <dir>, for performance tests: `REVIEW_CONTENT=<dir> npm run build`
 * builds it. The same N and seed give the same files. A folder that synth wrote before (its
 * marker file .living-review-synth) is replaced; the repository, the content folder, a folder
 * holding them and any other non-empty folder are refused. Exit 0 written, 2 usage.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { synthReview } from '../src/lib/synth/synth-review.ts';
import { contentRoot } from '../src/content-root.ts';
import { parseCommandLine } from './lib/cli-args.ts';
import { outFolderRefusal, SYNTH_MARKER, writeMarker } from './lib/out-folder.ts';

const USAGE = 'usage: npm run synth -- --trials <N> --out <dir> [--seed <S>]';

function main(argv: string[]): number {
  const args = parseCommandLine(argv, { strings: ['out'], counts: ['trials'], numbers: ['seed'], positional: { max: 0 } }, USAGE);
  if (typeof args === 'number') return args;
  const trials = args.numbers.get('trials');
  const seed = args.numbers.get('seed') ?? 1;
  const given = args.strings.get('out');
  if (given === undefined || trials === undefined || !Number.isSafeInteger(seed)) {
    console.error(`${given === undefined ? '--out is missing' : trials === undefined ? '--trials is missing' : '--seed needs a whole number'}\n${USAGE}`);
    return 2;
  }
  // Replaces only a review it wrote itself (its marker file), never the review's content, the
  // repository or a folder of other files.
  const refusal = outFolderRefusal(given, { contentRoot: contentRoot(), marker: SYNTH_MARKER, option: '--out' });
  if (refusal) {
    console.error(`synth: ${refusal}\n${USAGE}`);
    return 2;
  }
  const out = path.resolve(given);
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const files = synthReview({ trials, seed });
  for (const dir of new Set(files.map((f) => path.dirname(path.join(out, f.path))))) mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(out, file.path), file.text);
  writeMarker(out, SYNTH_MARKER, 'A synthetic review written by npm run synth of the living review generator.');
  console.log(`Wrote a synthetic review of ${trials} trials (seed ${seed}, ${files.length} files) to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
