import { describe, expect, test } from 'vitest';
import { review, trial } from './demo-review.ts';
import {
  isPrimaryAsOf,
  outcomeRows,
  primaryReportAsOf,
  supersededReportsAsOf,
  trialsOnFileAsOf,
} from '../../src/lib/review/evidence-set.ts';

const abstract = {
  id: 'abstract', citation: 'Abstract 2024', url: 'https://example.org/a', type: 'abstract', date: '2024-12', release: 1,
  status: 'superseded', superseded_by: 'paper', reason: 'full paper published',
  data: { eff: { resp: { events: 8, n: 12, source: 'Table 1' } }, saf: { ae: 'nd' } },
};
const paper = {
  id: 'paper', citation: 'Paper 2025', doi: '10.1000/xyz', type: 'full_article', date: '2025-06-01', release: 2, status: 'primary',
  data: { eff: { resp: { events: 19, n: 33, source: 'Table 2' }, remission: { events: 9, n: 33, source: 'Table 2' } }, saf: { ae: { events: 0, n: 33, source: 'Table 3' } } },
};

describe('evidence set of a release', () => {
  const cema = trial('cema', { reports: [abstract, paper] });

  test('a report superseded by one that entered later is still the primary report of the earlier release', () => {
    expect(primaryReportAsOf(cema.data, 1)?.id).toBe('abstract');
    expect(primaryReportAsOf(cema.data, 2)?.id).toBe('paper');
  });

  test('a report that entered after the release is never in use for it', () => {
    const p = cema.data.reports.find((r) => r.id === 'paper')!;
    expect(isPrimaryAsOf(p, cema.data.reports, 1)).toBe(false);
  });

  test('takes the numbers of the cohort that represents the outcome population', () => {
    expect(outcomeRows(review, [cema], 'resp', 1).rows.map((r) => [r.events, r.n])).toEqual([[8, 12]]);
    expect(outcomeRows(review, [cema], 'resp', 2).rows.map((r) => [r.events, r.n])).toEqual([[19, 33]]);
  });

  test('leaves a not-disclosed outcome out and lists the trial as not disclosed', () => {
    const r1 = outcomeRows(review, [cema], 'ae', 1);
    expect(r1.rows).toEqual([]);
    expect(r1.notDisclosed).toEqual([{ trial: 'cema', trial_label: 'CEMA', report: 'abstract', cohort: 'saf' }]);
    expect(r1.notPooled.map((e) => [e.reason, e.cohort])).toEqual([['not_disclosed', 'saf']]);
  });

  test('a cohort can carry its own subgroup level, so one trial feeds two levels', () => {
    const mixed = trial('mixed', {
      cohorts: [
        { id: 'o', label: 'Oral arm', population: 'efficacy' },
        { id: 'i', label: 'Intravenous arm', population: 'efficacy', characteristics: { route: 'iv' } },
      ],
      reports: [{ ...paper, release: 1, data: { o: { resp: { events: 3, n: 6, source: 'T2' } }, i: { resp: { events: 1, n: 5, source: 'T2' } } } }],
    });
    const { rows } = outcomeRows(review, [mixed], 'resp', 1);
    expect(rows.map((r) => [r.label, r.levels['route']])).toEqual([
      ['MIXED: Oral arm', 'oral'],
      ['MIXED: Intravenous arm', 'iv'],
    ]);
  });
});

