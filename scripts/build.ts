/**
 * `npm run build`: validate the content, pool every release, build the site, and only then
 * replace dist/. A content problem prints the curator's messages and stops before anything is
 * written; a failed site build leaves the previous dist/ as it was.
 *
 * The work overlaps on the machine's cores: Astro starts first (its start needs no content),
 * while this process reads, validates and pools the content and hands the results over in files
 * the site's collection and pages wait for; while Astro renders the pages, this process writes
 * the trials' search index from their files; the other pages' index is added last.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError, formatProblems } from '../src/lib/content/index.ts';
import { loadReview, type LoadedReview } from '../src/lib/content/load-review-fs.ts';
import { contentRoot } from '../src/content-root.ts';
import { GENERATED_FILE, poolReview } from './pool.ts';
import { removeGenerated, writeGenerated } from './lib/generated-json.ts';
import { discard, stagingDirFor, swapInto, writeFileAtomic } from './lib/atomic-dir.ts';
import { commandLineOrExit } from './lib/cli-args.ts';
import { BUILD_MARKER, isEarlierSite, outFolderRefusal, writeMarker } from './lib/out-folder.ts';
import { buildSearchIndex, closeSearch, TRIAL_INDEX_FOLDER, writeTrialIndex } from './lib/search-index.ts';
import { trialSearchRecord } from '../src/lib/search/trial-record.ts';
import type { PreloadedNotes, PreloadedTrial } from '../src/lib/content/preloaded-trials-fs.ts';
import type { GeneratedAnalyses } from '../src/lib/review/analyses-types.ts';
import { allReleaseChanges } from '../src/lib/review/release-changes.ts';
import { largeDataFiles } from '../src/lib/review/release-files.ts';
import { releaseChaptersDir } from '../src/lib/content/release-chapters-dir.ts';
import { writeReleaseChapters } from './lib/release-chapters.ts';

const USAGE = 'usage: npm run build [-- --out <folder>]   (default dist; REVIEW_CONTENT=<dir> builds another review)';
// `npm run build -- --out <dir>` builds elsewhere (tests build fixtures side by side).
const args = commandLineOrExit(process.argv.slice(2), { strings: ['out'], positional: { max: 0 } }, USAGE);
// Without trailing slashes: the build's side folders are named after it (`<out>.generated`).
const OUT_DIR = (args.strings.get('out') ?? 'dist').replace(/(?<=[^/])\/+$/, '');
const root = contentRoot();
// The output replaces its folder as a whole: never the repository, the content or a folder
// holding them, nor a folder of other files (scripts/lib/out-folder.ts).
const refusal = outFolderRefusal(OUT_DIR, { contentRoot: root, marker: BUILD_MARKER, option: '--out', earlierOutput: isEarlierSite });
if (refusal) {
  console.error(`build: ${refusal}\n${USAGE}`);
  process.exit(2);
}
/**
 * CPU seconds used so far by this process and by the child processes it has waited for (Astro,
 * Pagefind), from /proc on Linux: on a busy machine wall time says little, CPU time is steadier.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime, the 16th and 17th fields of stat (14th and 15th after the command name)
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    children = NaN;
  }
  return (own.user + own.system) / 1e6 + children;
}
const t0 = performance.now();
const c0 = cpuSeconds();
const ms = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

// The default build feeds the pages from src/generated/; a build elsewhere keeps its own pooled
// results and Astro cache beside its output, so builds of other reviews never mix.
const sideBySide = path.resolve(OUT_DIR) !== path.resolve('dist');
const generatedFile = sideBySide ? path.resolve(`${OUT_DIR}.generated/analyses.json`) : path.resolve(GENERATED_FILE);
const cacheDir = sideBySide ? path.resolve(`${OUT_DIR}.generated/astro-cache`) : undefined;
// The validated trials, for the site's trials collection (src/lib/content/preloaded-trials-fs.ts):
// Astro need not read and check thousands of files again.
// The pages read the data, the trials collection renders the notes: one file for each.
const trialsFile = path.join(path.dirname(generatedFile), 'trials.json');
const notesFile = path.join(path.dirname(generatedFile), 'trial-notes.json');
// The locked releases' chapters, as published (scripts/lib/release-chapters.ts).
const releaseChaptersFolder = releaseChaptersDir(generatedFile);
// Astro starts first, while this process reads, validates and pools the content: its start
// (loading, bundling) needs none of it, and its trials collection and pages wait for the files
// this process hands over (REVIEW_BUILD_PID, src/lib/build/when-ready.ts). So an earlier
// build's files must not be taken for this one's.
for (const file of [trialsFile, notesFile, releaseChaptersFolder]) rmSync(file, { force: true, recursive: true });
removeGenerated(generatedFile);

// The CLI file of the project's own Astro, run with the same Node as this script (Node 24).
const astroBin = path.resolve('node_modules/astro/bin/astro.mjs');
const staging = stagingDirFor(OUT_DIR);
const tSpawn = performance.now();
const astro = spawn(process.execPath, [astroBin, 'build', '--outDir', staging], {
  // Astro's output is held back until the content is known to be valid: a curator's mistake
  // then reads as the list of problems alone, not after Astro's first lines.
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
    REVIEW_CONTENT: root,
    REVIEW_GENERATED: generatedFile,
    REVIEW_TRIALS_JSON: trialsFile,
    REVIEW_TRIAL_NOTES_JSON: notesFile,
    REVIEW_RELEASE_CHAPTERS: releaseChaptersFolder,
    // names this process: Astro waits for its files, leaves it the large data files, and ends with it
    REVIEW_BUILD_PID: String(process.pid),
    ...(cacheDir ? { ASTRO_CACHE_DIR: cacheDir } : {}),
  },
});
const astroExit = new Promise<number | null>((resolve) => {
  astro.on('error', () => resolve(1));
  astro.on('close', (code) => resolve(code));
});
// However this process ends (a problem, an error, Ctrl-C), Astro does not outlive it: it would
// otherwise wait for files that will never come.
process.on('exit', () => {
  if (astro.exitCode === null && astro.signalCode === null) astro.kill();
});
// Folders of this build in progress, removed if it is stopped or fails.
const inProgress = [staging];
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
/**
 * Stops a failed build: Astro and Pagefind, then removes its folders in progress, says why and
 * exits. It never returns: `throw await abandon(…)` tells the reader (and TypeScript) so.
 */
