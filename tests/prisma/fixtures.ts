/**
 * A review shaped like the first two releases: release 1 has 888 database and 74 other
 * records, 7 duplicates, 955 screened, 920 excluded, 35 assessed, 16 excluded as redundant or
 * updated reports, and 19 studies with 19 reports included. Release 2 adds 3 records from
 * other sources: the cema-cel full paper (a new report of an included study), an azer-cel news
 * report without a usable denominator and an FT516 report (no CAR), both excluded.
 */
import { searchSchema, trialSchema, type Search } from '../../src/schemas/index.ts';
import type { PrismaTrial } from '../../src/lib/prisma/prisma-flow.ts';

export const search1: Search = searchSchema.parse({
  release: 1,
  date: '2025-01-12',
  databases: [
    { name: 'MEDLINE', records: 412 },
    { name: 'Embase', records: 476 },
  ],
  other_sources: [
    { name: 'Conference proceedings', records: 61 },
    { name: 'Sponsor websites', records: 13 },
  ],
  duplicates_removed: 7,
  records_screened: 955,
  records_excluded: 920,
  reports_sought: 35,
  reports_assessed: 35,
  reports_excluded: [{ reason: 'Redundant or updated report', count: 16 }],
  new_studies_included: 19,
  new_reports_included: 19,
});

export const search2: Search = searchSchema.parse({
  release: 2,
  date: '2026-06-30',
  other_sources: [{ name: 'Citation and news alerts', records: 3 }],
  duplicates_removed: 0,
  records_screened: 3,
  records_excluded: 0,
  reports_sought: 3,
  reports_assessed: 3,
  reports_excluded: [
    { reason: 'No CAR', count: 1 },
    { reason: 'No usable denominator', count: 1 },
  ],
  new_studies_included: 0,
  new_reports_included: 1,
  previous_studies: 19,
  previous_reports: 19,
});

let nct = 1;
function trial(slug: string, fields: Record<string, unknown>): PrismaTrial {
  return {
    slug,
    data: trialSchema.parse({
      label: slug.toUpperCase(),
      registrations: [`NCT${String(nct++).padStart(8, '0')}`],
      sponsor: 'Sponsor',
      characteristics: { cell_type: 'car_t', cell_source: 'healthy-donor blood', target: 'CD19' },
      phase: '1',
      status: 'included',
      ...fields,
    }),
  };
}

const report = (id: string, release: number, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  citation: `Citation of ${id}`,
  url: `https://example.org/${id}`,
  type: 'abstract',
  date: release === 1 ? '2024-06-01' : '2026-03-01',
  release,
  status,
  ...extra,
});

/** 19 included trials; 16 of them (t02..t17) also have an older abstract superseded in release 1. */
export function trials(): PrismaTrial[] {
  const out: PrismaTrial[] = [];
  out.push(
    trial('cema-cel', {
      label: 'Cema-cel (ALLO-501/501A)',
      reports: [
        report('ash-2023', 1, 'superseded', { superseded_by: 'jco-2026', reason: 'Full paper published', date: '2023-12-01' }),
        report('jco-2026', 2, 'primary', { type: 'full_article', date: '2026-02-01' }),
      ],
    }),
  );
  out.push(
    trial('azer-cel', {
      label: 'Azer-cel (PBCAR0191)',
      reports: [
        report('ash-2022', 1, 'primary'),
        report('news-2026', 2, 'excluded', { type: 'news', reason: 'News item without a usable denominator for response' }),
      ],
    }),
  );
  for (let i = 2; i <= 18; i++) {
    const slug = `t${String(i).padStart(2, '0')}`;
    const reports =
      i <= 17
        ? [
            report('old', 1, 'superseded', { superseded_by: 'new', reason: 'Updated by a later abstract', date: '2023-06-01' }),
            report('new', 1, 'primary'),
          ]
        : [report('only', 1, 'primary')];
    out.push(trial(slug, { reports }));
  }
  out.push(
    trial('ft516', {
      label: 'FT516',
      characteristics: { cell_type: 'car_nk', cell_source: 'healthy-donor blood', target: 'CD19' },
      status: 'excluded',
      status_reason: 'FT516 carries no CAR (hnCD16 NK cells given with rituximab)',
      reports: [report('commentary-2026', 2, 'excluded', { reason: 'No CAR: hnCD16 NK cells given with rituximab' })],
    }),
  );
  return out;
}
