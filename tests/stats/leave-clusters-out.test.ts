// Leave-one-cluster-out (leave one trial out, with all its cohorts). Expected values: R metafor
// 3.8.1, rma() on the studies left, computed with
//   xi <- c(4, 9, 16, 3, 7, 0); ni <- c(10, 15, 20, 12, 14, 9); cl <- c("a", "a", "b", "c", "c", "d")
//   r <- rma(measure, xi = xi[cl != g], ni = ni[cl != g], method, control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5))
//   back-transformed with transf.iarcsin / transf.ipft.hm(targs = list(ni = ni[cl != g])) / transf.ilogit.
import { describe, expect, test } from 'vitest';
import { leaveClustersOut, leaveOneOut, messages, metaProportions, type MetaProportionsInput } from '../../src/lib/stats/index.ts';
import { expectClose, loadFixture, TOLERANCE } from './helpers.ts';

const events = [4, 9, 16, 3, 7, 0];
const n = [10, 15, 20, 12, 14, 9];
const clusters = ['a', 'a', 'b', 'c', 'c', 'd'];

// [k, estimate, ci_lower, ci_upper, tau2, I2] without each cluster, from metafor
const METAFOR: Record<string, Record<string, number[]>> = {
  'PAS REML': {
    a: [4, 0.332223553003, 0.025014019734, 0.769294650713, 0.196419503434, 91.300378975397],
    b: [5, 0.305158595001, 0.080235417981, 0.597296126556, 0.094161130205, 81.748264708013],
    c: [4, 0.395028892328, 0.045706669487, 0.828508924171, 0.204044761173, 91.401902697878],
    d: [5, 0.525567603673, 0.330377726034, 0.716775081543, 0.033121335987, 64.971212829168],
  },
  'PFT DL': {
    a: [4, 0.363066044175, 0.045835773264, 0.758400352043, 0.131113970682, 87.915274232134],
    b: [5, 0.328289346158, 0.116307564066, 0.578330723327, 0.050758527826, 71.56514682075],
    c: [4, 0.428042680335, 0.086584662107, 0.808875314918, 0.124893050661, 87.121766680386],
    d: [5, 0.528388237447, 0.329441171639, 0.723281324458, 0.028701875375, 62.483442655596],
  },
  'PLO PM': {
    a: [4, 0.403735361199, 0.114325313938, 0.780306216279, 2.223921894563, 82.764505263261],
    b: [5, 0.392410690562, 0.212247215944, 0.607556404737, 0.511654827991, 54.220122564543],
    c: [4, 0.480650084765, 0.156016617662, 0.822487697542, 2.081623328555, 82.206697465859],
    d: [5, 0.52624656234, 0.332716181305, 0.712199663039, 0.493260831384, 59.380689227387],
  },
};
// metafor printed 12 decimals
const PRINTED = 1e-10;

