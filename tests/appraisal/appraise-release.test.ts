import { describe, expect, test } from 'vitest';
import { reviewSchema, type CertaintyFile } from '../../src/schemas/index.ts';
import { analyseRelease } from '../../src/lib/review/analyse-release.ts';
import { appraisalInputFromContent, appraiseRelease } from '../../src/lib/appraisal/appraise-release.ts';
import { appraiseReleases } from '../../src/lib/appraisal/appraise-releases.ts';
import { buildLock, releaseLockSchema, type ReleaseLock } from '../../src/lib/review/release-lock.ts';
import { certaintyChanges } from '../../src/lib/review/release-changes.ts';
import { resultsCsv, studiesCsv } from '../../src/lib/review/exports.ts';
import { review as demo, trial } from '../review/demo-review.ts';

const review = reviewSchema.parse({ ...demo, subgroups: [], risk_of_bias: { tool: 'rob2' }, certainty: { imprecision: { serious_width: 30 } } });
const j = (judgement: string) => ({ judgement, support: 'why', source: 'where' });
const assess = (level: string) => ({ domains: { randomisation: j('low'), deviations: j('low'), missing_data: j('low'), measurement: j(level), reporting: j('low') } });
const report = (events: number, n: number) => ({
  id: 'paper', citation: 'Paper', doi: '10.1000/xyz', type: 'full_article', date: '2024-06-01', release: 1, status: 'primary',
  data: { eff: { resp: { events, n, source: 'Table 2' } }, saf: { ae: { events: 1, n, source: 'Table 3' } } },
});
const trials = [
  trial('alpha', { reports: [report(10, 30)], risk_of_bias: assess('low') }),
  trial('beta', { reports: [report(20, 40)], risk_of_bias: assess('high') }),
  trial('gamma', { reports: [report(5, 25)], risk_of_bias: assess('some_concerns') }),
  trial('delta', { reports: [report(12, 20)], risk_of_bias: assess('low') }),
  trial('omega', { reports: [report(9, 30)] }),
];
const rated = (rating: string): CertaintyFile => ({
  outcomes: {
    resp: {
      domains: { risk_of_bias: { rating: 'suggested' }, inconsistency: { rating: 'suggested' }, indirectness: { rating: 'not_serious', reason: 'Direct' }, imprecision: { rating: rating as 'serious', reason: 'Wide' }, publication_bias: { rating: 'suggested' } },
      upgrades: [],
      footnotes: [],
    },
  },
});

