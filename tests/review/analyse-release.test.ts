import { describe, expect, test } from 'vitest';
import { analyseOutcome, analyseRelease, releaseCounts } from '../../src/lib/review/analyse-release.ts';
import { leaveOneTrialOut, studiesText, trialsColumnText } from '../../src/lib/review/rows-and-trials.ts';
import { metaProportions } from '../../src/lib/stats/index.ts';
import { review, trial } from './demo-review.ts';

const report = (data: Record<string, unknown>) => ({
  id: 'paper', citation: 'Paper', doi: '10.1000/xyz', type: 'full_article', date: '2024-06-01', release: 1, status: 'primary', data,
});
const numbers = (events: number, n: number) => ({ events, n, source: 'Table 2' });

// Trial "mixed" is oral, but one of its two efficacy cohorts is intravenous; it gives one safety cohort.
const mixed = trial('mixed', {
  cohorts: [
    { id: 'oral', label: 'Oral arm', population: 'efficacy' },
    { id: 'iv', label: 'Intravenous arm', population: 'efficacy', characteristics: { route: 'iv' } },
    { id: 'all', label: 'All treated', population: 'safety' },
    // a cohort of an earlier report that this report does not mention
    { id: 'pilot', label: 'Pilot', population: 'efficacy', characteristics: { route: 'iv' } },
  ],
  reports: [report({ oral: { resp: numbers(6, 20) }, iv: { resp: numbers(9, 15) }, all: { ae: numbers(4, 35) } })],
});
const ivTrial = trial('ivy', { characteristics: { route: 'iv' }, reports: [report({ eff: { resp: numbers(3, 12) }, saf: { ae: numbers(1, 12) } })] });
const oralTrial = trial('orla', { reports: [report({ eff: { resp: numbers(10, 25) }, saf: { ae: numbers(2, 25) } })] });
const trials = [mixed, ivTrial, oralTrial];

describe('cohorts counted as cohorts', () => {
  const counts = releaseCounts(review, trials, 1);

  test("a trial counts in each level one of its pooled cohorts is in; each cohort counts in its own level", () => {
    expect(counts.trials_included).toBe(3);
    expect(counts.trials_by_level['route']).toEqual({ oral: 2, iv: 2 });
    expect(counts.cohorts_by_level['route']).toEqual({ oral: { efficacy: 2, safety: 2 }, iv: { efficacy: 2, safety: 1 } });
    expect(counts.trials_by_level_population['route']).toEqual({ oral: { efficacy: 2, safety: 2 }, iv: { efficacy: 2, safety: 1 } });
  });

  test('cohorts per population count those the report in use gives numbers for, and the trials they come from', () => {
    expect(counts.cohorts_included).toEqual({ efficacy: 4, safety: 3 });
    expect(counts.trials_by_population).toEqual({ efficacy: 3, safety: 3 });
  });

  test('a cohort whose report discloses nothing for it is not counted', () => {
    const silent = trial('silent', { reports: [report({ eff: { resp: 'nd' }, saf: { ae: numbers(0, 8) } })] });
    const c = releaseCounts(review, [...trials, silent], 1);
    expect(c.cohorts_included).toEqual({ efficacy: 4, safety: 4 });
    expect(c.trials_by_population).toEqual({ efficacy: 3, safety: 4 });
    expect(c.trials_by_level['route']).toEqual({ oral: 3, iv: 2 });
  });

  test('each pooled result says how many trials its rows come from', () => {
    const o = analyseOutcome(review, trials, 'resp', 1, { robustness: false });
    expect([o.overall!.k, o.overall!.trials]).toEqual([4, 3]);
    expect(o.subgroups['route']!.levels['oral']).toMatchObject({ k: 2, trials: 2 });
    expect(o.subgroups['route']!.levels['iv']).toMatchObject({ k: 2, trials: 2 });
    expect(studiesText(o.overall!)).toBe('4 cohorts from 3 trials');
    expect(trialsColumnText(o.overall!)).toBe('4 cohorts from 3 trials');
    const ae = analyseOutcome(review, trials, 'ae', 1, { robustness: false });
    expect(studiesText(ae.overall!)).toBe('3 trials');
    expect(trialsColumnText(ae.overall!)).toBe('3');
  });
});

