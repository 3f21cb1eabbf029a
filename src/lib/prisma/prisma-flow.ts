/**
 * The PRISMA 2020 flow diagram of one release, as a model without layout: the boxes of the
 * diagram with their counts, the arrows between them, and for each box the reports it counts.
 *
 * The counts come from the release's search log (`content/searches/<id>.yaml`). The reports
 * behind a count come from the trial files: a report enters the review in the release named
 * by its `release` field, and its status as of that release decides where it is counted:
 *
 * - the report the analysis uses as of the release (see `isPrimaryAsOf`) of an included trial
 *   is an included report;
 * - a superseded report whose replacement had already entered is excluded as an updated report;
 * - an excluded report, or any report of an excluded trial, is excluded with its reason.
 *
 * Stages before full-text assessment (records identified, removed, screened and excluded on
 * title and abstract) exist only as counts in the search log; their boxes have no list.
 * When the trial files list a different number of reports than the search log counts, the
 * box says so (`records.discrepancies`), so the two sources can be reconciled.
 *
 * Everything here is plain data in, plain data out: no file system, no Astro.
 */
import type { Report, Search, Trial } from '../../schemas/index.ts';
import { isPrimaryAsOf } from '../review/evidence-set.ts';

export type PrismaPhase = 'identification' | 'screening' | 'included';

export const PRISMA_PHASES: readonly PrismaPhase[] = ['identification', 'screening', 'included'];

export const PRISMA_PHASE_LABELS: Record<PrismaPhase, string> = {
  identification: 'Identification',
  screening: 'Screening',
  included: 'Included',
};

export type PrismaBoxId =
  | 'previous'
  | 'databases'
  | 'other-sources'
  | 'removed'
  | 'screened'
  | 'screening-excluded'
  | 'sought'
  | 'not-retrieved'
  | 'assessed'
  | 'reports-excluded'
  | 'included'
  | 'total';

/** Every box id in reading order (the order of the model's boxes, the description and the counts table). */
export const PRISMA_BOX_ORDER: readonly PrismaBoxId[] = [
  'previous',
  'databases',
  'other-sources',
  'removed',
  'screened',
  'screening-excluded',
  'sought',
  'not-retrieved',
  'assessed',
  'reports-excluded',
  'included',
  'total',
];

/**
 * Where a box sits in the classic diagram: the previous-version arm on the left, the sources
 * of new records, the main flow and the exclusions beside it.
 */
export type PrismaColumn = 'previous' | 'source' | 'main' | 'side';

/** One line of text in a box. `level` 1 is a sub-item (one database under "Databases"). */
export interface PrismaLine {
  text: string;
  count?: number;
  level: 0 | 1;
}

/**
 * Where a report stood at the full-text assessment of the release it entered: the report
 * used by an included study, a report of a study described in the tables but not pooled,
 * a report made redundant by a newer one, or an excluded report.
 */
export type PrismaOutcome = 'included' | 'described' | 'updated' | 'excluded';

/** One report of a trial file, as counted in one box. */
export interface PrismaRecord {
  trial: string;
  trial_label: string;
  registrations: string[];
  trialStatus: Trial['status'];
  report: string;
  citation: string;
  type: Report['type'];
  date: string;
  /** Release in which the report entered the review. */
  release: number;
  doi?: string;
  url?: string;
  /** Its status in the trial file today. */
  status: Report['status'];
  /** Where it stood at the full-text assessment of the release it entered. */
  outcome: PrismaOutcome;
  /** Why it was excluded, from the report (or, for an excluded trial, from the trial). */
  reason?: string;
  /** The reason of the search log this exclusion is counted under, when one matches. */
  reasonGroup?: string;
  /** True when the study is new in this box's release (included boxes only). */
  newStudy?: boolean;
  /** Path of the trial's page, without the site's base. */
  href: string;
}

