/**
 * npm run bench [-- --cases 10000 --small 1000 --seed 1 --no-r --baseline DIR]
 *
 * Times random k = 20 PFT/REML analyses here and in R metafor (when Rscript with metafor is
 * installed) on the same cases, and prints the time per analysis of each and the ratio.
 * Both sides are timed on a small and a large batch and the difference is divided by the
 * difference in size, so start-up (R loads in over a second) and warm-up cancel out.
 * Each side does the same work: effect sizes, the REML fit (metafor's settings of the
 * cross-check: threshold 1e-12, stepadj 0.5), the prediction interval and the Miller
 * back-transform of estimate, CI and PI.
 *
 * Two paths are timed on each side:
 * - in-process, no I/O: metaProportions in a loop (also reading the study intervals and the
 *   tau² CI) against rma + predict + transf.ipft.hm in an R loop;
 * - end to end, what users run: `npm run meta -- --batch` on JSON lines (ten times --cases; read, checked,
 *   analysed, written) against the same JSON-lines loop in R (jsonlite; the calls of the
 *   metafor cross-check's ref.R). R takes milliseconds per case, so its batches are a fifth and
 *   a fiftieth of --cases.
 * Each engine is timed in-process in a process of its own (this script with --time-engine DIR,
 * which prints that engine's figures as JSON). With --baseline DIR (another checkout of this
 * project, e.g. the last release), its engine and its `meta --batch` are timed on the same
 * cases, in turns with this one's, and printed beside them; neither is billed for collecting
 * the other's garbage. A second section times the binomial-normal GLMM (rma.glmm) on a hundredth of the
 * cases. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { metaProportions } from '../src/lib/stats/index.ts';
import { commandLineOrExit } from './lib/cli-args.ts';

const args = commandLineOrExit(
  process.argv.slice(2),
  { counts: ['cases', 'small'], numbers: ['seed'], strings: ['baseline', 'time-engine'], flags: ['no-r'], positional: { max: 0 } },
  'usage: npm run bench [-- --cases 10000 --small 1000 --seed 1 --no-r --baseline DIR]',
);
const LARGE = args.numbers.get('cases') ?? 10_000;
const SMALL = args.numbers.get('small') ?? Math.round(LARGE / 10);
const K = 20;
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(REPO, 'node_modules/tsx/dist/cli.mjs');

/** Small deterministic generator (mulberry32), so both sides get the same cases. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  readonly events: number[];
  readonly n: number[];
}

function makeCases(count: number, seed: number): Case[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const p = 0.05 + 0.9 * next();
    const spread = 0.25 * next();
    const n = Array.from({ length: K }, () => Math.round(10 ** (1 + 1.7 * next())));
    const events = n.map((size) => {
      const pi = Math.min(1, Math.max(0, p + spread * (next() - 0.5)));
      let x = 0;
      for (let j = 0; j < size; j++) if (next() < pi) x++;
      return x;
    });
    return { events, n };
  });
}

const SEED = args.numbers.get('seed') ?? 1;
const cases = makeCases(LARGE, SEED);

/** An engine to time: this checkout, or the one given with --baseline. */
interface Engine {
  readonly name: string;
  /** the checkout's root folder (its scripts/meta.ts is the batch command) */
  readonly root: string;
  readonly metaProportions: typeof metaProportions;
}

/** The engine of a checkout (its src/lib/stats). */
async function loadEngine(name: string, root: string): Promise<Engine> {
  if (root === REPO) return { name, root, metaProportions };
  const module = (await import(pathToFileURL(join(root, 'src/lib/stats/index.ts')).href)) as { metaProportions: typeof metaProportions };
  return { name, root, metaProportions: module.metaProportions };
}

// A process started by inProcessTimes: time one engine and print its figures as JSON.
const timedRoot = args.strings.get('time-engine');
if (timedRoot !== undefined) {
  const engine = await loadEngine('timed', resolve(timedRoot));
  process.stdout.write(JSON.stringify({ core: perAnalysisOf(engine, false), full: perAnalysisOf(engine, true) }));
  process.exit(0);
}

const engines: Engine[] = [await loadEngine('this', REPO)];
const baseline = args.strings.get('baseline');
if (baseline !== undefined) engines.push(await loadEngine('baseline', resolve(baseline)));

