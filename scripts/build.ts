/**
 * `npm run build`: validate the content, pool every release, build the site, and only then
 * replace dist/. A content problem prints the curator's messages and stops before anything is
 * written; a failed site build leaves the previous dist/ as it was.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ContentError, formatProblems } from '../src/lib/content/index.ts';
import { contentRoot } from '../src/content-root.ts';
import { GENERATED_FILE, poolReview, writeJsonAtomic } from './pool.ts';
import { discard, stagingDirFor, swapInto } from './lib/atomic-dir.ts';
import { buildSearchIndex } from './lib/search-index.ts';

// `npm run build -- --out <dir>` builds elsewhere (tests build fixtures side by side).
const outIndex = process.argv.indexOf('--out');
const OUT_DIR = outIndex >= 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1]! : 'dist';
const root = contentRoot();
const t0 = performance.now();
const ms = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

let generated;
try {
  generated = poolReview(root);
} catch (error) {
  if (error instanceof ContentError) {
    console.error(formatProblems(error.problems));
    console.error('\nThe site was not built: fix the problems above (npm run check shows them too).');
    process.exit(1);
  }
  console.error(`build: pooling failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// The default build feeds the pages from src/generated/; a build elsewhere keeps its own pooled
// results and Astro cache beside its output, so builds of other reviews never mix.
const sideBySide = path.resolve(OUT_DIR) !== path.resolve('dist');
const generatedFile = sideBySide ? path.resolve(`${OUT_DIR}.generated/analyses.json`) : path.resolve(GENERATED_FILE);
const cacheDir = sideBySide ? path.resolve(`${OUT_DIR}.generated/astro-cache`) : undefined;
writeJsonAtomic(generatedFile, generated);
const tPool = performance.now();
console.log(`Validated and pooled ${path.resolve(root)} in ${ms(t0)}`);

// The CLI file of the project's own Astro, run with the same Node as this script (Node 24).
const astroBin = path.resolve('node_modules/astro/bin/astro.mjs');
const staging = stagingDirFor(OUT_DIR);
let status: number | null = 1;
try {
  status = spawnSync(process.execPath, [astroBin, 'build', '--outDir', staging], {
    stdio: 'inherit',
    env: { ...process.env, REVIEW_CONTENT: root, REVIEW_GENERATED: generatedFile, ...(cacheDir ? { ASTRO_CACHE_DIR: cacheDir } : {}) },
  }).status;
} finally {
  if (status !== 0) discard(staging);
}
if (status !== 0) {
  console.error(`\nThe site build failed; ${OUT_DIR}/ was left as it was.`);
  process.exit(status ?? 1);
}
try {
  await buildSearchIndex(staging);
} catch (error) {
  discard(staging);
  console.error(`build: the search index failed: ${error instanceof Error ? error.message : String(error)}; ${OUT_DIR}/ was left as it was.`);
  process.exit(1);
}
swapInto(staging, OUT_DIR);
console.log(`Built ${OUT_DIR}/ in ${ms(t0)} (pooling ${((tPool - t0) / 1000).toFixed(1)} s, site ${ms(tPool)})`);
