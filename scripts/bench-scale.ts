/**
 * npm run bench:scale [-- --sizes 200,2000,20000] [--seed 1] [--keep] [--no-weight]
 *
 * Builds synthetic reviews of each size from scratch (npm run synth, then npm run build with
 * REVIEW_CONTENT and --out, each in a temporary folder with its own Astro cache, as on a fresh
 * clone) and prints, for each: wall time, peak memory, pages built and pages per second, the
 * time spent pooling, rendering and indexing for search, and the heaviest page. Then it times
 * the pooling alone (poolReview in this process) on the largest review, and says whether the
 * build time grew at most linearly. Not part of npm test or CI: the largest build takes minutes.
 *
 * Targets (2-core machine): 2,000 trials < 20 s, 20,000 trials < 3 min, pooling of 20,000
 * trials with every analysis < 10 s, time per trial at the largest size ≤ 1.2 × the size before.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthReview } from '../src/lib/synth/synth-review.ts';
import { loadReview } from '../src/lib/content/load-review-fs.ts';
import { analyseRelease } from '../src/lib/review/analyse-release.ts';
import { allReleaseChanges } from '../src/lib/review/release-changes.ts';
import { pageWeights } from './page-weight.ts';
import { commandLineOrExit } from './lib/cli-args.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');

const USAGE = 'usage: npm run bench:scale -- [--sizes 200,2000,20000] [--seed 1] [--keep] [--no-weight]';
const args = commandLineOrExit(process.argv.slice(2), { strings: ['sizes'], numbers: ['seed'], flags: ['keep', 'no-weight'], positional: { max: 0 } }, USAGE);
const sizes = (args.strings.get('sizes') ?? '200,2000,20000').split(',').map((s) => (/^\s*[\d_]+\s*$/.test(s) ? Number(s.replace(/_/g, '')) : NaN));
const seed = args.numbers.get('seed') ?? 1;
const keep = args.flags.has('keep');
const weigh = !args.flags.has('no-weight');
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1) || !Number.isSafeInteger(seed)) {
  console.error(`--sizes needs whole numbers separated by commas, --seed a whole number\n${USAGE}`);
  process.exit(2);
}

interface Run {
  trials: number;
  wall: number;
  cpu: number;
  peakTreeMb: number;
  peakProcessMb: number;
  pages: number;
  pooling: number;
  astro: number;
  search: number;
  /** CPU seconds of each phase, as the build reports them */
  cpuPhases: { pooling: number; astro: number; search: number };
  heaviest?: { page: string; kb: number; over: number };
}