/** One analysis as the site runs it (study intervals and tau² CI are read only if `full`). */
function analyse(engine: Engine, c: Case, full: boolean): number {
  const result = engine.metaProportions({ events: c.events, n: c.n, transform: 'PFT', method: 'REML', ci: 'z' });
  let check = result.proportion.estimate + result.proportion.ci_lower + result.proportion.pi_upper + result.I2;
  if (full) check += (result.tau2_ci?.tau2_upper ?? 0) + (result.studies[0]?.ci_lower ?? 0);
  return check;
}

function timeBatch(engine: Engine, count: number, full: boolean): number {
  let check = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) check += analyse(engine, cases[i]!, full);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (Number.isNaN(check)) throw new Error('benchmark produced NaN');
  return seconds;
}

/**
 * Seconds per analysis of one engine, in-process, from the difference of a large and a small
 * batch, best of `repeats` rounds (after a warm-up that compiles the hot path).
 */
function perAnalysisOf(engine: Engine, full: boolean, repeats = 5): number {
  timeBatch(engine, SMALL, full);
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const large = timeBatch(engine, LARGE, full);
    const small = timeBatch(engine, SMALL, full);
    best = Math.min(best, (large - small) / (LARGE - SMALL));
  }
  return best;
}

/** What a process started with --time-engine prints: its engine's seconds per analysis. */
interface EngineTimes {
  readonly core: number;
  readonly full: number;
}

/**
 * Seconds per analysis of each engine, in-process: each engine is timed in a process of its
 * own (this script with --time-engine), so that the garbage one engine leaves is never
 * collected on the other's time; the engines take turns, `rounds` times, and each keeps its
 * best figures.
 */
function inProcessTimes(rounds: number): EngineTimes[] {
  const best = engines.map(() => ({ core: Infinity, full: Infinity }));
  for (let r = 0; r < rounds; r++) {
    engines.forEach((engine, e) => {
      const options = ['--cases', String(LARGE), '--small', String(SMALL), '--seed', String(SEED), '--time-engine', engine.root];
      const run = spawnSync(process.execPath, [TSX, fileURLToPath(import.meta.url), ...options], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`timing ${engine.root} failed: ${run.stderr}`);
      const times = JSON.parse(run.stdout) as EngineTimes;
      best[e] = { core: Math.min(best[e]!.core, times.core), full: Math.min(best[e]!.full, times.full) };
    });
  }
  return best;
}

/** A case as one line of `meta --batch` input (the format of the metafor cross-check). */
function caseLine(c: Case, i: number): string {
  return JSON.stringify({ id: `c${i}`, events: c.events, n: c.n, transform: 'PFT', method: 'REML', ci: 'z' });
}

/** Writes `count` cases as JSON lines (the cases in order, from the first again when there are fewer) and returns the file's path. */
function writeCases(dir: string, count: number): string {
  const file = join(dir, `cases-${count}.jsonl`);
  const lines = Array.from({ length: count }, (_, i) => caseLine(cases[i % cases.length]!, i));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs a command with a file on stdin and another on stdout; seconds of wall time. */
function runWithFiles(command: string, commandArgs: readonly string[], input: string, output: string): number {
  const inFd = openSync(input, 'r');
  const outFd = openSync(output, 'w');
  try {
    const start = process.hrtime.bigint();
    const run = spawnSync(command, commandArgs, { stdio: [inFd, outFd, 'pipe'] });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr.toString()}`);
    return seconds;
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
}

/**
 * Cases in the large batch file: ten times --cases, so that the analyses outweigh the start of
 * a process (about 0.4 s, which varies by tens of milliseconds from run to run).
 */
const BATCH_LARGE = 10 * LARGE;

/**
 * Seconds per case of each engine's `meta --batch` (a fresh process per run, as a user runs it):
 * the best time of the large file less the best time of the small one, over `repeats` rounds
 * taken in turns, divided by the difference in cases.
 */
function batchPerAnalysis(dir: string, repeats = 3): number[] {
  const small = writeCases(dir, SMALL);
  const large = writeCases(dir, BATCH_LARGE);
  const bestSmall = engines.map(() => Infinity);
  const bestLarge = engines.map(() => Infinity);
  for (let r = 0; r < repeats; r++) {
    engines.forEach((engine, e) => {
      const command = [TSX, join(engine.root, 'scripts/meta.ts'), '--batch'];
      const output = join(dir, `out-${engine.name}.jsonl`);
      bestSmall[e] = Math.min(bestSmall[e]!, runWithFiles(process.execPath, command, small, output));
      // the large file last, so that its answers stay in `output` for the agreement check
      bestLarge[e] = Math.min(bestLarge[e]!, runWithFiles(process.execPath, command, large, output));
    });
  }
  return engines.map((_, e) => (bestLarge[e]! - bestSmall[e]!) / (BATCH_LARGE - SMALL));
}

const R_SCRIPT = `
suppressMessages(library(metafor))
a <- commandArgs(TRUE); k <- as.integer(a[3]); m <- as.integer(a[4])
ev <- matrix(scan(a[1], quiet = TRUE), ncol = k, byrow = TRUE)[seq_len(m), , drop = FALSE]
nn <- matrix(scan(a[2], quiet = TRUE), ncol = k, byrow = TRUE)[seq_len(m), , drop = FALSE]
ctl <- list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5)
out <- numeric(m)
for (i in seq_len(m)) {
  r <- rma(measure = "PFT", xi = ev[i, ], ni = nn[i, ], method = "REML", control = ctl)
  p <- predict(r)
  b <- transf.ipft.hm(c(p$pred, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub), targs = list(ni = nn[i, ]))
  out[i] <- b[1]
}
writeLines(formatC(out, digits = 17, format = "g"), a[5])
`;

/**
 * metafor's JSON-lines path: the loop of the cross-check's ref.R (one JSON case per line in,
 * one JSON answer per line out, jsonlite) for the cases of this benchmark: rma, predict and the
 * back-transform of estimate, CI and PI, with the fields `meta --batch` prints.
 */
const R_JSON_LINES_SCRIPT = `
suppressMessages({library(metafor); library(jsonlite)})
ctl <- list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5)
bt <- function(t, v, ni) switch(t,
  PFT = transf.ipft.hm(v, targs = list(ni = ni)), PAS = transf.iarcsin(v),
  PLO = transf.ilogit(v), PRAW = v)