/** The reports a box counts, as far as the trial files can list them. */
export interface PrismaRecords {
  items: PrismaRecord[];
  /** What the search log counts: reports, and studies for the included boxes. */
  expected: { reports: number; studies?: number };
  /** What the trial files list. */
  listed: { reports: number; studies?: number };
  /** Differences between the two, in words; empty when they agree. */
  discrepancies: string[];
  /** A remark on what the list does and does not hold. */
  note?: string;
}

export interface PrismaBox {
  id: PrismaBoxId;
  /** A short name of the box for headings and tables, e.g. "Reports excluded". */
  title: string;
  phase: PrismaPhase;
  column: PrismaColumn;
  /** A lead-in line without a count, e.g. "Records identified from:". */
  heading?: string;
  lines: PrismaLine[];
  /** The box's principal count (reports for the included boxes). */
  count: number;
  /** Path of the page listing the reports this box counts, without the site's base. */
  href?: string;
  /** Label for that link, e.g. "See the reports". */
  linkLabel?: string;
  /** The reports behind the count, or null when only the search log has this stage. */
  records: PrismaRecords | null;
  /** Why there is no list, when `records` is null. */
  noList?: string;
}

export type PrismaArrowKind = 'flow' | 'exit' | 'previous';

/** An arrow of the diagram: `flow` down the main column, `exit` to an exclusion, `previous` into the totals. */
export interface PrismaArrow {
  from: PrismaBoxId;
  to: PrismaBoxId;
  kind: PrismaArrowKind;
}

/** One sum the diagram must satisfy. */
export interface PrismaCheck {
  label: string;
  expected: number;
  actual: number;
  ok: boolean;
}

export interface PrismaFlow {
  release: number;
  search: string;
  date: string;
  /** True for an updated review: the previous-version arm and the totals are drawn. */
  update: boolean;
  previousRelease?: number;
  /** Header above the arms, as in the PRISMA 2020 templates. */
  headers: { new: string; previous?: string };
  boxes: PrismaBox[];
  arrows: PrismaArrow[];
  checks: PrismaCheck[];
  /** Every failed check, in words: the search log's own sums that do not add up. */
  problems: string[];
  /**
   * Where the trial files list a different number of reports than the search log counts, in
   * words (e.g. earlier reports excluded as redundant that the review did not keep on file).
   */
  notes: string[];
}

export interface PrismaTrial {
  slug: string;
  data: Trial;
}

export interface PrismaInput {
  /** The release drawn. */
  release: number;
  /** Id of its search log (the file name without .yaml). */
  searchId: string;
  search: Search;
  trials: readonly PrismaTrial[];
  /**
   * The release before this one, if any. Defaults to `release - 1` when `release` > 1. A
   * release with a previous release (or with previous studies in its search log) is drawn
   * with the updated-review template.
   */
  previousRelease?: number | null;
}

/** Path of a release's diagram page. */
export function prismaReleasePath(release: number): string {
  return `/prisma/${release}/`;
}

/** Path of the page listing the reports one box counts. */
export function prismaRecordsPath(release: number, box: PrismaBoxId): string {
  return `/prisma/records/${release}/${box}/`;
}

