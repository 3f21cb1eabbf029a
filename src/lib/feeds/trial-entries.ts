/**
 * Feed entries for the trial reports of the review: one per report that entered a release,
 * newest release first, each linking to its trial's page. An entry's date is the date of the
 * release the report entered, so the feed only changes when a release does. Pure.
 */
import type { Review } from '../../schemas/index.ts';
import { isNotDisclosed, type OutcomeData } from '../../schemas/index.ts';
import type { TrialRecord } from '../review/evidence-set.ts';
import { REPORT_STATUS_LABELS, REPORT_TYPE_LABELS } from '../format/labels.ts';
import { longDate, reportMonth } from '../format/numbers.ts';
import type { AtomEntry } from './atom.ts';
import { pageUrl } from './release-entries.ts';

/** One entry per report of a published release, newest first. */
export function trialReportEntries(review: Review, trials: readonly TrialRecord[], root: string): AtomEntry[] {
  const releases = new Map(review.releases.map((r) => [r.number, r]));
  const efficacy = review.outcomes.filter((o) => o.kind === 'efficacy');
  const rows = trials.flatMap(({ slug, data: trial }) =>
    trial.reports
      .filter((r) => releases.has(r.release))
      .map((report) => ({ slug, trial, report, release: releases.get(report.release)! })),
  );
  // Collation in English: the feed must not depend on the builder's locale.
  rows.sort(
    (a, b) =>
      b.report.release - a.report.release ||
      // Report dates may be partial ("2024", "2024-06"): as strings they sort before the days of their period.
      (a.report.date < b.report.date ? 1 : a.report.date > b.report.date ? -1 : 0) ||
      a.trial.label.localeCompare(b.trial.label, 'en') ||
      a.report.id.localeCompare(b.report.id, 'en'),
  );
  return rows.map(({ slug, trial, report, release }) => {
    const url = pageUrl(root, `/trials/${slug}/#report-${report.id}`);
    const replacing = trial.reports.filter((r) => r.superseded_by === report.id);
    const numbers = efficacy.flatMap((o) =>
      trial.cohorts
        .filter((c) => c.population === o.population)
        .flatMap((c) => {
          const value = report.data[c.id]?.[o.id];
          if (value === undefined || isNotDisclosed(value)) return [];
          const d = value as OutcomeData;
          return [`${o.short_label} ${d.events}/${d.n}`];
        }),
    );
    const status =
      report.status === 'primary'
        ? `Primary report${replacing.length > 0 ? `, replacing the ${replacing.map((r) => `${REPORT_TYPE_LABELS[r.type].toLowerCase()} of ${reportMonth(r.date)}`).join(' and ')}` : ''}.`
        : report.status === 'superseded'
          ? `Superseded${report.superseded_by ? ` by report ${report.superseded_by}` : ''}: ${report.reason ?? ''}`
          : `Excluded: ${report.reason ?? ''}`;
    const trialNote = trial.status === 'included' ? '' : ` The trial is ${trial.status === 'excluded' ? 'excluded' : 'described but not pooled'}: ${trial.status_reason ?? ''}`;
    return {
      id: url,
      title: `${trial.label}: ${REPORT_TYPE_LABELS[report.type].toLowerCase()}, ${reportMonth(report.date)} (${REPORT_STATUS_LABELS[report.status].toLowerCase()})`,
      updated: release.date,
      link: url,
      summary: [
        `Entered in release ${release.number} (${longDate(release.date)}).`,
        report.citation,
        status.trim(),
        numbers.length > 0 ? `${numbers.join(', ')}.` : '',
        trialNote.trim(),
      ]
        .filter((s) => s.length > 0)
        .join(' '),
      categories: [report.status],
    };
  });
}