con <- file("stdin"); lines <- readLines(con); close(con)
for (ln in lines) {
  cs <- fromJSON(ln)
  r <- rma(measure = if (cs$transform == "PRAW") "PR" else cs$transform, xi = cs$events, ni = cs$n,
           method = if (cs$method == "FE") "EE" else cs$method, test = if (cs$ci == "hk") "knha" else "z", control = ctl)
  p <- predict(r)
  out <- list(id = cs$id, k = r$k, tau2 = r$tau2, I2 = r$I2, H2 = r$H2, Q = r$QE, Q_p = r$QEp,
    transformed = list(estimate = as.numeric(coef(r)), se = r$se, ci_lower = p$ci.lb, ci_upper = p$ci.ub,
                       pi_lower = p$pi.lb, pi_upper = p$pi.ub),
    proportion = list(estimate = bt(cs$transform, as.numeric(coef(r)), cs$n), ci_lower = bt(cs$transform, p$ci.lb, cs$n),
                      ci_upper = bt(cs$transform, p$ci.ub, cs$n), pi_lower = bt(cs$transform, p$pi.lb, cs$n),
                      pi_upper = bt(cs$transform, p$pi.ub, cs$n)))
  cat(toJSON(out, auto_unbox = TRUE, digits = NA), "\n", sep = "")
}
`;

/** Whether Rscript runs and has the named packages. */
function rHas(...packages: string[]): boolean {
  const probe = spawnSync('Rscript', ['-e', packages.map((name) => `suppressMessages(library(${name}))`).join('; ')], { stdio: 'ignore' });
  return probe.status === 0;
}

function rAvailable(): boolean {
  return rHas('metafor');
}

/** Seconds per analysis in R, and R's pooled estimates for the large batch. */
function timeR(): { seconds: number; estimates: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const script = join(dir, 'bench.R');
    writeFileSync(script, R_SCRIPT);
    writeFileSync(join(dir, 'events.txt'), cases.map((c) => c.events.join(' ')).join('\n'));
    writeFileSync(join(dir, 'n.txt'), cases.map((c) => c.n.join(' ')).join('\n'));
    const run = (count: number): number => {
      const start = process.hrtime.bigint();
      const result = spawnSync(
        'Rscript',
        [script, join(dir, 'events.txt'), join(dir, 'n.txt'), String(K), String(count), join(dir, 'out.txt')],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      if (result.status !== 0) throw new Error(`Rscript failed: ${result.stderr.toString()}`);
      return Number(process.hrtime.bigint() - start) / 1e9;
    };
    const small = run(SMALL);
    const large = run(LARGE);
    const estimates = readFileSync(join(dir, 'out.txt'), 'utf8').trim().split('\n').map(Number);
    return { seconds: (large - small) / (LARGE - SMALL), estimates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pooled proportion of each answer line of a batch output (NaN for an error line). */
function batchEstimates(file: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { proportion?: { estimate: number } }).proportion?.estimate ?? NaN);
}

/** Seconds per case of metafor's JSON-lines loop (a fifth and a fiftieth of --cases), and its answers. */
function timeRJsonLines(dir: string): { seconds: number; count: number; estimates: number[] } {
  const large = Math.max(20, Math.round(LARGE / 5));
  const small = Math.max(2, Math.round(LARGE / 50));
  const script = join(dir, 'json-lines.R');
  writeFileSync(script, R_JSON_LINES_SCRIPT);
  const output = join(dir, 'out-r.jsonl');
  const smallSeconds = runWithFiles('Rscript', [script], writeCases(dir, small), output);
  const seconds = runWithFiles('Rscript', [script], writeCases(dir, large), output) - smallSeconds;
  return { seconds: seconds / (large - small), count: large, estimates: batchEstimates(output) };
}

const format = (seconds: number): string =>
  seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(3)} ms` : `${(seconds * 1e6).toFixed(2)} µs`;