/** Path of a trial's page. */
export function trialPath(slug: string): string {
  return `/trials/${slug}/`;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Whether a report was an included report as of `release`: the report in use then of a trial
 * with status included. A described trial (in the tables, not pooled) is not counted among
 * the included studies, as in the search logs; its report is listed with the assessed
 * reports and named in a note under the included studies.
 */
function includedAsOf(trial: Trial, report: Report, release: number): boolean {
  return trial.status === 'included' && isPrimaryAsOf(report, trial.reports, release);
}

function outcomeAtEntry(trial: Trial, report: Report): { outcome: PrismaOutcome; reason?: string } {
  if (includedAsOf(trial, report, report.release)) return { outcome: 'included' };
  if (trial.status === 'excluded') {
    const reason = report.reason?.trim() || trial.status_reason?.trim();
    return reason ? { outcome: 'excluded', reason } : { outcome: 'excluded' };
  }
  if (trial.status === 'described' && isPrimaryAsOf(report, trial.reports, report.release)) {
    const reason = trial.status_reason?.trim();
    return reason ? { outcome: 'described', reason } : { outcome: 'described' };
  }
  if (report.status === 'superseded') {
    const reason = report.reason?.trim() || (report.superseded_by ? `Superseded by report ${report.superseded_by}` : undefined);
    return reason ? { outcome: 'updated', reason } : { outcome: 'updated' };
  }
  const reason = report.reason?.trim();
  return reason ? { outcome: 'excluded', reason } : { outcome: 'excluded' };
}

function toRecord(trial: PrismaTrial, report: Report): PrismaRecord {
  const { outcome, reason } = outcomeAtEntry(trial.data, report);
  return {
    trial: trial.slug,
    trial_label: trial.data.label,
    registrations: [...trial.data.registrations],
    trialStatus: trial.data.status,
    report: report.id,
    citation: report.citation,
    type: report.type,
    date: report.date,
    release: report.release,
    ...(report.doi ? { doi: report.doi } : {}),
    ...(report.url ? { url: report.url } : {}),
    status: report.status,
    outcome,
    ...(reason ? { reason } : {}),
    href: trialPath(trial.slug),
  };
}

// Collation in English on every machine: the order must not depend on the builder's locale.
function byProductThenDate(a: PrismaRecord, b: PrismaRecord): number {
  return (
    a.trial_label.localeCompare(b.trial_label, 'en') ||
    a.trial.localeCompare(b.trial, 'en') ||
    a.date.localeCompare(b.date, 'en') ||
    a.report.localeCompare(b.report, 'en')
  );
}

/** Every report of the trial files that entered the review in `release`, with its outcome. */
export function reportsEnteringIn(trials: readonly PrismaTrial[], release: number): PrismaRecord[] {
  const out: PrismaRecord[] = [];
  for (const trial of trials) {
    for (const report of trial.data.reports) if (report.release === release) out.push(toRecord(trial, report));
  }
  return out.sort(byProductThenDate);
}

/**
 * Reports of included studies as of `release`: every report that was included in the release
 * it entered, up to and including `release` (a report later superseded stays a report of an
 * included study of the version it entered).
 */
export function includedReportsUpTo(trials: readonly PrismaTrial[], release: number): PrismaRecord[] {
  const out: PrismaRecord[] = [];
  for (const trial of trials) {
    for (const report of trial.data.reports) {
      if (report.release <= release && includedAsOf(trial.data, report, report.release)) out.push(toRecord(trial, report));
    }
  }
  return out.sort(byProductThenDate);
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'this', 'that', 'to', 'was', 'with']);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function words(text: string): string[] {
  return normalise(text)
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w));
}

const UPDATED_REASON = /updat|redundan|supersed|duplicat|newer|replac/i;

