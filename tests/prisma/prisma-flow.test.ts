import { describe, expect, test } from 'vitest';
import { searchSchema, trialSchema } from '../../src/schemas/index.ts';
import {
  assignReasons,
  findBox,
  matchReason,
  prismaFlow,
  type PrismaBoxId,
  type PrismaFlow,
  type PrismaRecord,
} from '../../src/lib/prisma/prisma-flow.ts';
import { search1, search2, trials } from './fixtures.ts';

const all = trials();
const flow1 = prismaFlow({ release: 1, searchId: 'release-1', search: search1, trials: all });
const flow2 = prismaFlow({ release: 2, searchId: 'release-2', search: search2, trials: all });

/** Every count of a box, by line text. */
function counts(flow: PrismaFlow, id: PrismaBoxId): Record<string, number | undefined> {
  const box = findBox(flow, id);
  if (!box) throw new Error(`no box ${id}`);
  return Object.fromEntries(box.lines.map((l) => [l.text, l.count]));
}

const ids = (records: readonly PrismaRecord[] | undefined) => (records ?? []).map((r) => `${r.trial}/${r.report}`);

describe('release 1: a new review', () => {
  test('has the boxes of the PRISMA 2020 template for new reviews, in reading order', () => {
    expect(flow1.update).toBe(false);
    expect(flow1.boxes.map((b) => b.id)).toEqual([
      'databases', 'other-sources', 'removed', 'screened', 'screening-excluded', 'sought', 'not-retrieved', 'assessed', 'reports-excluded', 'included',
    ]);
    expect(flow1.headers).toEqual({ new: 'Identification of studies via databases, registers and other sources' });
  });

  test('counts equal the search log of release 1', () => {
    expect(counts(flow1, 'databases')).toEqual({ Databases: 888, MEDLINE: 412, Embase: 476, Registers: 0 });
    expect(findBox(flow1, 'databases')!.count).toBe(888);
    expect(findBox(flow1, 'other-sources')!.count).toBe(74);
    expect(counts(flow1, 'removed')).toEqual({ 'Duplicate records removed': 7, 'Records removed for other reasons': 0 });
    expect(counts(flow1, 'screened')).toEqual({ 'Records screened': 955 });
    expect(counts(flow1, 'screening-excluded')).toEqual({ 'Records excluded': 920 });
    expect(counts(flow1, 'sought')).toEqual({ 'Reports sought for retrieval': 35 });
    expect(counts(flow1, 'not-retrieved')).toEqual({ 'Reports not retrieved': 0 });
    expect(counts(flow1, 'assessed')).toEqual({ 'Reports assessed for eligibility': 35 });
    expect(counts(flow1, 'reports-excluded')).toEqual({ 'Redundant or updated report': 16 });
    expect(counts(flow1, 'included')).toEqual({ 'Studies included in review': 19, 'Reports of included studies': 19 });
  });

  test('every sum holds and every list agrees with its count', () => {
    expect(flow1.checks.every((c) => c.ok)).toBe(true);
    expect(flow1.problems).toEqual([]);
    expect(flow1.notes).toEqual([]);
  });

  test('boxes fed only by the search log have no list and say why', () => {
    for (const id of ['databases', 'other-sources', 'removed', 'screened', 'screening-excluded', 'not-retrieved'] as const) {
      const box = findBox(flow1, id)!;
      expect(box.records, id).toBeNull();
      expect(box.href, id).toBeUndefined();
      expect(box.noList, id).toMatch(/search log/);
    }
  });

  test('the assessed box lists every report that entered in release 1', () => {
    const box = findBox(flow1, 'assessed')!;
    expect(box.href).toBe('/prisma/records/1/assessed/');
    expect(box.records!.items).toHaveLength(35);
    expect(box.records!.items.every((r) => r.release === 1)).toBe(true);
    expect(ids(findBox(flow1, 'sought')!.records!.items)).toEqual(ids(box.records!.items));
  });

  test('the excluded box lists the reports superseded within release 1, under the log reason', () => {
    const box = findBox(flow1, 'reports-excluded')!;
    const items = box.records!.items;
    expect(items).toHaveLength(16);
    expect(items.every((r) => r.outcome === 'updated' && r.status === 'superseded' && r.report === 'old')).toBe(true);
    expect(items.every((r) => r.reasonGroup === 'Redundant or updated report')).toBe(true);
    expect(items.every((r) => r.reason === 'Updated by a later abstract')).toBe(true);
    expect(items.every((r) => r.href === `/trials/${r.trial}/`)).toBe(true);
  });

  test('the included box lists the 19 trials with the report each used in release 1', () => {
    const box = findBox(flow1, 'included')!;
    const items = box.records!.items;
    expect(box.records!.listed).toEqual({ reports: 19, studies: 19 });
    // Cema-cel's abstract was its primary report in release 1, though superseded since.
    expect(ids(items)).toContain('cema-cel/ash-2023');
    expect(ids(items)).not.toContain('cema-cel/jco-2026');
    expect(ids(items)).toContain('t02/new');
    expect(ids(items)).not.toContain('t02/old');
    expect(items.every((r) => r.outcome === 'included' && r.newStudy === true)).toBe(true);
    expect(items.some((r) => r.trial === 'ft516')).toBe(false);
  });
});

