/**
 * What makes large reviews fast must not change a number: from CELL_REFIT_MIN_STUDIES studies
 * on, pooling, leave-one-out and cumulative analyses fit cells of equal variance instead of the
 * studies themselves; they must agree with fits of the studies (refitRow, the exact arithmetic
 * that the metafor fixtures check) for every transform and estimator. And the pages of large
 * analyses show a documented selection of rows.
 */
import { describe, expect, test } from 'vitest';
import { cumulative, leaveOneOut, metaProportions, MODEL_METHODS, TRANSFORMS, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { prepareAnalysis } from '../../src/lib/stats/analysis/prepare-analysis.ts';
import { refitRow, type RefitRow } from '../../src/lib/stats/analysis/sequential-fit.ts';
import { CELL_REFIT_MIN_STUDIES } from '../../src/lib/stats/analysis/refit-cells.ts';
import { createRandom } from '../../src/lib/synth/random.ts';
import { influentialRows, pagePath, pageCount, pageRows, tableStudies, thinnedCumulative } from '../../src/lib/plots/display-limits.ts';
import type { CumulativeRow, LeaveOneOutRow, StudyResult } from '../../src/lib/review/analyses-types.ts';
import { CUMULATIVE_MAX_STEPS, thinnedSteps } from '../../src/lib/review/cumulative-steps.ts';

const random = createRandom(2026);

function studies(k: number, transform: string): { events: number[]; n: number[] } {
  const p = 0.1 + 0.8 * random.next();
  const n: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < k; i++) {
    const size = random.int(transform === 'PRAW' ? 2 : 1, random.chance(0.5) ? 40 : 250);
    let x = random.binomial(size, Math.min(1, Math.max(0, p + 0.15 * random.normal())));
    if (transform === 'PRAW') x = Math.min(Math.max(x, 1), size - 1);
    n.push(size);
    events.push(x);
  }
  return { events, n };
}

const gap = (a: number, b: number) => Math.abs(a - b) / (1 + Math.abs(b));

function expectSameFit(a: RefitRow | ReturnType<typeof metaProportions>, b: RefitRow, label: string): void {
  for (const field of ['tau2', 'I2', 'H2', 'Q', 'Q_p'] as const) expect(gap(a[field], b[field]), `${label} ${field}`).toBeLessThan(1e-9);
  for (const field of ['estimate', 'ci_lower', 'ci_upper', 'pi_lower', 'pi_upper'] as const) {
    expect(gap(a.proportion[field], b.proportion[field]), `${label} ${field}`).toBeLessThan(1e-9);
  }
  expect(a.k).toBe(b.k);
  expect([...a.warnings]).toEqual([...b.warnings]);
}

const cases = TRANSFORMS.flatMap((transform) => MODEL_METHODS.map((method) => ({ transform, method })));

describe.each(cases)('$transform with $method on many studies', ({ transform, method }) => {
  const k = CELL_REFIT_MIN_STUDIES + 70;
  const input: MetaProportionsInput = { ...studies(k, transform), transform, method, ci: random.chance(0.5) ? 'hk' : 'z' };
  const prepared = prepareAnalysis(input);
  const all = Array.from({ length: k }, (_, i) => i);

  test('pooling agrees with a fit of the studies themselves', () => {
    expectSameFit(metaProportions(input), refitRow(prepared, all, 0), 'pooled');
  });

  test('leave-one-out and cumulative agree with refits of the studies themselves', () => {
    const without = leaveOneOut(input);
    const steps = cumulative(input);
    expect(without).toHaveLength(k);
    for (let i = 0; i < k; i += 13) {
      expectSameFit(without[i]!, refitRow(prepared, all.filter((j) => j !== i), i), `without ${i}`);
      expectSameFit(steps[i]!, refitRow(prepared, all.slice(0, i + 1), i), `step ${i}`);
    }
  });

  test('a cumulative analysis that reports some steps gives those steps of the full one', () => {
    const order = [...all].reverse();
    const full = cumulative(input, order);
    const chosen = [0, 1, CELL_REFIT_MIN_STUDIES - 1, CELL_REFIT_MIN_STUDIES + 3, k - 2, k - 1];
    const some = cumulative(input, order, chosen);
    expect(some.map((r) => r.k)).toEqual(chosen.map((j) => j + 1));
    chosen.forEach((j, i) => expectSameFit(some[i]!, full[j]!, `step ${j}`));
  });
});