async function abandon(message: string, code = 1): Promise<never> {
  if (astro.exitCode === null && astro.signalCode === null) astro.kill();
  await astroExit;
  await closeSearch();
  for (const dir of inProgress) discard(dir);
  console.error(message);
  process.exit(code);
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    for (const dir of inProgress) discard(dir);
    process.exit(code);
  });
}
const heldBack: [NodeJS.WriteStream, Buffer][] = [];
let holdBack = true;
for (const [from, to] of [[astro.stdout, process.stdout], [astro.stderr, process.stderr]] as const) {
  from.on('data', (chunk: Buffer) => (holdBack ? heldBack.push([to, chunk]) : to.write(chunk)));
}
/** Shows what Astro has printed so far, and from now on as it comes. */
function showAstro(): void {
  holdBack = false;
  for (const [to, chunk] of heldBack.splice(0)) to.write(chunk);
}

let loaded;
try {
  loaded = loadReview(root);
} catch (error) {
  throw await abandon(
    error instanceof ContentError
      ? `${formatProblems(error.problems)}\n\nThe site was not built: fix the problems above (npm run check shows them too).`
      : `build: reading the content failed: ${reason(error)}`,
  );
}
const tLoad = performance.now();
showAstro();
mkdirSync(path.dirname(trialsFile), { recursive: true });
writeFileAtomic(trialsFile, JSON.stringify(loaded.trials.map(({ slug, data }): PreloadedTrial => ({ slug, data }))));
writeFileAtomic(notesFile, JSON.stringify(loaded.trials.map(({ slug, body }): PreloadedNotes => ({ slug, body }))));
writeReleaseChapters(releaseChaptersFolder, loaded.locks);
let tAnalyses = tLoad;
let generated: GeneratedAnalyses;
try {
  // The pages work out what each release changed themselves (release-changes.ts, once per build).
  generated = poolReview(root, loaded, { changes: false });
  tAnalyses = performance.now();
  writeGenerated(generatedFile, generated);
} catch (error) {
  throw await abandon(`build: pooling failed: ${reason(error)}; ${OUT_DIR}/ was left as it was.`);
}
const tPool = performance.now();
const cPool = cpuSeconds();
console.log(
  `Validated and pooled ${path.resolve(root)} in ${ms(t0)} (load and validate ${((tLoad - t0) / 1000).toFixed(1)} s, analyses ${((tAnalyses - tLoad) / 1000).toFixed(1)} s, writing ${ms(tAnalyses)}; astro started at ${((tSpawn - t0) / 1000).toFixed(1)} s, before the reading)`,
);
// The trials' search bundle is written from the validated files while Astro renders the pages:
// Astro keeps one core busy, Pagefind's process uses the other (scripts/lib/search-index.ts).
const trialIndexDir = stagingDirFor(`${OUT_DIR}-search`);
inProgress.push(trialIndexDir);
const trialIndex = settle(
  writeTrialIndex(
    loaded.trials.map((t) => trialSearchRecord(t.slug, t.data, t.body, loaded.review)),
    trialIndexDir,
  ),
  (n) => ({ n }),
);
// So are the large data files (src/lib/review/release-files.ts), into a folder of their own.
const dataDir = stagingDirFor(`${OUT_DIR}-data`);
inProgress.push(dataDir);
const dataFiles = settle(writeLargeFiles(dataDir, loaded, generated), (files) => ({ files }));
const status = await astroExit;
const tSite = performance.now();
const cSite = cpuSeconds();
const trials = await trialIndex;
const data = await dataFiles;
if (status !== 0) throw await abandon(`\nThe site build failed; ${OUT_DIR}/ was left as it was.`, status ?? 1);
if (!trials.ok) throw await abandon(`build: the search index failed: ${reason(trials.error)}; ${OUT_DIR}/ was left as it was.`);
if (!data.ok) throw await abandon(`build: writing the data files failed: ${reason(data.error)}; ${OUT_DIR}/ was left as it was.`);
let searchPages = 0;
try {
  for (const file of data.files) {
    mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    renameSync(path.join(dataDir, file), path.join(staging, file));
  }
  discard(dataDir);
  renameSync(trialIndexDir, path.join(staging, TRIAL_INDEX_FOLDER));
  searchPages = (await buildSearchIndex(staging, { trialPages: 'records' })).pages;
  // Pagefind's process is stopped when the index is written; let it be reaped so that the CPU
  // time below counts it.
  await new Promise((resolve) => setTimeout(resolve, 300));
} catch (error) {
  throw await abandon(`build: the search index failed: ${reason(error)}; ${OUT_DIR}/ was left as it was.`);
}
const tSearch = performance.now();
const cSearch = cpuSeconds();
writeMarker(staging, BUILD_MARKER, 'A site built by npm run build of the living review generator.');
swapInto(staging, OUT_DIR);
const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
// One line with every phase; `npm run bench:scale` reads it.
console.log(
  `Built ${OUT_DIR}/ in ${ms(t0)} (pooling ${seconds(t0, tPool)}, site ${ms(tSpawn)}: astro ${seconds(tSpawn, tSite)}, search index ${seconds(tSite, tSearch)} for ${searchPages} pages; ` +
    `astro started at ${seconds(t0, tSpawn)}, beside the reading and pooling; beside it, ${trials.n} trials were indexed in ${seconds(tPool, trials.at)} ` +
    `and ${data.files.length} large data files written in ${seconds(tPool, data.at)})`,
);
const cpu = (from: number, to: number) => `${(to - from).toFixed(1)} s`;
// Astro's CPU time is counted when it ends, so the phases are: this process up to the end of
// the pooling, then Astro and the trials' search bundle, then the other pages' search index.
console.log(`CPU time ${cpu(c0, cpuSeconds())} (pooling ${cpu(c0, cPool)}, astro ${cpu(cPool, cSite)}, search index ${cpu(cSite, cSearch)})`);

/**
 * Writes the large data files into `dir` (their paths under the site root), one at a time,
 * letting the search indexing beside it go on between files.
 */
async function writeLargeFiles(dir: string, { review, trials }: LoadedReview, { releases, latest }: GeneratedAnalyses): Promise<string[]> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const changes = allReleaseChanges(
    review,
    trials.map(({ slug, data }) => ({ slug, data })),
    releases,
  );
  const written: string[] = [];
  for (const [file, text] of largeDataFiles(review, releases, changes, latest)) {
    await turn();
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    written.push(file);
  }
  return written;
}

/** A job beside Astro, settled: its result with the time it ended, or its error. */
function settle<T, R extends object>(job: Promise<T>, result: (value: T) => R) {
  return job.then(
    (value) => ({ ok: true as const, ...result(value), at: performance.now() }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