describe('release 2: an updated review', () => {
  test('adds the previous-version arm and the totals', () => {
    expect(flow2.update).toBe(true);
    expect(flow2.previousRelease).toBe(1);
    expect(flow2.boxes.map((b) => b.id)).toContain('previous');
    expect(flow2.boxes.map((b) => b.id)).toContain('total');
    expect(flow2.headers.previous).toBe('Previous studies');
    expect(flow2.arrows).toContainEqual({ from: 'previous', to: 'total', kind: 'previous' });
    expect(flow2.arrows).toContainEqual({ from: 'included', to: 'total', kind: 'flow' });
  });

  test('counts equal the search log of release 2', () => {
    expect(counts(flow2, 'databases')).toEqual({ Databases: 0, Registers: 0 });
    expect(findBox(flow2, 'other-sources')!.count).toBe(3);
    expect(counts(flow2, 'screened')).toEqual({ 'Records screened': 3 });
    expect(counts(flow2, 'screening-excluded')).toEqual({ 'Records excluded': 0 });
    expect(counts(flow2, 'assessed')).toEqual({ 'Reports assessed for eligibility': 3 });
    expect(counts(flow2, 'reports-excluded')).toEqual({ 'No CAR': 1, 'No usable denominator': 1 });
    expect(counts(flow2, 'included')).toEqual({ 'New studies included in review': 0, 'New reports of included studies': 1 });
    expect(counts(flow2, 'previous')).toEqual({
      'Studies included in previous version of review': 19,
      'Reports of studies included in previous version of review': 19,
    });
  });

  test('totals: studies = previous + new studies, reports = previous + new reports', () => {
    expect(counts(flow2, 'total')).toEqual({ 'Total studies included in review': 19 + 0, 'Reports of total included studies': 19 + 1 });
  });

  test('every sum holds and every list agrees with its count', () => {
    expect(flow2.checks.every((c) => c.ok)).toBe(true);
    expect(flow2.problems).toEqual([]);
    expect(flow2.notes).toEqual([]);
  });

  test('the excluded box lists the FT516 and azer-cel reports, each under its reason', () => {
    const items = findBox(flow2, 'reports-excluded')!.records!.items;
    expect(items.map((r) => [r.trial, r.report, r.reasonGroup])).toEqual([
      ['azer-cel', 'news-2026', 'No usable denominator'],
      ['ft516', 'commentary-2026', 'No CAR'],
    ]);
    // The report's own reason is shown; an excluded trial's reason stands in when it has none.
    expect(items[1]!.reason).toBe('No CAR: hnCD16 NK cells given with rituximab');
  });

  test('the new report is the cema-cel paper, of a study already included', () => {
    const box = findBox(flow2, 'included')!;
    expect(ids(box.records!.items)).toEqual(['cema-cel/jco-2026']);
    expect(box.records!.items[0]!.newStudy).toBe(false);
    expect(box.records!.listed).toEqual({ reports: 1, studies: 0 });
  });

  test('the previous arm lists what release 1 included; the total adds the new report', () => {
    const previous = findBox(flow2, 'previous')!.records!;
    const total = findBox(flow2, 'total')!.records!;
    expect(ids(previous.items)).toEqual(ids(findBox(flow1, 'included')!.records!.items));
    expect(previous.listed).toEqual({ reports: 19, studies: 19 });
    expect(total.listed).toEqual({ reports: 20, studies: 19 });
    expect(ids(total.items)).toEqual(expect.arrayContaining(['cema-cel/ash-2023', 'cema-cel/jco-2026']));
  });

  test('the assessed and sought boxes list the three reports of release 2', () => {
    expect(ids(findBox(flow2, 'assessed')!.records!.items)).toEqual(['azer-cel/news-2026', 'cema-cel/jco-2026', 'ft516/commentary-2026']);
    expect(findBox(flow2, 'sought')!.records!.items).toHaveLength(3);
  });
});

describe('arithmetic', () => {
  for (const [name, flow, search] of [['release 1', flow1, search1], ['release 2', flow2, search2]] as const) {
    test(`${name}: each stage follows from the one before`, () => {
      const identified = findBox(flow, 'databases')!.count + findBox(flow, 'other-sources')!.count;
      const removed = findBox(flow, 'removed')!.count;
      const screened = findBox(flow, 'screened')!.count;
      expect(screened).toBe(identified - removed);
      expect(findBox(flow, 'sought')!.count).toBe(screened - findBox(flow, 'screening-excluded')!.count);
      expect(findBox(flow, 'assessed')!.count).toBe(findBox(flow, 'sought')!.count - findBox(flow, 'not-retrieved')!.count);
      expect(findBox(flow, 'included')!.count).toBe(findBox(flow, 'assessed')!.count - findBox(flow, 'reports-excluded')!.count);
      expect(findBox(flow, 'included')!.count).toBe(search.new_reports_included);
    });
  }

  test('a log whose sums do not add up is reported with the numbers that break it', () => {
    const broken = searchSchema.parse({ ...search1, records_screened: 950 });
    const flow = prismaFlow({ release: 1, searchId: 'broken', search: broken, trials: all });
    const failed = flow.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.label)).toEqual([
      'Records screened = records identified − records removed before screening',
      'Reports sought for retrieval = records screened − records excluded',
    ]);
    expect(flow.problems[0]).toBe('Records screened = records identified − records removed before screening: expected 955, the search log says 950.');
  });

  test('a list that holds fewer reports than counted says so', () => {
    const without = all.filter((t) => t.slug !== 't18');
    const flow = prismaFlow({ release: 1, searchId: 'release-1', search: search1, trials: without });
    expect(findBox(flow, 'included')!.records!.discrepancies).toEqual([
      'Included studies and reports: the search log counts 19 reports; 18 of them are on file in the trial files.',
      'Included studies and reports: the search log counts 19 studies; 18 of them are on file in the trial files.',
    ]);
    expect(flow.notes.length).toBeGreaterThan(0);
  });
});

