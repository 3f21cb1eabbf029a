/** A small review and a trial builder for the tests of the evidence set and the analyses. */
import { reviewSchema, trialSchema, type Review } from '../../src/schemas/index.ts';
import type { TrialRecord } from '../../src/lib/review/evidence-set.ts';

export const review: Review = reviewSchema.parse({
  id: 'demo',
  title: 'Demo review',
  short_title: 'Demo',
  question: 'Does it work?',
  authors: ['A. Author'],
  eligibility: { population: 'Adults', intervention: 'A drug', designs: 'Single-arm trials' },
  populations: [{ id: 'efficacy', label: 'Evaluable' }, { id: 'safety', label: 'Treated' }],
  outcomes: [
    { id: 'resp', label: 'Response', short_label: 'Resp', kind: 'efficacy', population: 'efficacy' },
    { id: 'remission', label: 'Remission', short_label: 'Rem', kind: 'efficacy', population: 'efficacy' },
    { id: 'ae', label: 'Adverse events', short_label: 'AE', kind: 'safety', population: 'safety' },
  ],
  analysis: { transform: 'PAS', method: 'REML' },
  characteristics: [
    { id: 'route', label: 'Route', type: 'category', levels: [{ id: 'oral', label: 'Oral' }, { id: 'iv', label: 'Intravenous' }], per_cohort: true, show: ['table'] },
  ],
  subgroups: [{ id: 'route', characteristic: 'route' }],
  releases: [
    { number: 1, date: '2025-02-01', cutoff: '2025-01-12', search: 'release-1' },
    { number: 2, date: '2026-07-15', cutoff: '2026-06-30', search: 'release-2' },
  ],
});

export function trial(slug: string, overrides: Record<string, unknown>): TrialRecord {
  return {
    slug,
    data: trialSchema.parse({
      label: slug.toUpperCase(),
      registrations: ['NCT00000001'],
      characteristics: { route: 'oral' },
      phase: '1',
      status: 'included',
      cohorts: [
        { id: 'eff', label: 'Evaluable', population: 'efficacy' },
        { id: 'saf', label: 'Treated', population: 'safety' },
      ],
      ...overrides,
    }),
  };
}
