/**
 * A trial's entry in the search index, made from its validated file rather than from its built
 * page: the index of a large review's trials can then be written while the pages render (see
 * scripts/lib/search-index.ts). It holds what readers search a trial by (names, registrations,
 * sponsor, target, cell source, engineering, dosing, eligibility, every report's citation, the
 * reasons given, the curator's notes); the numbers stay out, as they do on the page's index.
 * Pure: no Node built-ins.
 */
import type { Trial } from '../../schemas/index.ts';
import { MODALITY_LABELS, TRIAL_STATUS_LABELS } from '../format/labels.ts';

export interface TrialSearchRecord {
  /** The trial page's address below the site root, e.g. /trials/cema-cel/ */
  url: string;
  /** Plain text, one fact per line. */
  content: string;
  /** The result's title. */
  title: string;
}

/** Markdown to plain text, as far as the index cares: link targets, emphasis and heading marks go. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/^[ \t]{0,3}(#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/[*_`~]+/g, '')
    .trim();
}

/** The search entry of the trial in `content/trials/<slug>.md`. */
export function trialSearchRecord(slug: string, trial: Trial, notes: string): TrialSearchRecord {
  const e = trial.eligibility;
  const lines = [
    trial.product,
    TRIAL_STATUS_LABELS[trial.status],
    trial.status_reason,
    trial.aliases.length > 0 ? `Also known as ${trial.aliases.join(', ')}` : undefined,
    `Registration ${trial.registrations.join(', ')}`,
    `Sponsor ${trial.sponsor}${trial.sponsor_country ? ` (${trial.sponsor_country})` : ''}`,
    `${MODALITY_LABELS[trial.modality]}, target ${trial.target}, phase ${trial.phase}`,
    `Cell source ${trial.cell_source}`,
    e.histologies.length > 0 ? `Histologies ${e.histologies.join(', ')}` : undefined,
    ...e.notes,
    ...trial.engineering,
    ...trial.dosing,
    ...trial.cohorts.map((c) => c.label),
    ...trial.reports.flatMap((r) => [r.citation, r.reason]),
    markdownText(notes),
  ];
  return { url: `/trials/${slug}/`, content: lines.filter((l): l is string => Boolean(l && l.trim())).join('\n'), title: trial.product };
}
