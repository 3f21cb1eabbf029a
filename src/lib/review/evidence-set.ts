/**
 * The evidence set of a release: which report of each trial the analysis uses as of that
 * release, and which numbers of it feed each outcome.
 *
 * A report's `status` says what it is today. As of an earlier release, a report that has since
 * been superseded by a report that entered later was still the primary one, so every release
 * can be rebuilt exactly as it was published.
 */
import type { Cohort, OutcomeData, OutcomeValue, Report, Review, Trial } from '../../schemas/index.ts';
import type { NotPooledEntry, SupersededReport } from './analyses-types.ts';
import { isGiven, subgroupLevels, valueOf } from './characteristics.ts';
import type { CharacteristicValue } from '../../schemas/characteristics.ts';
import { isNotDisclosed } from '../../schemas/index.ts';

/** A trial as the pooling sees it: its file slug and its validated front matter. */
export interface TrialRecord {
  slug: string;
  data: Trial;
}

/** One row of one outcome's analysis: a cohort of a trial's primary report. */
export interface StudyRow {
  trial: string;
  trial_label: string;
  report: string;
  cohort: string;
  /** Reader-facing label: the trial_label, plus the cohort when a trial gives more than one row. */
  label: string;
  events: number;
  n: number;
  source: string;
  inferred?: string;
  /** Subgroup level of this row for each subgroup variable of the review. */
  levels: Record<string, string>;
  /** Values of the characteristics the review's meta-regressions use (the cohort's own where it gives one); absent without meta-regression. */
  moderators?: Record<string, CharacteristicValue>;
  reportDate: string;
  reportRelease: number;
}

/** A trial left out of one outcome because its primary report does not disclose it. */
export interface NotDisclosedRow {
  trial: string;
  trial_label: string;
  report: string;
  cohort: string;
}

/**
 * Whether a report is the one in use as of `release`: a current primary report that had
 * entered by then, or a superseded report whose replacement had not yet entered.
 */
export function isPrimaryAsOf(report: Report, reports: readonly Report[], release: number): boolean {
  if (report.release > release) return false;
  if (report.status === 'primary') return true;
  if (report.status !== 'superseded') return false;
  const seen = new Set<string>([report.id]);
  let next = reports.find((r) => r.id === report.superseded_by);
  // Follow the chain: a replacement that had entered by then and is itself in use (or was
  // replaced in turn by something that had entered) means this one was no longer primary.
  while (next) {
    if (next.release <= release) return false;
    if (next.status !== 'superseded' || !next.superseded_by || seen.has(next.id)) return true;
    seen.add(next.id);
    next = reports.find((r) => r.id === next!.superseded_by);
  }
  return true;
}

/** The report of `trial` the analysis uses as of `release`, or undefined when it has none yet. */
export function primaryReportAsOf(trial: Trial, release: number): Report | undefined {
  return trial.reports.find((r) => isPrimaryAsOf(r, trial.reports, release));
}

// English collation, so the order is the same on every machine whatever its locale; many times
// faster than String.prototype.localeCompare on thousands of trials.
const collator = new Intl.Collator('en');

const byLabel = (a: { trial: TrialRecord }, b: { trial: TrialRecord }) =>
  collator.compare(a.trial.data.label, b.trial.data.label) || collator.compare(a.trial.slug, b.trial.slug);

/** Trials pooled as of `release`: status included, with a primary report by then. */
export function pooledTrialsAsOf(trials: readonly TrialRecord[], release: number): { trial: TrialRecord; report: Report }[] {
  const out: { trial: TrialRecord; report: Report }[] = [];
  for (const trial of trials) {
    if (trial.data.status !== 'included') continue;
    const report = primaryReportAsOf(trial.data, release);
    if (report) out.push({ trial, report });
  }
  return out.sort(byLabel);
}

/** A trial as of a release: its report in use then (whatever the trial's status), if any. */
export interface TrialAsOf {
  trial: TrialRecord;
  report: Report | undefined;
}

/**
 * Every trial on file as of `release` (at least one report entered by then), whatever its
 * status, in the order of pooledTrialsAsOf, each with the report in use as of the release.
 */