describe('studies described but not pooled', () => {
  const described = {
    slug: 'pbcar20a',
    data: trialSchema.parse({
      label: 'PBCAR20A',
      registrations: ['NCT04030195'],
      sponsor: 'Sponsor',
      characteristics: { cell_type: 'car_t', cell_source: 'donor blood', target: 'CD20' },
      phase: '1/2',
      status: 'described',
      status_reason: 'No LBCL-specific response data',
      reports: [{ id: 'sponsor', citation: 'Sponsor report', url: 'https://example.org/s', type: 'sponsor_report', date: '2022-01-01', release: 1, status: 'primary' }],
    }),
  };
  const flow = prismaFlow({ release: 1, searchId: 'release-1', search: search1, trials: [...all, described] });

  test('are not counted among the included studies but are listed with the reports assessed, and named', () => {
    const included = findBox(flow, 'included')!.records!;
    expect(ids(included.items)).not.toContain('pbcar20a/sponsor');
    expect(included.note).toMatch(/^PBCAR20A is described in the review's tables but not pooled/);
    const assessed = findBox(flow, 'assessed')!.records!.items.find((r) => r.trial === 'pbcar20a');
    expect(assessed).toMatchObject({ outcome: 'described', reason: 'No LBCL-specific response data' });
    expect(ids(findBox(flow, 'reports-excluded')!.records!.items)).not.toContain('pbcar20a/sponsor');
  });
});

describe('matching exclusions to the reasons of the search log', () => {
  const base = { trial: 'x', trial_label: 'X' } as const;
  const reasons = ['Redundant report or updated report available', 'No CAR (FT516: iPSC NK cells)', 'No usable LBCL denominator (azer-cel news report)'];

  test('by the same text, by containment, by the trial named, by shared words, or as an updated report', () => {
    expect(matchReason({ ...base, outcome: 'excluded', reason: 'no car (ft516: ipsc nk cells)' }, reasons)).toBe(reasons[1]);
    expect(matchReason({ ...base, outcome: 'excluded', reason: 'No CAR' }, ['No CAR', 'Other'])).toBe('No CAR');
    expect(matchReason({ trial: 'azer-cel', trial_label: 'Azer-cel (PBCAR0191)', outcome: 'excluded', reason: 'Gives a rate without the number of patients' }, reasons)).toBe(reasons[2]);
    expect(matchReason({ ...base, outcome: 'excluded', reason: 'The trial_label has no CAR; iPSC NK cells with CD16' }, reasons)).toBe(reasons[1]);
    expect(matchReason({ ...base, outcome: 'updated', reason: 'Replaced by the full paper' }, reasons)).toBe(reasons[0]);
    expect(matchReason({ ...base, outcome: 'excluded', reason: 'Something else entirely' }, reasons)).toBeUndefined();
  });

  test('an unmatched report goes to the only reason with room left', () => {
    const record = (trial: string, reason: string): PrismaRecord => ({
      trial, trial_label: trial, registrations: [], trialStatus: 'included', report: 'r', citation: 'c', type: 'abstract', date: '2025-01-01',
      release: 2, status: 'excluded', outcome: 'excluded', reason, href: `/trials/${trial}/`,
    });
    const out = assignReasons([record('a', 'No CAR at all'), record('b', 'Nothing in common')], [
      { reason: 'No CAR', count: 1 },
      { reason: 'Wrong population', count: 1 },
    ]);
    expect(out.map((r) => r.reasonGroup)).toEqual(['No CAR', 'Wrong population']);
  });
});

describe('model snapshot', () => {
  const compact = (flow: PrismaFlow) => ({
    ...flow,
    boxes: flow.boxes.map((b) => ({
      ...b,
      records: b.records && {
        ...b.records,
        items: b.records.items.map((r) => `${r.trial}/${r.report} ${r.outcome}${r.reasonGroup ? ` [${r.reasonGroup}]` : ''}${r.newStudy === undefined ? '' : r.newStudy ? ' new-study' : ''}`),
      },
    })),
  });
  test('release 1', () => expect(compact(flow1)).toMatchSnapshot());
  test('release 2', () => expect(compact(flow2)).toMatchSnapshot());
});
