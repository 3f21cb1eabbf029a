/**
 * npm run bench:web [-- --dist dist] [--runs 3] [--pages /,/chapters/introduction/,…]
 *
 * Page weight and Lighthouse over the built site (npm run build first). Serves dist/ on
 * 127.0.0.1 with gzip and cache headers as GitHub Pages does (scripts/lib/static-server.ts),
 * prints the first-load weight of every page (scripts/page-weight.ts), then runs Lighthouse
 * (performance and accessibility) with Debian's Chromium (CHROME_PATH, default
 * /usr/bin/chromium) under the desktop and mobile presets on the home page, a chapter, a forest
 * plot page and a trial page. Each page is measured `runs` times and the median performance
 * run is reported, as Lighthouse advises for scores that vary from run to run.
 *
 * Targets: performance ≥ 98 and accessibility 100 on every page and preset; every page's first
 * load ≤ 60 kB. Exit 0 when all are met, 1 otherwise, 2 on a usage error.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { serveStatic } from './lib/static-server.ts';
import { PAGE_WEIGHT_BUDGET_KB, pageWeights, weightReport } from './page-weight.ts';
import { CHROMIUM_ARGS } from '../tests/browser/harness.ts';
import { commandLineOrExit } from './lib/cli-args.ts';

const USAGE = 'usage: npm run bench:web -- [--dist dist] [--runs 3] [--pages /,/a/]';
const args = commandLineOrExit(process.argv.slice(2), { strings: ['dist', 'pages'], counts: ['runs'], positional: { max: 0 } }, USAGE);
const option = (name: string) => args.strings.get(name);
const dist = path.resolve(option('dist') ?? 'dist');
const runs = args.numbers.get('runs') ?? 3;
/** The first page of a kind in the built site (the first folder under `kind`), or undefined. */
const firstOf = (kind: string): string | undefined => {
  const dir = path.join(dist, kind);
  if (!existsSync(dir)) return undefined;
  const first = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'page' && existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort()[0];
  return first === undefined ? undefined : `/${kind}/${first}/`;
};
// By default: the home page and one page of each kind (a chapter, an outcome, a trial) of whatever review was built.
const pages = (option('pages') ?? ['/', firstOf('chapters'), firstOf('outcomes'), firstOf('trials')].filter((p) => p !== undefined).join(',')).split(',');
const base = process.env['SITE_BASE'] ?? '/';
if (!existsSync(path.join(dist, 'index.html')) || !Number.isInteger(runs) || runs < 1) {
  console.error(existsSync(path.join(dist, 'index.html')) ? USAGE : `No built site in ${dist}: run npm run build first.`);
  process.exit(2);
}

const PERFORMANCE_TARGET = 98;
const ACCESSIBILITY_TARGET = 100;

// Page weight of every page.
const weights = pageWeights(dist, base);
console.log('First-load weight (gzip HTML + CSS + JS):');
for (const line of weightReport(weights, PAGE_WEIGHT_BUDGET_KB, 5)) console.log(`  ${line}`);
for (const p of pages) {
  const w = weights.find((x) => x.page === p);
  if (w) console.log(`  ${p}: ${(w.total / 1000).toFixed(1)} kB (HTML ${(w.html / 1000).toFixed(1)} kB)`);
}
const weightOk = weights.every((w) => w.total <= PAGE_WEIGHT_BUDGET_KB * 1000);

interface Score {
  page: string;
  preset: 'desktop' | 'mobile';
  performance: number;
  accessibility: number;
  metrics: Record<string, string>;
  failing: string[];
}

const median = <T>(items: T[], by: (t: T) => number): T => [...items].sort((a, b) => by(a) - by(b))[Math.floor(items.length / 2)]!;

const { server, url } = await serveStatic(dist, base);
const chrome = await chromeLauncher.launch({
  chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: CHROMIUM_ARGS,
});
const scores: Score[] = [];
try {
  for (const preset of ['desktop', 'mobile'] as const) {
    for (const page of pages) {
      const target = new URL(page.replace(/^\//, ''), url).href;
      const results: Score[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(
          target,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`Lighthouse returned nothing for ${target}`);
        const audit = (id: string) => lhr.audits[id]?.displayValue ?? '-';
        results.push({
          page,
          preset,
          performance: Math.round((lhr.categories['performance']?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories['accessibility']?.score ?? 0) * 100),
          metrics: {
            FCP: audit('first-contentful-paint'),
            LCP: audit('largest-contentful-paint'),
            TBT: audit('total-blocking-time'),
            CLS: audit('cumulative-layout-shift'),
            SI: audit('speed-index'),
          },
          // Audits that cost points: what to fix when a score is below target.
          failing: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
            .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`),
        });
      }
      const chosen = median(results, (r) => r.performance);
      scores.push(chosen);
      console.log(
        `${preset.padEnd(7)} ${page.padEnd(26)} performance ${String(chosen.performance).padStart(3)} (runs: ${results.map((r) => r.performance).join(', ')})  accessibility ${String(chosen.accessibility).padStart(3)}  ` +
          Object.entries(chosen.metrics).map(([k, v]) => `${k} ${v}`).join(', '),
      );
      if (chosen.failing.length > 0) console.log(`        below 0.9: ${chosen.failing.join('; ')}`);
    }
  }
} finally {
  await chrome.kill();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

console.log('\n| page | preset | performance | accessibility | FCP | LCP | TBT | CLS |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const s of scores) {
  console.log(`| ${s.page} | ${s.preset} | ${s.performance} | ${s.accessibility} | ${s.metrics['FCP']} | ${s.metrics['LCP']} | ${s.metrics['TBT']} | ${s.metrics['CLS']} |`);
}
const scoresOk = scores.every((s) => s.performance >= PERFORMANCE_TARGET && s.accessibility >= ACCESSIBILITY_TARGET);
console.log(
  `\nTargets: performance ≥ ${PERFORMANCE_TARGET} and accessibility ${ACCESSIBILITY_TARGET} on every page: ${scoresOk ? 'met' : 'MISSED'}; ` +
    `first load ≤ ${PAGE_WEIGHT_BUDGET_KB} kB on every page: ${weightOk ? 'met' : 'MISSED'} (heaviest ${((weights[0]?.total ?? 0) / 1000).toFixed(1)} kB, ${weights[0]?.page}).`,
);
process.exit(scoresOk && weightOk ? 0 : 1);