export function trialsOnFileAsOf(trials: readonly TrialRecord[], release: number): TrialAsOf[] {
  const out: TrialAsOf[] = [];
  for (const trial of trials) {
    let entered = false;
    for (const r of trial.data.reports) {
      if (r.release > release) continue;
      entered = true;
      break;
    }
    if (entered) out.push({ trial, report: primaryReportAsOf(trial.data, release) });
  }
  return out.sort(byLabel);
}

/**
 * Whether a cohort is pooled with the report in use: it represents a population and the report
 * gives it numbers for at least one outcome. A cohort the report does not mention (e.g. one of
 * an earlier report), or for which it discloses nothing, is not.
 */
export function isPooledCohort(cohort: Cohort, report: Report): boolean {
  if (cohort.population === undefined) return false;
  const values = report.data[cohort.id];
  if (values === undefined) return false;
  for (const id in values) if (!isNotDisclosed(values[id]!)) return true;
  return false;
}

/**
 * The rows of one outcome as of `release`: for each pooled trial, every cohort of its primary
 * report that represents the outcome's population and gives numbers for it; and every other
 * value recorded for the outcome in the release's evidence, with the reason it is not pooled.
 *
 * Nothing is left out silently. Of the reports that had entered by the release, each value
 * recorded for the outcome either feeds a row, or belongs to a report a later one had replaced
 * by then (those fed the releases before; supersededReportsAsOf lists them once per release),
 * or is listed in `notPooled`, for the first of these reasons that applies:
 * - report_excluded: the report is excluded (its `reason`);
 * - trial_described / trial_excluded: the trial is not pooled (its `status_reason`);
 * - cohort_described: numbers under a cohort with no population (only described);
 * - not_disclosed: the pooled report says `nd` (the note, if any);
 * - not_reported: the pooled report has entries for a cohort of the outcome's population (its
 *   other outcomes) but none for this outcome. The value is treated as not disclosed: left out
 *   of the outcome, never counted as zero. A cohort the report does not mention at all is not
 *   listed (it belongs to another report).
 * Not-disclosed values under reports or cohorts that are not pooled anyway are not listed.
 */
