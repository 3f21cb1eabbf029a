/**
 * npm run synth -- --trials <N> --out <dir> [--seed <S>]
 *
 * Writes a synthetic review of N trials (review.yaml, trial files, search logs, registry
 * entries, chapters) into <dir>, for performance tests: `REVIEW_CONTENT=<dir> npm run build`
 * builds it. The same N and seed give the same files. A folder that already holds a review
 * (a review.yaml) is replaced; any other non-empty folder is refused. Exit 0 written, 2 usage.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { synthReview } from '../src/lib/synth/synth-review.ts';

const USAGE = 'usage: npm run synth -- --trials <N> --out <dir> [--seed <S>]';

function main(argv: string[]): number {
  let values: { trials?: string | undefined; out?: string | undefined; seed?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { trials: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const trials = Number(values.trials);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!values.out || !Number.isInteger(trials) || trials < 1 || !Number.isInteger(seed)) {
    console.error(USAGE);
    return 2;
  }
  const out = path.resolve(values.out);
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(path.join(out, 'review.yaml'))) {
      console.error(`synth: ${out} is not empty and holds no review.yaml; give an empty or new folder.`);
      return 2;
    }
    rmSync(out, { recursive: true, force: true });
  }
  const started = performance.now();
  const files = synthReview({ trials, seed });
  for (const dir of new Set(files.map((f) => path.dirname(path.join(out, f.path))))) mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(out, file.path), file.text);
  console.log(`Wrote a synthetic review of ${trials} trials (seed ${seed}, ${files.length} files) to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
