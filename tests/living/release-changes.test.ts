import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { poolReview } from '../../scripts/pool.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { allReleaseChanges, compareEvidence, hasMoved, MOVE_THRESHOLD, releaseChanges } from '../../src/lib/review/release-changes.ts';
import type { ChangeEvent, EstimateSnapshot } from '../../src/lib/review/analyses-types.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

// The hosted review: release 2 is the first living update (curation notes, "Living updates").
const root = path.join(REPO_ROOT, 'content');
const generated = poolReview(root);
const { review, trials } = loadReview(root);
const records = trials.map((t) => ({ slug: t.slug, data: t.data }));
const [r1, r2] = generated.changes;
const of = <K extends ChangeEvent['kind']>(events: ChangeEvent[], kind: K) => events.filter((e): e is Extract<ChangeEvent, { kind: K }> => e.kind === kind);

describe('release 2 of the hosted review', () => {
  test('compares release 2 with release 1', () => {
    expect(generated.changes).toHaveLength(generated.releases.length);
    expect(r2!.release).toBe(2);
    expect(r2!.previous).toBe(1);
    expect(r2!.counts_before).toEqual(generated.releases[0]!.counts);
  });

  test('the cema-cel full paper replaces the abstract, with the trial numbers before and after', () => {
    const [e, ...others] = of(r2!.events, 'report_replaced');
    expect(others).toHaveLength(0);
    expect(e!.trial).toBe('cema-cel');
    expect(e!.report.id).toBe('jco-2025');
    expect(e!.replaces.id).toBe('abstract-2023');
    expect(e!.replaces.reason).toMatch(/full-length phase I paper/);
    const counts = Object.fromEntries(e!.numbers.map((n) => [n.outcome, [n.before.map((r) => `${r.events}/${r.n}`), n.after.map((r) => `${r.events}/${r.n}`)]]));
    expect(counts['borr']).toEqual([['8/12'], ['19/33']]);
    expect(counts['bcrr']).toEqual([['7/12'], ['14/33']]);
    for (const id of ['crs_g12', 'crs_g3', 'icans_g12', 'icans_g3', 'inf_g12', 'inf_g3', 'gvhd']) {
      expect(counts[id]![0]![0]).toMatch(/\/12$/);
      expect(counts[id]![1]![0]).toMatch(/\/33$/);
    }
  });

  test('FT516 is excluded at full text with its reason, and enters no analysis', () => {
    const [e] = of(r2!.events, 'trial_excluded');
    expect(e!.trial).toBe('ft516');
    expect(e!.reason).toMatch(/no CAR/);
    expect(e!.reports.map((r) => r.id)).toEqual(['commentary-2026']);
    expect(e!.numbers).toEqual([]);
  });

  test('the azer-cel news report is recorded as excluded and the trial keeps its earlier numbers', () => {
    const [e] = of(r2!.events, 'report_excluded');
    expect(e!.trial).toBe('azer-cel');
    expect(e!.report.id).toBe('news-asco-2026');
    expect(e!.report.reason).toMatch(/without the number of evaluable DLBCL patients/);
    expect(e!.kept?.id).toBe('sponsor-2024');
    const borr = e!.numbers.find((n) => n.outcome === 'borr')!;
    expect(borr.before).toEqual(borr.after);
    expect(borr.after.map((r) => `${r.events}/${r.n}`)).toEqual(['4/9']);
  });

  test('nothing else happened in release 2', () => {
    expect(r2!.events.map((e) => `${e.kind} ${e.trial}`)).toEqual(['report_replaced cema-cel', 'trial_excluded ft516', 'report_excluded azer-cel']);
  });

  test('bORR and bCRR before and after are the pooled results of the two releases', () => {
    for (const id of ['borr', 'bcrr']) {
      const change = r2!.outcomes.find((o) => o.outcome === id)!;
      const before = generated.releases[0]!.outcomes[id]!.overall!;
      const after = generated.releases[1]!.outcomes[id]!.overall!;
      expect(change.overall.before).toEqual({ estimate: before.proportion.estimate, ci_lower: before.proportion.ci_lower, ci_upper: before.proportion.ci_upper, k: before.k, n: before.n, tau2: before.tau2, I2: before.I2 });
      expect(change.overall.after!.n).toBe(after.n);
      expect(change.overall.delta!.estimate).toBeCloseTo(after.proportion.estimate - before.proportion.estimate, 12);
      expect(change.overall.delta!.n).toBe(21);
      expect(change.overall.moved).toBe(true);
      expect(change.overall.causes).toEqual(['cema-cel']);
    }
    // Published numbers of release 1 (Biederstädt 2025, Figure 3): bORR 52.5 [41.0, 63.9].
    const borr = r2!.outcomes.find((o) => o.outcome === 'borr')!.overall;
    expect(borr.before!.estimate).toBeCloseTo(0.5252, 4);
    expect(borr.after!.estimate).toBeCloseTo(0.5203, 4);
  });

  test("each cause carries its leave-one-out shift in both releases", () => {
    const borr = r2!.outcomes.find((o) => o.outcome === 'borr')!;
    const [cause] = borr.causes;
    expect(cause!.change).toBe('replaced');
    const after = generated.releases[1]!.outcomes['borr']!;
    const before = generated.releases[0]!.outcomes['borr']!;
    const without = (a: typeof after) => a.leave_one_out.find((r) => r.trial === 'cema-cel')!.estimate;
    expect(cause!.influence_after).toBeCloseTo(after.overall!.proportion.estimate - without(after), 12);
    expect(cause!.influence_before).toBeCloseTo(before.overall!.proportion.estimate - without(before), 12);
  });

  test('a subgroup level without cema-cel does not move', () => {
    const levels = r2!.outcomes.find((o) => o.outcome === 'borr')!.subgroups;
    const nk = levels.find((l) => l.level === 'car_nk')!;
    const t = levels.find((l) => l.level === 'car_t')!;
    expect(nk.moved).toBe(false);
    expect(nk.causes).toEqual([]);
    expect(nk.delta!.estimate).toBe(0);
    expect(t.moved).toBe(true);
    expect(t.causes).toEqual(['cema-cel']);
  });
});

