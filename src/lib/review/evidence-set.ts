/**
 * The evidence set of a release: which report of each trial the analysis uses as of that
 * release, and which numbers of it feed each outcome.
 *
 * A report's `status` says what it is today. As of an earlier release, a report that has since
 * been superseded by a report that entered later was still the primary one, so every release
 * can be rebuilt exactly as it was published.
 */
import type { OutcomeData, Report, Review, Trial } from '../../schemas/index.ts';
import { subgroupLevels } from './characteristics.ts';
import { isNotDisclosed } from '../../schemas/index.ts';

/** A trial as the pooling sees it: its file slug and its validated front matter. */
export interface TrialRecord {
  slug: string;
  data: Trial;
}

/** One row of one outcome's analysis: a cohort of a trial's primary report. */
export interface StudyRow {
  trial: string;
  product: string;
  report: string;
  cohort: string;
  /** Reader-facing label: the product, plus the cohort when a trial gives more than one row. */
  label: string;
  events: number;
  n: number;
  source: string;
  inferred?: string;
  /** Subgroup level of this row for each subgroup variable of the review. */
  levels: Record<string, string>;
  reportDate: string;
  reportRelease: number;
}

/** A trial left out of one outcome because its primary report does not disclose it. */
export interface NotDisclosedRow {
  trial: string;
  product: string;
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

/** Trials pooled as of `release`: status included, with a primary report by then. */
export function pooledTrialsAsOf(trials: readonly TrialRecord[], release: number): { trial: TrialRecord; report: Report }[] {
  const out: { trial: TrialRecord; report: Report }[] = [];
  for (const trial of trials) {
    if (trial.data.status !== 'included') continue;
    const report = primaryReportAsOf(trial.data, release);
    if (report) out.push({ trial, report });
  }
  return out.sort((a, b) => collator.compare(a.trial.data.label, b.trial.data.label) || collator.compare(a.trial.slug, b.trial.slug));
}


/**
 * The rows of one outcome as of `release`: for each pooled trial, every cohort of its primary
 * report that represents the outcome's population and gives numbers for it.
 */
export function outcomeRows(
  review: Review,
  trials: readonly TrialRecord[],
  outcomeId: string,
  release: number,
  /** pooledTrialsAsOf(trials, release), when the caller already has it (every outcome of a release shares it) */
  pooled: readonly { trial: TrialRecord; report: Report }[] = pooledTrialsAsOf(trials, release),
): { rows: StudyRow[]; notDisclosed: NotDisclosedRow[] } {
  const outcome = review.outcomes.find((o) => o.id === outcomeId);
  if (!outcome) throw new Error(`unknown outcome "${outcomeId}"`);
  const rows: StudyRow[] = [];
  const notDisclosed: NotDisclosedRow[] = [];
  // Plain loops: a release of thousands of trials runs this for every outcome.
  for (const { trial, report } of pooled) {
    const first = rows.length;
    for (const cohort of trial.data.cohorts) {
      if (cohort.population !== outcome.population) continue;
      const value = report.data[cohort.id]?.[outcomeId];
      if (value === undefined) continue;
      if (isNotDisclosed(value)) {
        notDisclosed.push({ trial: trial.slug, product: trial.data.label, report: report.id, cohort: cohort.id });
        continue;
      }
      const data = value as OutcomeData;
      const row: StudyRow = {
        trial: trial.slug,
        product: trial.data.label,
        report: report.id,
        cohort: cohort.id,
        label: trial.data.label,
        events: data.events,
        n: data.n,
        source: data.source,
        levels: subgroupLevels(review, trial.data, cohort),
        reportDate: report.date,
        reportRelease: report.release,
      };
      if (data.inferred) row.inferred = data.inferred;
      rows.push(row);
    }
    if (rows.length - first > 1) {
      for (let i = first; i < rows.length; i++) {
        const row = rows[i]!;
        const cohort = trial.data.cohorts.find((c) => c.id === row.cohort);
        row.label = `${trial.data.label}: ${cohort?.label ?? row.cohort}`;
      }
    }
  }
  return { rows, notDisclosed };
}