/** Whether `phrase` occurs in `text` as whole words (both normalised). */
function mentions(text: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

/**
 * The reason of the search log one excluded report is counted under, judged from the texts
 * alone: the same text; one text containing the other; the log reason naming the trial (its
 * file name or product); most of the log reason's words in the report's reason; or, for a
 * report made redundant by a newer one, the log reason about redundant or updated reports.
 */
export function matchReason(
  record: Pick<PrismaRecord, 'reason' | 'outcome' | 'trial' | 'trial_label'>,
  reasons: readonly string[],
): string | undefined {
  const updatedReason = reasons.find((r) => UPDATED_REASON.test(r));
  const text = record.reason ? normalise(record.reason) : '';
  if (text) {
    const exact = reasons.find((r) => normalise(r) === text);
    if (exact) return exact;
    const contained = reasons.find((r) => {
      const n = normalise(r);
      return n.length > 0 && (text.includes(n) || n.includes(text));
    });
    if (contained) return contained;
  }
  if (record.outcome === 'updated' && updatedReason) return updatedReason;
  const names = [normalise(record.trial), normalise(record.trial_label.replace(/\(.*\)/g, ' '))];
  const named = reasons.filter((r) => names.some((n) => mentions(normalise(r), n)));
  if (named.length === 1) return named[0];
  if (text) {
    const have = new Set(words(record.reason ?? ''));
    let best: { reason: string; score: number } | undefined;
    for (const r of reasons) {
      const ws = words(r);
      if (ws.length === 0) continue;
      const score = ws.filter((w) => have.has(w)).length / ws.length;
      if (score >= 0.5 && (!best || score > best.score)) best = { reason: r, score };
    }
    if (best) return best.reason;
  }
  return undefined;
}

/**
 * Every excluded report with the log reason it is counted under: matched by text first
 * (`matchReason`); a report still unmatched goes to the one log reason that has room left,
 * when exactly one has.
 */
export function assignReasons(records: readonly PrismaRecord[], counts: Search['reports_excluded']): PrismaRecord[] {
  const reasons = counts.map((c) => c.reason);
  const matched = records.map((r) => ({ record: r, group: matchReason(r, reasons) }));
  const room = new Map(counts.map((c) => [c.reason, c.count - matched.filter((m) => m.group === c.reason).length]));
  return matched.map(({ record, group }) => {
    if (group === undefined) {
      const open = [...room].filter(([, n]) => n > 0);
      if (open.length === 1) {
        group = open[0]![0];
        room.set(group, open[0]![1] - 1);
      }
    }
    return group === undefined ? record : { ...record, reasonGroup: group };
  });
}

function uniqueTrials(records: readonly PrismaRecord[]): number {
  return new Set(records.map((r) => r.trial)).size;
}

/** A count of the search log against what the trial files list, in words; undefined when equal. */
function compareCounts(what: string, counted: number, listed: number, one: string, many = `${one}s`): string | undefined {
  if (counted === listed) return undefined;
  if (listed < counted)
    return `${what}: the search log counts ${plural(counted, one, many)}; ${listed === 0 ? 'none' : listed} of them ${listed === 1 ? 'is' : 'are'} on file in the trial files.`;
  return `${what}: the trial files list ${plural(listed, one, many)}, more than the ${counted} the search log counts.`;
}

/**
 * The list behind a box. `studyFilter` picks the reports whose trials count as studies of the
 * box (the new studies of an update); `expectedListed` is how many reports the trial files
 * can hold when fewer than counted are on file by definition (reports not retrieved).
 */
function makeRecords(
  items: PrismaRecord[],
  expected: PrismaRecords['expected'],
  what: string,
  options: { note?: string | undefined; expectedListed?: number; studyFilter?: (r: PrismaRecord) => boolean } = {},
): PrismaRecords {
  const { note, expectedListed, studyFilter = () => true } = options;
  const listed: PrismaRecords['listed'] = { reports: items.length };
  if (expected.studies !== undefined) listed.studies = uniqueTrials(items.filter(studyFilter));
  const discrepancies: string[] = [];
  const wantReports = expectedListed ?? expected.reports;
  const differ = compareCounts(what, wantReports, listed.reports, 'report');
  if (differ) discrepancies.push(differ);
  if (expected.studies !== undefined) {
    const differStudies = compareCounts(what, expected.studies, listed.studies ?? 0, 'study', 'studies');
    if (differStudies) discrepancies.push(differStudies);
  }
  return { items, expected, listed, discrepancies, ...(note ? { note } : {}) };
}

/** A note naming the studies described in the tables but not counted as included. */
function describedNote(described: readonly PrismaRecord[]): string | undefined {
  if (described.length === 0) return undefined;
  const names = [...new Set(described.map((r) => r.trial_label))];
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} ${names.length === 1 ? 'is' : 'are'} described in the review's tables but not pooled; the search log does not count ${names.length === 1 ? 'it' : 'them'} among the included studies, and ${names.length === 1 ? 'its report is' : 'their reports are'} listed with the reports assessed.`;
}

const NO_LIST_SEARCH =
  'This count comes from the search log. The review keeps no list of the individual records at this stage; only reports assessed in full text are on file, each in its trial file.';
