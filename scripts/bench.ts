/**
 * npm run bench [-- --cases 10000 --small 1000 --seed 1 --no-r]
 *
 * Times random k = 20 PFT/REML analyses here and in R metafor (when Rscript with metafor is
 * installed) on the same cases, and prints the time per analysis of each and the ratio.
 * Both sides are timed on a small and a large batch and the difference is divided by the
 * difference in size, so start-up (R loads in over a second) and warm-up cancel out.
 * Each side does the same work: effect sizes, the REML fit (metafor's settings of the
 * cross-check: threshold 1e-12, stepadj 0.5), the prediction interval and the Miller
 * back-transform of estimate, CI and PI. A second section times the binomial-normal GLMM
 * (rma.glmm) on a hundredth of the cases. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaProportions } from '../src/lib/stats/index.ts';
import { commandLineOrExit } from './lib/cli-args.ts';

const args = commandLineOrExit(
  process.argv.slice(2),
  { counts: ['cases', 'small'], numbers: ['seed'], flags: ['no-r'], positional: { max: 0 } },
  'usage: npm run bench [-- --cases 10000 --small 1000 --seed 1 --no-r]',
);
const LARGE = args.numbers.get('cases') ?? 10_000;
const SMALL = args.numbers.get('small') ?? Math.round(LARGE / 10);
const K = 20;

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

const cases = makeCases(LARGE, args.numbers.get('seed') ?? 1);

/** One analysis as the site runs it (study intervals and tau² CI are read only if `full`). */
function analyse(c: Case, full: boolean): number {
  const result = metaProportions({ events: c.events, n: c.n, transform: 'PFT', method: 'REML', ci: 'z' });
  let check = result.proportion.estimate + result.proportion.ci_lower + result.proportion.pi_upper + result.I2;
  if (full) check += (result.tau2_ci?.tau2_upper ?? 0) + (result.studies[0]?.ci_lower ?? 0);
  return check;
}

function timeBatch(count: number, full: boolean): number {
  let check = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) check += analyse(cases[i]!, full);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (Number.isNaN(check)) throw new Error('benchmark produced NaN');
  return seconds;
}

/** Seconds per analysis from the difference of a large and a small batch (best of `repeats`). */
function perAnalysis(full: boolean, repeats = 5): number {
  timeBatch(SMALL, full); // warm-up: compile the hot path
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const large = timeBatch(LARGE, full);
    const small = timeBatch(SMALL, full);
    best = Math.min(best, (large - small) / (LARGE - SMALL));
  }
  return best;
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

function rAvailable(): boolean {
  const probe = spawnSync('Rscript', ['-e', 'suppressMessages(library(metafor))'], { stdio: 'ignore' });
  return probe.status === 0;
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

const format = (seconds: number): string =>
  seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(3)} ms` : `${(seconds * 1e6).toFixed(2)} µs`;

console.log(`${LARGE} random analyses, k = ${K}, PFT, REML, Wald z (small batch ${SMALL}, difference of the two)`);
const core = perAnalysis(false);
const full = perAnalysis(true);
console.log(`TypeScript   ${format(core)} per analysis (pooled result, as R computes it)`);
console.log(`TypeScript   ${format(full)} per analysis (also reading exact study intervals and the tau² CI)`);

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
  console.log(`R metafor    ${format(r.seconds)} per analysis (rma + predict + transf.ipft.hm)`);
  console.log(`ratio        ${(r.seconds / core).toFixed(0)}x metafor's throughput (target ≥ 500x); ${(r.seconds / full).toFixed(0)}x with study intervals and tau² CI`);
  console.log(`agreement    largest difference of the pooled proportion over ${r.estimates.length} cases: ${worst.toExponential(2)}`);
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