/** Sum of the resident memory of a process and its descendants, in kB (Linux /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(name), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function countHtml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countHtml(path.join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n++;
  }
  return n;
}

/** Runs the build, timing it, sampling the memory of its process tree, keeping its output. */
async function build(content: string, out: string): Promise<{ wall: number; cpu: number; peakTree: number; peakProcess: number; output: string }> {
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = [...(useTime ? ['-f', 'TIME %e %U %S %M', process.execPath] : []), TSX, 'scripts/build.ts', '--out', out];
  const started = performance.now();
  const child = spawn(command, argv, { cwd: REPO, env: { ...process.env, REVIEW_CONTENT: content }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let peakTree = 0;
  const timer = setInterval(() => (peakTree = Math.max(peakTree, treeRss(child.pid!))), 250);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the build of ${content} failed (exit ${code}):\n${output.slice(-4000)}`);
  const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(output);
  return { wall, cpu: time ? Number(time[2]) + Number(time[3]) : NaN, peakTree: peakTree / 1024, peakProcess: time ? Number(time[4]) / 1024 : NaN, output };
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const runs: Run[] = [];
// Inside the repository (.tmp/ is ignored by git): Astro keeps the server build of a site built
// outside the working directory in <repo>/.astro/.prerender, which builds running at the same
// time would share; inside it, each build keeps its own next to its output.
mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
const work = mkdtempSync(path.join(REPO, '.tmp', 'bench-scale-'));
console.log(`bench:scale on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; sizes ${sizes.join(', ')}; work folder ${work}`);
let largestContent = '';
try {
  for (const trials of sizes) {
    const content = path.join(work, `content-${trials}`);
    const out = path.join(work, `site-${trials}`);
    const synthStarted = performance.now();
    for (const file of synthReview({ trials, seed })) {
      const target = path.join(content, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
    console.log(`\n${trials} trials: synthetic review written in ${seconds((performance.now() - synthStarted) / 1000)}; building…`);
    const loadBefore = os.loadavg()[0]!;
    const result = await build(content, out);
    const loadAfter = os.loadavg()[0]!;
    const line = /Built .* in ([\d.]+) s \(pooling ([\d.]+) s, site ([\d.]+) s: astro ([\d.]+) s, search index ([\d.]+) s/.exec(result.output);
    const run: Run = {
      trials,
      wall: result.wall,
      cpu: result.cpu,
      peakTreeMb: result.peakTree,
      peakProcessMb: result.peakProcess,
      pages: countHtml(out),
      pooling: Number(line?.[2] ?? NaN),
      astro: Number(line?.[4] ?? NaN),
      search: Number(line?.[5] ?? NaN),
      cpuPhases: (() => {
        const c = /CPU time [\d.]+ s \(pooling ([\d.]+) s, astro ([\d.]+) s, search index ([\d.]+) s\)/.exec(result.output);
        return { pooling: Number(c?.[1] ?? NaN), astro: Number(c?.[2] ?? NaN), search: Number(c?.[3] ?? NaN) };
      })(),
    };
    if (weigh) {
      const weights = pageWeights(out);
      const over = weights.filter((w) => w.total > 60_000).length;
      run.heaviest = { page: weights[0]?.page ?? '-', kb: (weights[0]?.total ?? 0) / 1000, over };
    }
    runs.push(run);
    console.log(
      `  ${seconds(run.wall)} wall (${seconds(run.cpu)} CPU), pooling ${seconds(run.pooling)} (CPU ${seconds(run.cpuPhases.pooling)}), astro ${seconds(run.astro)} (CPU ${seconds(run.cpuPhases.astro)}), search index ${seconds(run.search)} (CPU ${seconds(run.cpuPhases.search)}); ${run.pages} pages, ${(run.pages / run.wall).toFixed(0)} pages/s; peak memory ${run.peakProcessMb.toFixed(0)} MB (largest process), ${run.peakTreeMb.toFixed(0)} MB (all processes)` +
        (run.heaviest ? `; heaviest page ${run.heaviest.kb.toFixed(1)} kB (${run.heaviest.page}), ${run.heaviest.over} over 60 kB` : '') +
        // Other work on the machine slows a build down: CPU time is the steadier figure.
        `; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
    );
    if (trials === Math.max(...sizes)) largestContent = content;
    if (!keep) rmSync(out, { recursive: true, force: true });
    if (!keep) rmSync(`${out}.generated`, { recursive: true, force: true });
  }

  console.log('\n(wall / CPU seconds)');
  console.log('| trials | build | pooling | astro (render) | search index | pages | pages/s (wall / CPU) | peak memory (largest process / all) | heaviest page |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const pair = (wall: number, cpu: number) => `${wall.toFixed(1)} / ${cpu.toFixed(1)}`;
  for (const r of runs) {
    console.log(
      `| ${r.trials.toLocaleString('en')} | ${pair(r.wall, r.cpu)} | ${pair(r.pooling, r.cpuPhases.pooling)} | ${pair(r.astro, r.cpuPhases.astro)} | ${pair(r.search, r.cpuPhases.search)} | ${r.pages.toLocaleString('en')} | ${(r.pages / r.wall).toFixed(0)} / ${(r.pages / r.cpu).toFixed(0)} | ${r.peakProcessMb.toFixed(0)} / ${r.peakTreeMb.toFixed(0)} MB | ${r.heaviest ? `${r.heaviest.kb.toFixed(1)} kB ${r.heaviest.page}` : '-'} |`,
    );
  }
  const target = (n: number) => (n <= 2000 ? 20 : n <= 20000 ? 180 : Infinity);
  for (const r of runs) {
    const limit = target(r.trials);
    if (Number.isFinite(limit)) {
      console.log(
        `${r.trials} trials: ${seconds(r.wall)} wall ${r.wall < limit ? '<' : '≥'} ${limit} s target: ${r.wall < limit ? 'met' : 'MISSED'} (CPU ${seconds(r.cpu)}: ${r.cpu < limit ? 'within' : 'over'} the target)`,
      );
    }
  }
  if (runs.length >= 2) {
    const [a, b] = runs.slice(-2) as [Run, Run];
    const ratio = b.wall / b.trials / (a.wall / a.trials);
    const cpuRatio = b.cpu / b.trials / (a.cpu / a.trials);
    console.log(
      `Time per trial at ${b.trials} is ${ratio.toFixed(2)} × that at ${a.trials} (CPU time ${cpuRatio.toFixed(2)} ×): ${Math.max(ratio, cpuRatio) <= 1.2 ? 'at most linear growth' : 'faster than linear growth'} (limit 1.2)`,
    );
  }

  // Pooling alone, in this process, on the largest review.
  if (largestContent) {
    const t0 = performance.now();
    const { review, trials } = loadReview(largestContent);
    const t1 = performance.now();
    const records = trials.map((t) => ({ slug: t.slug, data: t.data }));
    const releases = review.releases.map((r) => analyseRelease(review, records, r.number));
    const t2 = performance.now();
    allReleaseChanges(review, records, releases);
    const t3 = performance.now();
    const k = releases.at(-1)!.counts.trials_included;
    const verdict = (s: number) => (s < 10 ? 'met' : 'MISSED');
    console.log(
      `\nPooling ${trials.length} trials (${k} pooled in the last release; ${review.outcomes.length} outcomes × ${review.releases.length} releases, each overall, by subgroup, leave-one-out, cumulative, 32 robustness variants and Egger):\n` +
        `  every analysis: ${seconds((t2 - t1) / 1000)}; target < 10 s: ${verdict((t2 - t1) / 1000)}\n` +
        `  with reading and validating the files first (${seconds((t1 - t0) / 1000)}): ${seconds((t2 - t0) / 1000)}; < 10 s: ${verdict((t2 - t0) / 1000)}\n` +
        `  what each release changed (worked out by the site build): ${seconds((t3 - t2) / 1000)}`,
    );
  }
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`\nKept ${work}`);
}
