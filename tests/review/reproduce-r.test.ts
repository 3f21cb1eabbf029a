/**
 * The R script each release publishes (reproduce.R) recomputes results.csv from studies.csv
 * with metafor and prints "same" for every estimate. Runs R where it is installed (the
 * machines that make the fixtures); elsewhere the test is skipped, as R is never needed by
 * npm test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { reviewSchema, type Review } from '../../src/schemas/index.ts';
import { analyseRelease } from '../../src/lib/review/analyse-release.ts';
import { reproduceR, resultsCsv, studiesCsv } from '../../src/lib/review/exports.ts';
import { review as demo, trial } from './demo-review.ts';

const hasMetafor = (() => {
  const r = spawnSync('Rscript', ['-e', 'suppressMessages(library(metafor)); suppressMessages(library(lme4))'], { stdio: 'ignore' });
  return r.status === 0;
})();

const report = (data: Record<string, unknown>) => ({
  id: 'paper', citation: 'Paper', doi: '10.1000/xyz', type: 'full_article', date: '2024-06-01', release: 1, status: 'primary', data,
});
const numbers = (events: number, n: number) => ({ events, n, source: 'Table 2' });
// Eight trials, three of them intravenous, with zero cells among the adverse events.
const counts: [string, string, number, number, number, number][] = [
  ['a', 'oral', 6, 20, 0, 20], ['b', 'oral', 10, 25, 2, 25], ['c', 'oral', 14, 30, 0, 30], ['d', 'iv', 3, 12, 1, 12],
  ['e', 'iv', 9, 15, 0, 15], ['f', 'oral', 20, 41, 3, 41], ['g', 'iv', 5, 18, 0, 18], ['h', 'oral', 12, 22, 1, 22],
];
const trials = counts.map(([slug, route, x, n, ae, m]) =>
  trial(slug, { characteristics: { route }, reports: [report({ eff: { resp: numbers(x, n) }, saf: { ae: numbers(ae, m) } })] }),
);

function withAnalysis(analysis: Record<string, unknown>): Review {
  const raw = { ...demo, subgroups: [{ id: 'route', characteristic: 'route' }], analysis };
  return reviewSchema.parse(raw);
}

const VARIANTS: [string, Record<string, unknown>][] = [
  ['PAS, REML, z, separate subgroups', { transform: 'PAS', method: 'REML' }],
  ['PLO, DL, Hartung-Knapp, common tau² across subgroups', { transform: 'PLO', method: 'DL', ci: 'hk', subgroup_test: 'common' }],
  ['PFT, REML, ad hoc Hartung-Knapp, t-k2 prediction interval', { transform: 'PFT', method: 'REML', ci: 'hk-adhoc', prediction_interval: 't-k2' }],
  ['PLO, PM, continuity correction 0.25 to all, common subgroups', { transform: 'PLO', method: 'PM', correction: { add: 0.25, to: 'all' }, subgroup_test: 'common' }],
  ['PRAW, FE', { transform: 'PRAW', method: 'FE', correction: { add: 0.5, to: 'only0' } }],
  ['PLO, GLMM, z', { transform: 'PLO', method: 'GLMM' }],
  ['PLO, GLMM, t', { transform: 'PLO', method: 'GLMM', ci: 'hk' }],
];

describe.skipIf(!hasMetafor)('reproduce.R prints "same" for every number the site publishes', () => {
  test.each(VARIANTS)('%s', (_name, analysis) => {
    const review = withAnalysis(analysis);
    const data = analyseRelease(review, trials, 1, { robustness: false });
    const dir = mkdtempSync(path.join(tmpdir(), 'reproduce-'));
    try {
      writeFileSync(path.join(dir, 'studies.csv'), studiesCsv(data, ['route']));
      writeFileSync(path.join(dir, 'results.csv'), resultsCsv(data));
      writeFileSync(path.join(dir, 'reproduce.R'), reproduceR(data, 'https://example.org/', ['route']));
      const out = execFileSync('Rscript', ['reproduce.R'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const checks = out.split('\n').filter((l) => /^\s{2}\S/.test(l));
      // overall and two levels and the test between them, for each of two outcomes
      expect(checks.length).toBeGreaterThanOrEqual(8);
      expect(checks.filter((l) => !l.trimEnd().endsWith(' same'))).toEqual([]);
      const gap = Number(/largest relative gap between the site and metafor: (\S+)/i.exec(out)?.[1]);
      // lme4's standard errors come from a numerical Hessian (see the script)
      expect(gap).toBeLessThan(String(analysis['method']).startsWith('GLMM') ? 1e-4 : 1e-6);
    } finally {
      if (!process.env['REPRODUCE_KEEP']) rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
