import { describe, expect, test } from 'vitest';
import { reviewSchema, trialSchema, type Review } from '../../src/schemas/index.ts';
import { isPrimaryAsOf, outcomeRows, primaryReportAsOf, type TrialRecord } from '../../src/lib/review/evidence-set.ts';

const review: Review = reviewSchema.parse({
  id: 'demo',
  title: 'Demo review',
  short_title: 'Demo',
  question: 'Does it work?',
  authors: ['A. Author'],
  eligibility: { population: 'Adults', intervention: 'Cells', designs: 'Single-arm trials' },
  populations: [{ id: 'efficacy', label: 'Evaluable' }, { id: 'safety', label: 'Infused' }],
  outcomes: [
    { id: 'borr', label: 'Best overall response', short_label: 'bORR', kind: 'efficacy', population: 'efficacy' },
    { id: 'gvhd', label: 'GvHD', short_label: 'GvHD', kind: 'safety', population: 'safety' },
  ],
  analysis: { transform: 'PAS', method: 'REML' },
  subgroups: [{ id: 'modality', label: 'Cell type', levels: [{ id: 'car_nk', label: 'CAR-NK' }, { id: 'car_t', label: 'CAR-T' }] }],
  releases: [
    { number: 1, date: '2025-02-01', cutoff: '2025-01-12', search: 'release-1' },
    { number: 2, date: '2026-07-15', cutoff: '2026-06-30', search: 'release-2' },
  ],
});

function trial(slug: string, overrides: Record<string, unknown>): TrialRecord {
  return {
    slug,
    data: trialSchema.parse({
      product: slug.toUpperCase(),
      registrations: ['NCT00000001'],
      sponsor: 'Sponsor',
      modality: 'car_t',
      cell_source: 'donor blood',
      target: 'CD19',
      phase: '1',
      status: 'included',
      subgroups: { modality: 'car_t' },
      cohorts: [
        { id: 'eff', label: 'Evaluable LBCL', population: 'efficacy' },
        { id: 'saf', label: 'Infused', population: 'safety' },
      ],
      ...overrides,
    }),
  };
}

const abstract = {
  id: 'abstract', citation: 'Abstract 2024', url: 'https://example.org/a', type: 'abstract', date: '2024-12-01', release: 1,
  status: 'superseded', superseded_by: 'paper', reason: 'full paper published',
  data: { eff: { borr: { events: 8, n: 12, source: 'Table 1' } }, saf: { gvhd: 'nd' } },
};
const paper = {
  id: 'paper', citation: 'Paper 2025', doi: '10.1000/xyz', type: 'full_article', date: '2025-06-01', release: 2, status: 'primary',
  data: { eff: { borr: { events: 19, n: 33, source: 'Table 2' } }, saf: { gvhd: { events: 0, n: 33, source: 'Table 3' } } },
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
    expect(outcomeRows(review, [cema], 'borr', 1).rows.map((r) => [r.events, r.n])).toEqual([[8, 12]]);
    expect(outcomeRows(review, [cema], 'borr', 2).rows.map((r) => [r.events, r.n])).toEqual([[19, 33]]);
  });

  test('leaves a not-disclosed outcome out and lists the trial as not disclosed', () => {
    const r1 = outcomeRows(review, [cema], 'gvhd', 1);
    expect(r1.rows).toEqual([]);
    expect(r1.notDisclosed).toEqual([{ trial: 'cema', product: 'CEMA', report: 'abstract', cohort: 'saf' }]);
  });

  test('a trial described but not pooled gives no rows', () => {
    const described = trial('pb', { status: 'described', status_reason: 'inconsistent reporting', reports: [{ ...paper, release: 1 }] });
    expect(outcomeRows(review, [described], 'borr', 2).rows).toEqual([]);
  });

  test('a cohort can carry its own subgroup level, so one trial feeds two levels', () => {
    const mixed = trial('mixed', {
      cohorts: [
        { id: 't', label: 'CAR-T arm', population: 'efficacy' },
        { id: 'nk', label: 'CAR-NK arm', population: 'efficacy', subgroups: { modality: 'car_nk' } },
      ],
      reports: [{ ...paper, release: 1, data: { t: { borr: { events: 3, n: 6, source: 'T2' } }, nk: { borr: { events: 1, n: 5, source: 'T2' } } } }],
    });
    const { rows } = outcomeRows(review, [mixed], 'borr', 1);
    expect(rows.map((r) => [r.label, r.levels['modality']])).toEqual([
      ['MIXED: CAR-T arm', 'car_t'],
      ['MIXED: CAR-NK arm', 'car_nk'],
    ]);
  });
});