const NO_LIST_NOT_RETRIEVED =
  'Reports that could not be retrieved cannot be assessed, so they are not in any trial file; the count comes from the search log.';

/** The PRISMA 2020 flow diagram of one release. */
export function prismaFlow(input: PrismaInput): PrismaFlow {
  const { release, search, trials, searchId } = input;
  const previousRelease =
    input.previousRelease === null ? undefined : (input.previousRelease ?? (release > 1 ? release - 1 : undefined));
  const update = previousRelease !== undefined || search.previous_studies > 0 || search.previous_reports > 0;

  const databases = sum(search.databases.map((s) => s.records));
  const registers = sum(search.registers.map((s) => s.records));
  const others = sum(search.other_sources.map((s) => s.records));
  const identified = databases + registers + others;
  const removed = search.duplicates_removed + search.other_removed;
  const fullTextExcluded = sum(search.reports_excluded.map((r) => r.count));
  const totalStudies = search.previous_studies + search.new_studies_included;
  const totalReports = search.previous_reports + search.new_reports_included;

  // The reports of the trial files that entered in this release, and where each was counted.
  const entering = reportsEnteringIn(trials, release);
  const excluded = assignReasons(
    entering.filter((r) => r.outcome === 'updated' || r.outcome === 'excluded'),
    search.reports_excluded,
  );
  const described = entering.filter((r) => r.outcome === 'described');
  const previousSet = previousRelease !== undefined ? includedReportsUpTo(trials, previousRelease) : [];
  const previousTrials = new Set(previousSet.map((r) => r.trial));
  const newIncluded = entering
    .filter((r) => r.outcome === 'included')
    .map((r) => ({ ...r, newStudy: !previousTrials.has(r.trial) }));
  const previous = previousSet.map((r) => ({ ...r, newStudy: false }));
  const total = [...previous, ...newIncluded].sort(byProductThenDate);

  const recordsPath = (id: PrismaBoxId) => prismaRecordsPath(release, id);
  const boxes: PrismaBox[] = [];
  const line = (text: string, count?: number, level: 0 | 1 = 0): PrismaLine =>
    count === undefined ? { text, level } : { text, count, level };

  if (update) {
    boxes.push({
      id: 'previous',
      title: 'Studies included in the previous version',
      phase: 'identification',
      column: 'previous',
      lines: [
        line('Studies included in previous version of review', search.previous_studies),
        line('Reports of studies included in previous version of review', search.previous_reports),
      ],
      count: search.previous_reports,
      href: recordsPath('previous'),
      linkLabel: 'See the studies and reports',
      records: makeRecords(
        previous,
        { reports: search.previous_reports, studies: search.previous_studies },
        'Previous version',
        { note: previousRelease !== undefined ? `The reports included up to release ${previousRelease}.` : undefined },
      ),
    });
  }

  const sourceLines = (sources: Search['databases'], label: string, empty: boolean): PrismaLine[] => {
    const total = sum(sources.map((s) => s.records));
    if (sources.length === 0) return empty ? [line(label, 0)] : [];
    if (sources.length === 1 && sources[0]!.name === label) return [line(label, total)];
    return [line(label, total), ...sources.map((s) => line(s.name, s.records, 1))];
  };

  boxes.push({
    id: 'databases',
    title: 'Records identified from databases and registers',
    phase: 'identification',
    column: 'source',
    heading: 'Records identified from:',
    lines: [...sourceLines(search.databases, 'Databases', true), ...sourceLines(search.registers, 'Registers', true)],
    count: databases + registers,
    records: null,
    noList: NO_LIST_SEARCH,
  });
  boxes.push({
    id: 'other-sources',
    title: 'Records identified from other sources',
    phase: 'identification',
    column: 'source',
    heading: 'Records identified from:',
    lines:
      search.other_sources.length === 0
        ? [line('Other sources', 0)]
        : [line('Other sources', others), ...search.other_sources.map((s) => line(s.name, s.records, 1))],
    count: others,
    records: null,
    noList: NO_LIST_SEARCH,
  });
  boxes.push({
    id: 'removed',
    title: 'Records removed before screening',
    phase: 'identification',
    column: 'side',
    heading: 'Records removed before screening:',
    lines: [
      line('Duplicate records removed', search.duplicates_removed),
      line('Records removed for other reasons', search.other_removed),
    ],
    count: removed,
    records: null,
    noList: NO_LIST_SEARCH,
  });
  boxes.push({
    id: 'screened',
    title: 'Records screened',
    phase: 'screening',
    column: 'main',
    lines: [line('Records screened', search.records_screened)],
    count: search.records_screened,
    records: null,
    noList: NO_LIST_SEARCH,
  });
  boxes.push({
    id: 'screening-excluded',
    title: 'Records excluded at screening',
    phase: 'screening',
    column: 'side',
    lines: [line('Records excluded', search.records_excluded)],
    count: search.records_excluded,
    records: null,
    noList: NO_LIST_SEARCH,
  });
  boxes.push({
    id: 'sought',
    title: 'Reports sought for retrieval',
    phase: 'screening',
    column: 'main',
    lines: [line('Reports sought for retrieval', search.reports_sought)],
    count: search.reports_sought,
    href: recordsPath('sought'),
    linkLabel: 'See the reports',
    records: makeRecords(
      entering,
      { reports: search.reports_sought },
      'Reports sought for retrieval',
      {
        note:
          search.reports_not_retrieved > 0
            ? `The ${plural(search.reports_not_retrieved, 'report')} that could not be retrieved ${search.reports_not_retrieved === 1 ? 'is' : 'are'} not on file; the list holds the reports retrieved.`
            : 'Every report sought was retrieved.',
        expectedListed: search.reports_sought - search.reports_not_retrieved,
      },
    ),
  });
  boxes.push({
    id: 'not-retrieved',
    title: 'Reports not retrieved',
    phase: 'screening',
    column: 'side',
    lines: [line('Reports not retrieved', search.reports_not_retrieved)],
    count: search.reports_not_retrieved,
    records: null,
    noList: NO_LIST_NOT_RETRIEVED,
  });
  boxes.push({
    id: 'assessed',
    title: 'Reports assessed for eligibility',
    phase: 'screening',
    column: 'main',
    lines: [line('Reports assessed for eligibility', search.reports_assessed)],
    count: search.reports_assessed,
    href: recordsPath('assessed'),
    linkLabel: 'See the reports',
    records: makeRecords(entering, { reports: search.reports_assessed }, 'Reports assessed for eligibility'),
  });

  const excludedRecords = makeRecords(excluded, { reports: fullTextExcluded }, 'Reports excluded');
  if (search.reports_excluded.length > 1) {
    for (const r of search.reports_excluded) {
      const differ = compareCounts(`Reports excluded (${r.reason})`, r.count, excluded.filter((x) => x.reasonGroup === r.reason).length, 'report');
      if (differ) excludedRecords.discrepancies.push(differ);
    }
  }
  const unmatched = excluded.filter((x) => x.reasonGroup === undefined);
  if (unmatched.length > 0)
    excludedRecords.discrepancies.push(
      `Reports excluded: ${plural(unmatched.length, 'report')} of the trial files ${unmatched.length === 1 ? 'gives a reason' : 'give reasons'} that match${unmatched.length === 1 ? 'es' : ''} no reason of the search log.`,
    );
  boxes.push({
    id: 'reports-excluded',
    title: 'Reports excluded at full text',
    phase: 'screening',
    column: 'side',
    heading: 'Reports excluded:',
    lines: search.reports_excluded.length === 0 ? [line('None', 0)] : search.reports_excluded.map((r) => line(r.reason, r.count)),
    count: fullTextExcluded,
    href: recordsPath('reports-excluded'),
    linkLabel: 'See the reports and reasons',
    records: excludedRecords,
  });

  boxes.push({
    id: 'included',
    title: update ? 'New studies and reports included' : 'Studies and reports included',
    phase: 'included',
    column: 'main',
    lines: update
      ? [line('New studies included in review', search.new_studies_included), line('New reports of included studies', search.new_reports_included)]
      : [line('Studies included in review', search.new_studies_included), line('Reports of included studies', search.new_reports_included)],
    count: search.new_reports_included,
    href: recordsPath('included'),
    linkLabel: 'See the studies and reports',
    records: makeRecords(
      newIncluded,
      { reports: search.new_reports_included, studies: search.new_studies_included },
      update ? 'New studies and reports' : 'Included studies and reports',
      { studyFilter: (r) => r.newStudy === true, note: describedNote(described) },
    ),
  });
  if (update) {
    boxes.push({
      id: 'total',
      title: 'Total studies and reports included',
      phase: 'included',
      column: 'main',
      lines: [line('Total studies included in review', totalStudies), line('Reports of total included studies', totalReports)],
      count: totalReports,
      href: recordsPath('total'),
      linkLabel: 'See the studies and reports',
      records: makeRecords(
        total,
        { reports: totalReports, studies: totalStudies },
        'Total studies and reports',
      ),
    });
  }

  const arrows: PrismaArrow[] = [
    { from: 'databases', to: 'screened', kind: 'flow' },
    { from: 'other-sources', to: 'screened', kind: 'flow' },
    { from: 'databases', to: 'removed', kind: 'exit' },
    { from: 'other-sources', to: 'removed', kind: 'exit' },
    { from: 'screened', to: 'screening-excluded', kind: 'exit' },
    { from: 'screened', to: 'sought', kind: 'flow' },
    { from: 'sought', to: 'not-retrieved', kind: 'exit' },
    { from: 'sought', to: 'assessed', kind: 'flow' },
    { from: 'assessed', to: 'reports-excluded', kind: 'exit' },
    { from: 'assessed', to: 'included', kind: 'flow' },
  ];
  if (update) {
    arrows.push({ from: 'included', to: 'total', kind: 'flow' }, { from: 'previous', to: 'total', kind: 'previous' });
  }

  const check = (label: string, expected: number, actual: number): PrismaCheck => ({ label, expected, actual, ok: expected === actual });
  const checks: PrismaCheck[] = [
    check('Records screened = records identified − records removed before screening', identified - removed, search.records_screened),
    check('Reports sought for retrieval = records screened − records excluded', search.records_screened - search.records_excluded, search.reports_sought),
    check('Reports assessed = reports sought − reports not retrieved', search.reports_sought - search.reports_not_retrieved, search.reports_assessed),
    check('Reports included = reports assessed − reports excluded', search.reports_assessed - fullTextExcluded, search.new_reports_included),
  ];
  if (search.new_studies_included > search.new_reports_included)
    checks.push(check('New studies included ≤ new reports included', search.new_reports_included, search.new_studies_included));

  const problems = checks.filter((c) => !c.ok).map((c) => `${c.label}: expected ${c.expected}, the search log says ${c.actual}.`);

  const ordered = PRISMA_BOX_ORDER.flatMap((id) => boxes.filter((b) => b.id === id));
  return {
    release,
    search: searchId,
    date: search.date,
    update,
    ...(previousRelease !== undefined ? { previousRelease } : {}),
    headers: update
      ? { new: 'Identification of new studies via databases, registers and other sources', previous: 'Previous studies' }
      : { new: 'Identification of studies via databases, registers and other sources' },
    boxes: ordered,
    arrows,
    checks,
    problems,
    notes: ordered.flatMap((b) => b.records?.discrepancies ?? []),
  };
}

/** The text of a line as shown in the diagram, e.g. "Databases (n = 888)". */
export function lineText(l: PrismaLine): string {
  return l.count === undefined ? l.text : `${l.text} (n = ${l.count})`;
}

/** Look up a box by id. */
export function findBox(flow: PrismaFlow, id: PrismaBoxId): PrismaBox | undefined {
  return flow.boxes.find((b) => b.id === id);
}
