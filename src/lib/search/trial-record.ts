/**
 * A trial's entry in the search index, made from its validated file rather than from its built
 * page: the index of a large review's trials can then be written while the pages render (see
 * scripts/lib/search-index.ts). It holds what readers search a trial by (names, registrations,
 * sponsor, design and phase, the characteristics the review shows in search, the cohorts, every
 * report's citation, the reasons given, the curator's notes); the numbers stay out, as they do on
 * the page's index.
 * Pure: no Node built-ins.
 */
import type { Review, Trial } from '../../schemas/index.ts';
import { designText, phaseText, TRIAL_STATUS_LABELS } from '../format/labels.ts';
import { shownIn, valueItems } from '../review/characteristics.ts';

export interface TrialSearchRecord {
  /** The trial page's address below the site root, e.g. /trials/smith-2024/ */
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

/**
 * A line as a sentence, so that an excerpt spanning several facts reads "Phase 1. Sponsor X." and
 * not "Phase 1 Sponsor X": a stop is added unless the line already ends in one.
 * @example asSentence('Phase 1') // 'Phase 1.'
 */
export function asSentence(line: string): string {
  const text = line.trim();
  return /[.!?:;…]["'”’)\]]*$/.test(text) ? text : `${text}.`;
}

/** The search entry of the trial in `content/trials/<slug>.md`. */
export function trialSearchRecord(slug: string, trial: Trial, notes: string, review: Pick<Review, 'characteristics'>): TrialSearchRecord {
  const lines = [
    trial.label,
    TRIAL_STATUS_LABELS[trial.status],
    trial.status_reason,
    trial.aliases.length > 0 ? `Also known as ${trial.aliases.join(', ')}` : undefined,
    trial.registrations.length > 0 ? `Registration ${trial.registrations.join(', ')}` : undefined,
    trial.sponsor ? `Sponsor ${trial.sponsor}${trial.sponsor_country ? ` (${trial.sponsor_country})` : ''}` : undefined,
    trial.design ? `Design ${designText(trial.design)}` : undefined,
    trial.phase ? `Phase ${phaseText(trial.phase)}` : undefined,
    ...shownIn(review, 'search').flatMap((c) => {
      const items = [trial.characteristics[c.id], ...trial.cohorts.map((x) => x.characteristics?.[c.id])].flatMap((v) => valueItems(c, v));
      return items.length === 0 ? [] : c.type === 'list' ? items : [`${c.label} ${[...new Set(items)].join(', ')}`];
    }),
    ...trial.cohorts.map((c) => c.label),
    ...trial.reports.flatMap((r) => [r.citation, r.reason]),
    // one line a paragraph or heading, each a sentence of its own
    ...markdownText(notes).split(/\n+/),
  ];
  const sentences = lines.filter((l): l is string => Boolean(l && l.trim())).map(asSentence);
  return { url: `/trials/${slug}/`, content: sentences.join('\n'), title: trial.label };
}