describe('the first release', () => {
  test('compares against nothing: every pooled trial is added, PBCAR20A described', () => {
    expect(r1!.previous).toBeNull();
    expect(r1!.counts_before).toBeNull();
    expect(of(r1!.events, 'trial_added')).toHaveLength(19);
    expect(of(r1!.events, 'trial_described').map((e) => e.trial)).toEqual(['pbcar20a']);
    for (const o of r1!.outcomes) expect(o.overall.before).toBeNull();
  });

  test('pool and the pure function agree', () => {
    expect(allReleaseChanges(review, records, generated.releases)).toEqual(generated.changes);
    expect(releaseChanges(review, records, null, generated.releases[0]!)).toEqual(r1);
  });
});

describe('comparing two versions of the content', () => {
  const analyses = generated.releases[1]!;
  const state = { review, trials: records, analyses };

  test('the same content gives no event and no moved estimate', () => {
    const same = compareEvidence(state, state);
    expect(same.events).toEqual([]);
    expect(same.outcomes.every((o) => !o.overall.moved && o.subgroups.every((s) => !s.moved))).toBe(true);
  });
});

describe('hasMoved', () => {
  const base: EstimateSnapshot = { estimate: 0.5, ci_lower: 0.4, ci_upper: 0.6, k: 5, n: 100, tau2: 0, I2: 0 };
  test('moves on any change in k or n, whatever the estimate', () => {
    expect(hasMoved(base, { ...base, n: 101 })).toBe(true);
    expect(hasMoved(base, { ...base, k: 6 })).toBe(true);
  });
  test(`moves when the estimate shifts by ${MOVE_THRESHOLD} or more`, () => {
    expect(hasMoved(base, { ...base, estimate: 0.5 + MOVE_THRESHOLD })).toBe(true);
    expect(hasMoved(base, { ...base, estimate: 0.5 + MOVE_THRESHOLD / 2 })).toBe(false);
  });
  test('an estimate that appears or disappears has moved', () => {
    expect(hasMoved(null, base)).toBe(true);
    expect(hasMoved(base, null)).toBe(true);
    expect(hasMoved(null, null)).toBe(false);
  });
});

describe('movedEstimates', () => {
  test('counts every estimate, overall and by subgroup level, as the changes page and the releases list both say', async () => {
    const { movedEstimates } = await import('../../src/lib/review/release-changes.ts');
    const all = r2!.outcomes.flatMap((o) => [o.overall, ...o.subgroups]);
    const { moved, total } = movedEstimates(r2!);
    expect(total).toBe(all.length);
    expect(total).toBeGreaterThan(r2!.outcomes.length);
    expect(moved).toBe(all.filter((e) => e.moved).length);
    expect(movedEstimates({ outcomes: [] })).toEqual({ moved: 0, total: 0 });
  });
});