describe('cumulative steps', () => {
  const input: MetaProportionsInput = { events: [4, 9, 16, 3], n: [10, 15, 20, 12], transform: 'PFT', method: 'REML' };

  test('a few studies: the steps asked for, each the same as in the full analysis', () => {
    const full = cumulative(input, [2, 0, 1, 3]);
    const some = cumulative(input, [2, 0, 1, 3], [1, 3]);
    expect(some.map((r) => r.study)).toEqual([0, 3]);
    expectSameFit(some[0]!, full[1]!, 'step 1');
    expectSameFit(some[1]!, full[3]!, 'step 3');
  });

  test.each([[[1, 1]], [[2, 1]], [[-1]], [[4]], [[0.5]]])('refuses steps %j', (steps) => {
    expect(() => cumulative(input, undefined, steps)).toThrow(/steps must be step indices 0\.\.3 in ascending order/);
  });

  test('thinnedSteps keeps every step of a short analysis', () => {
    expect(thinnedSteps([1, 1, 2], 5)).toEqual([0, 1, 2]);
  });

  test('thinnedSteps keeps the last step of each release, evenly spaced steps and the last', () => {
    expect(thinnedSteps([1, 1, 1, 2, 2, 2, 2, 2], 4)).toEqual([2, 3, 7]);
    const releases = Array.from({ length: 20_000 }, (_, i) => (i < 9_000 ? 1 : i < 15_000 ? 2 : 3));
    const kept = thinnedSteps(releases, CUMULATIVE_MAX_STEPS);
    expect(kept.length).toBeLessThanOrEqual(CUMULATIVE_MAX_STEPS + 3);
    expect(kept).toEqual(expect.arrayContaining([8_999, 14_999, 19_999]));
    expect(kept).toEqual([...new Set(kept)].sort((a, b) => a - b));
  });
});

describe('what the pages of a large analysis show', () => {
  const study = (i: number, weight: number) => ({ trial: `t${i}`, label: `Trial ${i}`, weight }) as StudyResult;

  test('a data table keeps the trials with the largest weights, in their order', () => {
    const rows = Array.from({ length: 100 }, (_, i) => study(i, (i * 37) % 100));
    const kept = tableStudies(rows, 10);
    expect(kept).toHaveLength(10);
    expect(kept.map((r) => r.weight).sort((a, b) => b - a)[9]).toBe(90);
    expect(kept).toEqual(rows.filter((r) => kept.includes(r)));
    expect(tableStudies(rows.slice(0, 5), 10)).toHaveLength(5);
  });

  test('leave-one-out keeps the omissions that move the estimate most, largest first', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ trial: `t${i}`, estimate: 0.5 + (i - 30) / 1000 }) as LeaveOneOutRow);
    const kept = influentialRows(rows, 0.5, 4);
    expect(kept.map((r) => r.trial)).toEqual(['t99', 't98', 't97', 't96']);
  });

  test('cumulative keeps the last step of each release and evenly spaced steps, ending with the last', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ k: i + 1, report_release: i < 300 ? 1 : i < 700 ? 2 : 3 }) as CumulativeRow);
    const kept = thinnedCumulative(rows, 60);
    expect(kept.length).toBeLessThanOrEqual(62);
    expect(kept.map((r) => r.k)).toEqual(expect.arrayContaining([300, 700, 1000]));
    expect(kept.map((r) => r.k)).toEqual([...kept.map((r) => r.k)].sort((a, b) => a - b));
  });

  test('long lists are split into pages with stable addresses', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(201, 100)).toBe(3);
    expect(pageRows([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
    expect(pagePath('/trials/', 1)).toBe('/trials/');
    expect(pagePath('/trials', 3)).toBe('/trials/page/3/');
  });
});
