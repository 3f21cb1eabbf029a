/**
 * How much of a large analysis a page shows. A review of thousands of trials cannot draw one
 * forest-plot row or one table row per trial on a page (unreadable, and megabytes to load), so
 * above these sizes the pages show the pooled estimates and a selection of rows, say so, and link
 * to the release's data files, which always hold every row.
 */
import type { CumulativeRow, LeaveOneOutRow, StudyResult } from '../review/analyses-types.ts';
import { thinnedSteps } from '../review/cumulative-steps.ts';

/** A forest plot draws one row per trial up to this many trials, and the pooled diamonds only above it. */
export const FOREST_MAX_STUDY_ROWS = 60;

/** Rows of a trial table (a plot's data table, leave-one-out, cumulative) shown on a page at most. */
export const TABLE_MAX_ROWS = 60;

/** Rows per page of the lists of trials (trials index, efficacy, safety and characteristics tables). */
export const LIST_PAGE_SIZE = 200;

/** Events per page of a release's changes (a replaced report takes a paragraph and a table). */
export const CHANGES_PAGE_SIZE = 100;

/** Reports per page of the list behind a PRISMA box. */
export const RECORDS_PAGE_SIZE = 200;

/** The trials of a plot's data table: all of them, or the TABLE_MAX_ROWS with the largest weights, in their order. */
export function tableStudies(studies: readonly StudyResult[], max = TABLE_MAX_ROWS): StudyResult[] {
  if (studies.length <= max) return [...studies];
  const kept = new Set([...studies].sort((a, b) => b.weight - a.weight).slice(0, max));
  return studies.filter((s) => kept.has(s));
}

/** Leave-one-out rows (by row or by trial): all, or the `max` whose omission moves the estimate most, largest shift first. */
export function influentialRows<T extends Pick<LeaveOneOutRow, 'estimate'>>(rows: readonly T[], estimate: number, max = TABLE_MAX_ROWS): T[] {
  if (rows.length <= max) return [...rows];
  return [...rows].sort((a, b) => Math.abs(b.estimate - estimate) - Math.abs(a.estimate - estimate)).slice(0, max);
}

/**
 * Cumulative rows: all, or about `max` of them: the last step of each release and evenly spaced
 * steps between, always ending with the last.
 */
export function thinnedCumulative(rows: readonly CumulativeRow[], max = TABLE_MAX_ROWS): CumulativeRow[] {
  return thinnedSteps(
    rows.map((r) => r.report_release),
    max,
  ).map((i) => rows[i]!);
}

/** Number of pages of a list of `total` rows, at least one. */
export function pageCount(total: number, size = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The rows of page `page` (1-based). */
export function pageRows<T>(rows: readonly T[], page: number, size = LIST_PAGE_SIZE): T[] {
  return rows.slice((page - 1) * size, page * size);
}

/** Address of page `page` of a list whose first page is `first` (e.g. /trials/): /trials/, /trials/page/2/, … */
export function pagePath(first: string, page: number): string {
  const base = first.endsWith('/') ? first : `${first}/`;
  return page <= 1 ? base : `${base}page/${page}/`;
}