describe('nothing recorded is left out silently', () => {
  test('an outcome a pooled cohort omits is listed as not reported, never counted as zero', () => {
    // The abstract gives the cohort's response but nothing for remission.
    const t = trial('omits', { reports: [{ ...paper, release: 1, data: { eff: { resp: { events: 4, n: 10, source: 'T1' } } } }] });
    const { rows, notDisclosed, notPooled } = outcomeRows(review, [t], 'remission', 1);
    expect(rows).toEqual([]);
    expect(notDisclosed).toEqual([]);
    expect(notPooled).toEqual([
      { trial: 'omits', label: 'OMITS', report: 'paper', report_date: '2025-06-01', cohort: 'eff', cohort_label: 'Evaluable', reason: 'not_reported' },
    ]);
  });

  test('a cohort the report does not mention at all is not listed (it belongs to another report)', () => {
    const t = trial('other', {
      cohorts: [
        { id: 'eff', label: 'Evaluable', population: 'efficacy' },
        { id: 'early', label: 'First dose level', population: 'efficacy' },
      ],
      reports: [{ ...paper, release: 1 }],
    });
    expect(outcomeRows(review, [t], 'resp', 1).notPooled).toEqual([]);
  });

  test("numbers under a cohort with no population are listed as only described, with the numbers", () => {
    const t = trial('desc', {
      cohorts: [
        { id: 'eff', label: 'Evaluable', population: 'efficacy' },
        { id: 'kids', label: 'Children (outside the review question)' },
      ],
      reports: [{ ...paper, release: 1, data: { eff: { resp: { events: 4, n: 10, source: 'T1' } }, kids: { resp: { events: 2, n: 3, source: 'T4' } } } }],
    });
    const { rows, notPooled } = outcomeRows(review, [t], 'resp', 1);
    expect(rows.map((r) => r.cohort)).toEqual(['eff']);
    expect(notPooled).toEqual([
      { trial: 'desc', label: 'DESC', report: 'paper', report_date: '2025-06-01', cohort: 'kids', cohort_label: 'Children (outside the review question)', reason: 'cohort_described', events: 2, n: 3, source: 'T4' },
    ]);
  });

  test("a described trial's numbers are listed with its status reason", () => {
    const t = trial('pb', { status: 'described', status_reason: 'inconsistent reporting', reports: [{ ...paper, release: 1 }] });
    const { rows, notPooled } = outcomeRows(review, [t], 'resp', 2);
    expect(rows).toEqual([]);
    expect(notPooled.map((e) => [e.reason, e.detail, e.events, e.n])).toEqual([['trial_described', 'inconsistent reporting', 19, 33]]);
  });

  test("an excluded report's numbers are listed with its reason; the trial's primary report is pooled", () => {
    const excluded = { ...abstract, id: 'poster', status: 'excluded', superseded_by: undefined, reason: 'duplicate of the abstract with other counts', data: { eff: { resp: { events: 7, n: 12, source: 'Poster' } } } };
    const t = trial('ex', { reports: [{ ...paper, release: 1 }, excluded] });
    const { rows, notPooled } = outcomeRows(review, [t], 'resp', 1);
    expect(rows.map((r) => r.report)).toEqual(['paper']);
    expect(notPooled.map((e) => [e.reason, e.report, e.detail, e.events])).toEqual([['report_excluded', 'poster', 'duplicate of the abstract with other counts', 7]]);
  });

  test('reports replaced by later ones are listed once per release with the report in use', () => {
    const cema = trial('cema', { reports: [abstract, paper] });
    expect(outcomeRows(review, [cema], 'resp', 2).notPooled).toEqual([]);
    expect(supersededReportsAsOf(review, trialsOnFileAsOf([cema], 1), 1)).toEqual([]);
    expect(supersededReportsAsOf(review, trialsOnFileAsOf([cema], 2), 2)).toEqual([
      { trial: 'cema', label: 'CEMA', report: 'abstract', report_date: '2024-12', by: 'paper', outcomes: ['resp'] },
    ]);
  });

  test('every number recorded for an outcome is pooled or listed', () => {
    const trials = [
      trial('a', { reports: [abstract, paper] }),
      trial('b', { status: 'described', status_reason: 'no eligible patients', reports: [{ ...paper, release: 1 }] }),
      trial('c', { reports: [{ ...paper, release: 2, data: { eff: { resp: 'nd' } } }] }),
    ];
    for (const release of [1, 2]) {
      const onFile = trialsOnFileAsOf(trials, release);
      const superseded = supersededReportsAsOf(review, onFile, release);
      for (const outcome of review.outcomes) {
        const { rows, notPooled } = outcomeRows(review, trials, outcome.id, release, onFile);
        let recorded = 0;
        for (const t of trials) {
          for (const r of t.data.reports) {
            if (r.release > release) continue;
            for (const values of Object.values(r.data)) {
              const value = values[outcome.id];
              if (value !== undefined && typeof value === 'object' && 'events' in value) recorded++;
            }
          }
        }
        const supersededValues = superseded.filter((s) => s.outcomes.includes(outcome.id)).length;
        const listedNumbers = notPooled.filter((e) => e.n !== undefined).length;
        expect(rows.length + listedNumbers + supersededValues, `release ${release}, ${outcome.id}`).toBe(recorded);
      }
    }
  });
});