describe('a release appraised', () => {
  const pooled = analyseRelease(review, trials, 1);
  const input = appraisalInputFromContent(review, trials, rated('not_serious'));
  const a = appraiseRelease(review, pooled, input, 'content');
  const resp = a.outcomes['resp']!;

  test('every pooled trial is judged for the report its numbers come from; a trial without judgements is "not assessed"', () => {
    expect(Object.keys(a.appraisal!.studies).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma', 'omega']);
    expect(resp.studies.map((s) => [s.trial, s.rob?.class])).toEqual(
      expect.arrayContaining([['alpha', 'low'], ['beta', 'high'], ['gamma', 'some'], ['omega', 'not_assessed']]),
    );
    expect(pooled.outcomes['resp']!.studies[0]!.rob).toBeUndefined(); // the input is left as it was
  });

  test('the weighted summary adds up to the whole weight, per domain and overall', () => {
    const rob = resp.risk_of_bias!;
    for (const row of rob.summary) expect(row.shares.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
    const w = (slug: string) => resp.studies.find((s) => s.trial === slug)!.weight / 100;
    expect(rob.overall_shares.high).toBeCloseTo(w('beta'), 10);
    expect(rob.overall_counts).toEqual({ low: 2, high: 1, some: 1, not_assessed: 1 });
  });

  test('the sensitivity rows pool the same rows as the review would without those trials', () => {
    const without = analyseRelease(review, trials.filter((t) => t.slug !== 'beta'), 1, { robustness: false }).outcomes['resp']!.overall!;
    const row = resp.robustness.find((r) => r.subset === 'exclude_high_risk')!;
    expect(row.label).toMatch(/without studies at high risk of bias \(4 of 5 rows\)/);
    expect(row.result!.proportion.estimate).toBeCloseTo(without.proportion.estimate, 12);
    expect(row.result!.k).toBe(4);
    const low = analyseRelease(review, trials.filter((t) => ['alpha', 'delta'].includes(t.slug)), 1, { robustness: false }).outcomes['resp']!.overall!;
    expect(resp.robustness.find((r) => r.subset === 'low_risk_only')!.result!.proportion.ci_upper).toBeCloseTo(low.proportion.ci_upper, 12);
  });

  test('certainty with its prompts; the data files carry it', () => {
    expect(resp.certainty!.rating).not.toBeNull();
    expect(resp.certainty!.domains.risk_of_bias.confirmed).toBe(true);
    expect(a.outcomes['ae']!.certainty!.rating).toBeNull(); // not in certainty.yaml
    const results = resultsCsv(a).split('\n');
    expect(results[0]).toMatch(/,certainty,certainty_risk_of_bias,certainty_inconsistency,certainty_indirectness,certainty_imprecision,certainty_publication_bias$/);
    expect(results.find((l) => l.startsWith('1,resp,NA,NA,'))).toMatch(new RegExp(`,${resp.certainty!.rating},`));
    const studies = studiesCsv(a, []).split('\n');
    expect(studies[0]).toMatch(/,rob_overall,rob_class$/);
    expect(studies.find((l) => l.includes(',beta,'))).toMatch(/,high,high$/);
    expect(studies.find((l) => l.includes(',omega,'))).toMatch(/,NA,not_assessed$/);
  });

  test('without a tool nothing about risk of bias is added, and certainty still is', () => {
    const plain = reviewSchema.parse({ ...demo, subgroups: [] });
    const b = appraiseRelease(plain, analyseRelease(plain, trials, 1), appraisalInputFromContent(plain, trials, undefined), 'content');
    expect(b.appraisal!.tool).toBeNull();
    expect(b.outcomes['resp']!.studies.every((s) => s.rob === undefined)).toBe(true);
    expect(b.outcomes['resp']!.risk_of_bias).toBeNull();
    expect(b.outcomes['resp']!.robustness.some((r) => r.subset)).toBe(false);
    expect(b.outcomes['resp']!.certainty!.domains.risk_of_bias.suggested).toBeNull();
  });
});

describe('a published release keeps its appraisal', () => {
  const pooled = [analyseRelease(review, trials, 1, { robustness: false }), analyseRelease(review, trials, 2, { robustness: false })];
  const lockOf = (certainty: CertaintyFile, ts = trials): ReleaseLock =>
    releaseLockSchema.parse(JSON.parse(JSON.stringify(buildLock(pooled[1]!, 'release-2', {}, appraisalInputFromContent(review, ts, certainty)))));

  test('a lock holds the appraisal, and reads back', () => {
    const lock = lockOf(rated('serious'));
    expect(lock.appraisal!.tool!.id).toBe('rob2');
    expect(Object.keys(lock.appraisal!.trials).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(lock.appraisal!.certainty.outcomes['resp']!.domains.imprecision!.rating).toBe('serious');
  });

  test("the release shows the lock's; the current pages today's, only when they differ", () => {
    const locks = new Map([[2, lockOf(rated('serious'))]]);
    const same = appraiseReleases(review, trials, pooled, locks, rated('serious'));
    expect(same.current).toBeNull();
    expect(same.releases[1]!.appraisal!.source).toBe('lock');
    expect(same.releases[0]!.appraisal!.source).toBe('content');
    const moved = appraiseReleases(review, trials, pooled, locks, rated('very_serious'));
    expect(moved.current).not.toBeNull();
    expect(moved.releases[1]!.outcomes['resp']!.certainty!.domains.imprecision.rating).toBe('serious');
    expect(moved.current!.outcomes['resp']!.certainty!.domains.imprecision.rating).toBe('very_serious');
    // a changed judgement also makes the current pages differ
    const rejudged = trials.map((t) => (t.slug === 'alpha' ? trial('alpha', { reports: [report(10, 30)], risk_of_bias: assess('high') }) : t));
    const byJudgement = appraiseReleases(review, rejudged, pooled, locks, rated('serious'));
    expect(byJudgement.current!.outcomes['resp']!.studies.find((s) => s.trial === 'alpha')!.rob!.class).toBe('high');
    expect(byJudgement.releases[1]!.outcomes['resp']!.studies.find((s) => s.trial === 'alpha')!.rob!.class).toBe('low');
  });

  test('a change of certainty between releases is listed with the domains that moved', () => {
    const before = appraiseRelease(review, pooled[0]!, appraisalInputFromContent(review, trials, rated('not_serious')), 'content');
    const after = appraiseRelease(review, pooled[1]!, appraisalInputFromContent(review, trials, rated('very_serious')), 'content');
    const changes = certaintyChanges(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ outcome: 'resp', domains: ['imprecision: not serious → very serious'] });
    expect(changes[0]!.before).not.toBe(changes[0]!.after);
    expect(certaintyChanges(before, before)).toEqual([]);
    expect(certaintyChanges(null, after)).toEqual([]);
  });
});