/** The label of an engine's line: "TypeScript" for this checkout, "baseline" for --baseline. */
const label = (engine: Engine): string => (engine.name === 'this' ? 'TypeScript' : 'baseline  ');

console.log(`${LARGE} random analyses, k = ${K}, PFT, REML, Wald z (small batch ${SMALL}, difference of the two)`);
if (baseline !== undefined) console.log(`baseline: ${resolve(baseline)} (timed in turns with this checkout)`);
const inProcess = inProcessTimes(3);
const core = inProcess.map((times) => times.core);
const full = inProcess.map((times) => times.full);
engines.forEach((engine, e) => {
  console.log(`${label(engine)}   ${format(core[e]!)} per analysis in-process (pooled result, as R computes it)`);
  console.log(`${label(engine)}   ${format(full[e]!)} per analysis in-process (also reading exact study intervals and the tau² CI)`);
});
const batchDir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
let batch: number[];
try {
  batch = batchPerAnalysis(batchDir);
  engines.forEach((engine, e) => console.log(`${label(engine)}   ${format(batch[e]!)} per analysis end to end (npm run meta -- --batch, JSON lines in and out; ${SMALL} and ${BATCH_LARGE} cases)`));

  if (args.flags.has('no-r') || !rAvailable()) {
    console.log('R metafor    not run (Rscript with metafor not found, or --no-r)');
  } else {
    const r = timeR();
    let worst = 0;
    r.estimates.forEach((estimate, i) => {
      const c = cases[i]!;
      const ours = metaProportions({ events: c.events, n: c.n, transform: 'PFT', method: 'REML' }).proportion.estimate;
      worst = Math.max(worst, Math.abs(ours - estimate));
    });
    console.log(`R metafor    ${format(r.seconds)} per analysis in-process (rma + predict + transf.ipft.hm)`);
    const jsonLines = rHas('metafor', 'jsonlite') ? timeRJsonLines(batchDir) : null;
    if (jsonLines === null) console.log('R metafor    JSON-lines loop not run (R package jsonlite not found)');
    else console.log(`R metafor    ${format(jsonLines.seconds)} per analysis end to end (JSON lines in and out, jsonlite; ${jsonLines.count} cases)`);
    engines.forEach((engine, e) => {
      const who = engine.name === 'this' ? 'ratio       ' : 'ratio (base)';
      console.log(`${who} in-process ${(r.seconds / core[e]!).toFixed(0)}x metafor's throughput (target ≥ 2000x); ${(r.seconds / full[e]!).toFixed(0)}x with study intervals and tau² CI (target ≥ 500x)`);
      if (jsonLines !== null) console.log(`${who} end to end ${(jsonLines.seconds / batch[e]!).toFixed(0)}x metafor's JSON-lines throughput (target ≥ 1000x)`);
    });
    console.log(`agreement    largest difference of the pooled proportion over ${r.estimates.length} cases: ${worst.toExponential(2)}`);
    if (jsonLines !== null) {
      const ours = batchEstimates(join(batchDir, 'out-this.jsonl'));
      const gap = jsonLines.estimates.reduce((most, estimate, i) => Math.max(most, Math.abs(ours[i]! - estimate)), 0);
      console.log(`agreement    largest difference of the batch answers' pooled proportion over ${jsonLines.estimates.length} cases: ${gap.toExponential(2)}`);
    }
  }
} finally {
  rmSync(batchDir, { recursive: true, force: true });
}