describe('leaveClustersOut', () => {
  test.each(Object.keys(METAFOR))('%s: each row is metafor rma() on the studies of the other clusters', (name) => {
    const [transform, method] = name.split(' ') as [MetaProportionsInput['transform'], MetaProportionsInput['method']];
    const rows = leaveClustersOut({ events, n, transform, method }, clusters);
    expect(rows.map((r) => [r.cluster, r.omitted, r.study])).toEqual([
      ['a', [0, 1], 0],
      ['b', [2], 2],
      ['c', [3, 4], 3],
      ['d', [5], 5],
    ]);
    for (const row of rows) {
      const [k, estimate, lower, upper, tau2, I2] = METAFOR[name]![row.cluster]!;
      expect(row.k).toBe(k);
      expectClose(row.proportion.estimate, estimate, PRINTED, `${row.cluster} estimate`);
      expectClose(row.proportion.ci_lower, lower, PRINTED, `${row.cluster} ci_lower`);
      expectClose(row.proportion.ci_upper, upper, PRINTED, `${row.cluster} ci_upper`);
      expectClose(row.tau2, tau2, 1e-8, `${row.cluster} tau2`);
      expectClose(row.I2, I2, 1e-8, `${row.cluster} I2`);
    }
  });

  test('equals pooling the studies left with metaProportions, row for row', () => {
    const input: MetaProportionsInput = { events, n, transform: 'PFT', method: 'REML' };
    for (const row of leaveClustersOut(input, clusters)) {
      const keep = clusters.map((c) => c !== row.cluster);
      const alone = metaProportions({ ...input, events: events.filter((_, i) => keep[i]), n: n.filter((_, i) => keep[i]) });
      expect(row.proportion).toEqual(alone.proportion);
      expect([row.k, row.tau2, row.I2, row.Q]).toEqual([alone.k, alone.tau2, alone.I2, alone.Q]);
    }
  });

  test('with one study per cluster it is leave-one-out (metafor leave1out)', () => {
    const fixture = loadFixture<Record<string, { input?: MetaProportionsInput }>>('sensitivity');
    for (const entry of Object.values(fixture)) {
      if (!entry || typeof entry !== 'object' || !entry.input) continue;
      const input = entry.input;
      const single = leaveClustersOut(input, input.n.map((_, i) => `s${i}`));
      const loo = leaveOneOut(input);
      expect(single.map((r) => r.study)).toEqual(loo.map((r) => r.study));
      single.forEach((row, i) => {
        expectClose(row.transformed.estimate, loo[i]!.transformed.estimate, TOLERANCE.identity, `row ${i} estimate`);
        expectClose(row.tau2, loo[i]!.tau2, TOLERANCE.identity, `row ${i} tau2`);
      });
    }
  });

  test('a study in no cluster stays in every refit and is never left out', () => {
    const input: MetaProportionsInput = { events, n, transform: 'PAS', method: 'REML' };
    const some = leaveClustersOut(input, ['a', 'a', null, 'c', 'c', null]);
    const all = leaveClustersOut(input, clusters);
    expect(some.map((r) => r.cluster)).toEqual(['a', 'c']);
    expect(some[0]!.proportion).toEqual(all[0]!.proportion);
    expect(some[1]!.proportion).toEqual(all[2]!.proportion);
  });

  test('a cluster of every study leaves nothing to fit; clusters must match the studies', () => {
    expect(leaveClustersOut({ events: [3, 5], n: [10, 12], transform: 'PAS', method: 'DL' }, ['x', 'x'])).toEqual([]);
    expect(() => leaveClustersOut({ events: [3, 5], n: [10, 12], transform: 'PAS', method: 'DL' }, ['x'])).toThrow(messages.lengthMismatch('clusters', 1, 2));
  });

  test('from 50 studies on (refits on cells) it still equals pooling the studies left', () => {
    const many = 120;
    const ev: number[] = [];
    const sizes: number[] = [];
    const cl: string[] = [];
    for (let i = 0; i < many; i++) {
      sizes.push(10 + (i % 7) * 3);
      ev.push((i * 5) % (sizes[i]! + 1));
      cl.push(`t${Math.floor(i / 3)}`);
    }
    const input: MetaProportionsInput = { events: ev, n: sizes, transform: 'PFT', method: 'REML' };
    const rows = leaveClustersOut(input, cl);
    expect(rows).toHaveLength(many / 3);
    for (const row of [rows[0]!, rows[17]!, rows.at(-1)!]) {
      const keep = cl.map((c) => c !== row.cluster);
      const alone = metaProportions({ ...input, events: ev.filter((_, i) => keep[i]), n: sizes.filter((_, i) => keep[i]) });
      expect(row.k).toBe(many - 3);
      expectClose(row.proportion.estimate, alone.proportion.estimate, TOLERANCE.reordering, 'estimate');
      expectClose(row.proportion.ci_lower, alone.proportion.ci_lower, TOLERANCE.reordering, 'ci_lower');
      expectClose(row.tau2, alone.tau2, 1e-7, 'tau2');
    }
    // each refit puts the cells back exactly: a cluster refitted after others gives the row it gives alone
    expect(leaveClustersOut(input, cl.map((c) => (c === 't5' ? c : null)))[0]!.proportion).toEqual(rows[5]!.proportion);
  });
});