describe('leave one trial out', () => {
  const o = analyseOutcome(review, trials, 'resp', 1, { robustness: false });
  const rows = o.studies;

  test('leaving out a trial of several rows equals pooling without all its rows', () => {
    expect(o.leave_one_trial_out).toHaveLength(1);
    const [row] = o.leave_one_trial_out!;
    expect(row).toMatchObject({ trial: 'mixed', omitted: 'MIXED', rows: 2, k: 2 });
    const rest = rows.filter((s) => s.trial !== 'mixed');
    const alone = metaProportions({ events: rest.map((s) => s.events), n: rest.map((s) => s.n), transform: 'PAS', method: 'REML' });
    expect(row!.estimate).toBe(alone.proportion.estimate);
    expect([row!.ci_lower, row!.ci_upper, row!.tau2, row!.I2]).toEqual([alone.proportion.ci_lower, alone.proportion.ci_upper, alone.tau2, alone.I2]);
  });

  test('for every trial: a trial of one row is its leave-one-out row, which equals pooling without it', () => {
    const all = leaveOneTrialOut(o);
    expect(all.map((r) => [r.trial, r.rows])).toEqual([['ivy', 1], ['mixed', 2], ['orla', 1]]);
    const ivy = all.find((r) => r.trial === 'ivy')!;
    const rest = rows.filter((s) => s.trial !== 'ivy');
    const alone = metaProportions({ events: rest.map((s) => s.events), n: rest.map((s) => s.n), transform: 'PAS', method: 'REML' });
    expect(ivy.estimate).toBeCloseTo(alone.proportion.estimate, 12);
    expect(ivy.k).toBe(3);
  });

  test('where every trial gives one row, leaving out a trial is leaving out a row: none apart', () => {
    const ae = analyseOutcome(review, trials, 'ae', 1, { robustness: false });
    expect(ae.leave_one_trial_out).toBeNull();
    expect(leaveOneTrialOut(ae).map((r) => r.estimate)).toEqual(ae.leave_one_out.map((r) => r.estimate));
  });

  test('the pooled numbers themselves do not change', () => {
    const alone = metaProportions({ events: rows.map((s) => s.events), n: rows.map((s) => s.n), transform: 'PAS', method: 'REML' });
    expect(o.overall!.proportion).toEqual(alone.proportion);
  });
});

describe('the release lists what it does not pool', () => {
  test('not_pooled per outcome and superseded_reports per release are in the analyses', () => {
    const described = trial('desc', { status: 'described', status_reason: 'reports a mixed population only', reports: [report({ eff: { resp: numbers(2, 4) } })] });
    const omits = trial('omit', { reports: [report({ eff: { resp: numbers(5, 10) }, saf: { ae: numbers(1, 10) } })] });
    const data = analyseRelease(review, [...trials, described, omits], 1, { robustness: false });
    expect(data.outcomes['resp']!.not_pooled.map((e) => [e.trial, e.reason])).toEqual([['desc', 'trial_described']]);
    // remission: no cohort gives it, and every pooled cohort of its population that gives other outcomes omits it
    expect(data.outcomes['remission']!.overall).toBeNull();
    expect(data.outcomes['remission']!.not_pooled.map((e) => [e.trial, e.cohort, e.reason])).toEqual([
      ['ivy', 'eff', 'not_reported'],
      ['mixed', 'oral', 'not_reported'],
      ['mixed', 'iv', 'not_reported'],
      ['omit', 'eff', 'not_reported'],
      ['orla', 'eff', 'not_reported'],
    ]);
    expect(data.superseded_reports).toEqual([]);
  });
});