// ---- Binomial-normal GLMM (metafor rma.glmm, lme4 glmer nAGQ = 7) -------------------------
// rma.glmm takes tens of milliseconds per fit, so this section uses far fewer cases: 1/100 of
// --cases in R (at least 20), timed as a difference of two batches like the above; the
// TypeScript side fits the same cases, repeated so that its batches last long enough to time.

const GLMM_LARGE = Math.max(20, Math.round(LARGE / 100));
const GLMM_SMALL = Math.max(2, Math.round(GLMM_LARGE / 10));
const GLMM_REPEAT = 20;
const glmmCases = cases.slice(0, GLMM_LARGE);

const R_GLMM_SCRIPT = `
suppressMessages(library(metafor))
a <- commandArgs(TRUE); k <- as.integer(a[3]); m <- as.integer(a[4])
ev <- matrix(scan(a[1], quiet = TRUE), ncol = k, byrow = TRUE)[seq_len(m), , drop = FALSE]
nn <- matrix(scan(a[2], quiet = TRUE), ncol = k, byrow = TRUE)[seq_len(m), , drop = FALSE]
out <- numeric(m)
for (i in seq_len(m)) {
  r <- suppressWarnings(rma.glmm(measure = "PLO", xi = ev[i, ], ni = nn[i, ], method = "ML"))
  p <- predict(r)
  out[i] <- transf.ilogit(c(p$pred, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))[1]
}
writeLines(formatC(out, digits = 17, format = "g"), a[5])
`;

function glmmEstimate(c: Case): number {
  return metaProportions({ events: c.events, n: c.n, transform: 'PLO', method: 'GLMM', ci: 'z' }).proportion.estimate;
}

/** Seconds per GLMM analysis here: batches of the first `count` cases, repeated. */
function glmmPerAnalysis(): number {
  const batch = (count: number): number => {
    let check = 0;
    const start = process.hrtime.bigint();
    for (let r = 0; r < GLMM_REPEAT; r++) for (let i = 0; i < count; i++) check += glmmEstimate(glmmCases[i]!);
    if (Number.isNaN(check)) throw new Error('benchmark produced NaN');
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  batch(GLMM_SMALL);
  let best = Infinity;
  for (let r = 0; r < 3; r++) best = Math.min(best, (batch(GLMM_LARGE) - batch(GLMM_SMALL)) / (GLMM_REPEAT * (GLMM_LARGE - GLMM_SMALL)));
  return best;
}

console.log(`\n${GLMM_LARGE} random analyses, k = ${K}, PLO, GLMM (random-intercept logistic, ML, nAGQ = 7), Wald z`);
const glmmCore = glmmPerAnalysis();
console.log(`TypeScript   ${format(glmmCore)} per analysis`);
if (args.flags.has('no-r') || !rAvailable()) {
  console.log('R metafor    not run (Rscript with metafor not found, or --no-r)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'bench-glmm-'));
  try {
    const script = join(dir, 'glmm.R');
    writeFileSync(script, R_GLMM_SCRIPT);
    writeFileSync(join(dir, 'events.txt'), glmmCases.map((c) => c.events.join(' ')).join('\n'));
    writeFileSync(join(dir, 'n.txt'), glmmCases.map((c) => c.n.join(' ')).join('\n'));
    const run = (count: number): number => {
      const start = process.hrtime.bigint();
      const result = spawnSync('Rscript', [script, join(dir, 'events.txt'), join(dir, 'n.txt'), String(K), String(count), join(dir, 'out.txt')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      if (result.status !== 0) throw new Error(`Rscript failed: ${result.stderr.toString()}`);
      return Number(process.hrtime.bigint() - start) / 1e9;
    };
    const small = run(GLMM_SMALL);
    const seconds = (run(GLMM_LARGE) - small) / (GLMM_LARGE - GLMM_SMALL);
    const estimates = readFileSync(join(dir, 'out.txt'), 'utf8').trim().split('\n').map(Number);
    let worst = 0;
    estimates.forEach((estimate, i) => (worst = Math.max(worst, Math.abs(glmmEstimate(glmmCases[i]!) - estimate))));
    console.log(`R metafor    ${format(seconds)} per analysis (rma.glmm + predict + transf.ilogit)`);
    console.log(`ratio        ${(seconds / glmmCore).toFixed(0)}x metafor's throughput (target ≥ 100x)`);
    console.log(`agreement    largest difference of the pooled proportion over ${estimates.length} cases: ${worst.toExponential(2)} (lme4 stops short of the maximum)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