export function outcomeRows(
  review: Review,
  trials: readonly TrialRecord[],
  outcomeId: string,
  release: number,
  /** trialsOnFileAsOf(trials, release), when the caller already has it (every outcome of a release shares it) */
  onFile: readonly TrialAsOf[] = trialsOnFileAsOf(trials, release),
): { rows: StudyRow[]; notDisclosed: NotDisclosedRow[]; notPooled: NotPooledEntry[] } {
  const outcome = review.outcomes.find((o) => o.id === outcomeId);
  if (!outcome) throw new Error(`unknown outcome "${outcomeId}"`);
  const rows: StudyRow[] = [];
  const notDisclosed: NotDisclosedRow[] = [];
  const notPooled: NotPooledEntry[] = [];
  const moderatorIds = [
    ...new Set(review.meta_regression.filter((m) => m.outcomes === undefined || m.outcomes.includes(outcomeId)).flatMap((m) => m.moderators)),
  ];
  // Plain loops and no allocation but the entries themselves: a release of thousands of trials
  // runs this for every outcome.
  for (const { trial, report: inUse } of onFile) {
    const t = trial.data;
    const pooled = t.status === 'included' && inUse !== undefined;
    for (const report of t.reports) {
      if (report.release > release) continue;
      if (pooled && report === inUse) continue;
      // replaced by a later report: listed once per release by supersededReportsAsOf
      if (report.status !== 'excluded' && report !== inUse) continue;
      // Numbers of a report or trial that is not pooled: listed with the reason, cohort by cohort.
      for (const cohort of t.cohorts) {
        const value = report.data[cohort.id]?.[outcomeId];
        if (value === undefined || isNotDisclosed(value)) continue;
        if (report.status === 'excluded') {
          notPooled.push(entry(trial, report, cohort, 'report_excluded', report.reason, value));
        } else {
          notPooled.push(entry(trial, report, cohort, t.status === 'excluded' ? 'trial_excluded' : 'trial_described', t.status_reason, value));
        }
      }
    }
    if (!pooled) continue;
    const report = inUse!;
    const first = rows.length;
    for (const cohort of t.cohorts) {
      const values = report.data[cohort.id];
      if (values === undefined) continue;
      const value = values[outcomeId];
      if (cohort.population === undefined) {
        if (value !== undefined && !isNotDisclosed(value)) notPooled.push(entry(trial, report, cohort, 'cohort_described', undefined, value));
        continue;
      }
      // A cohort of another population cannot give this outcome (npm run check refuses it).
      if (cohort.population !== outcome.population) continue;
      if (value === undefined) {
        notPooled.push(entry(trial, report, cohort, 'not_reported', undefined, undefined));
        continue;
      }
      if (isNotDisclosed(value)) {
        notDisclosed.push({ trial: trial.slug, trial_label: t.label, report: report.id, cohort: cohort.id });
        notPooled.push(entry(trial, report, cohort, 'not_disclosed', typeof value === 'object' ? value.note : undefined, undefined));
        continue;
      }
      const data = value as OutcomeData;
      const row: StudyRow = {
        trial: trial.slug,
        trial_label: t.label,
        report: report.id,
        cohort: cohort.id,
        label: t.label,
        events: data.events,
        n: data.n,
        source: data.source,
        levels: subgroupLevels(review, t, cohort),
        reportDate: report.date,
        reportRelease: report.release,
      };
      if (data.inferred) row.inferred = data.inferred;
      if (moderatorIds.length > 0) {
        const values: Record<string, CharacteristicValue> = {};
        for (const id of moderatorIds) {
          const v = valueOf(t, id, cohort);
          if (isGiven(v)) values[id] = v;
        }
        row.moderators = values;
      }
      rows.push(row);
    }
    if (rows.length - first > 1) {
      for (let i = first; i < rows.length; i++) {
        const row = rows[i]!;
        const cohort = t.cohorts.find((c) => c.id === row.cohort);
        row.label = `${t.label}: ${cohort?.label ?? row.cohort}`;
      }
    }
  }
  return { rows, notDisclosed, notPooled };
}

function entry(
  trial: TrialRecord,
  report: Report,
  cohort: Cohort,
  reason: NotPooledEntry['reason'],
  detail: string | undefined,
  value: OutcomeValue | undefined,
): NotPooledEntry {
  const out: NotPooledEntry = {
    trial: trial.slug,
    label: trial.data.label,
    report: report.id,
    report_date: report.date,
    cohort: cohort.id,
    cohort_label: cohort.label,
    reason,
  };
  if (detail) out.detail = detail;
  if (value !== undefined && !isNotDisclosed(value)) {
    out.events = value.events;
    out.n = value.n;
    out.source = value.source;
  }
  return out;
}

/**
 * The reports on file as of `release` that a later report had replaced by then (whatever the
 * trial's status), with the report in use and the outcomes they give numbers for. Their
 * numbers fed the releases before; listed once per release rather than under every outcome,
 * since nearly every trial of a large review has one.
 */
export function supersededReportsAsOf(review: Review, onFile: readonly TrialAsOf[], release: number): SupersededReport[] {
  const out: SupersededReport[] = [];
  for (const { trial, report: inUse } of onFile) {
    for (const report of trial.data.reports) {
      if (report.release > release || report === inUse || report.status === 'excluded') continue;
      const outcomes: string[] = [];
      for (const outcome of review.outcomes) {
        for (const cohort of trial.data.cohorts) {
          const value = report.data[cohort.id]?.[outcome.id];
          if (value !== undefined && !isNotDisclosed(value)) {
            outcomes.push(outcome.id);
            break;
          }
        }
      }
      out.push({
        trial: trial.slug,
        label: trial.data.label,
        report: report.id,
        report_date: report.date,
        by: inUse?.id ?? report.superseded_by ?? '',
        outcomes,
      });
    }
  }
  return out;
}
