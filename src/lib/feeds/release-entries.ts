/**
 * Feed entries for the releases of the review: one per release, newest first, each linking to
 * the release's "what changed" page and summarising the pooled estimates that moved. Pure.
 */
import type { Review } from '../../schemas/index.ts';
import type { ReleaseChanges } from '../review/analyses-types.ts';
import { ciName, longDate, pooledPercent } from '../format/numbers.ts';
import type { AtomEntry } from './atom.ts';
import type { CertaintyLevel } from '../../schemas/appraisal.ts';
import { CERTAINTY_LABELS } from '../appraisal/certainty.ts';

/** The absolute address of a page below the site root (`root` ends with "/"). */
export function pageUrl(root: string, path: string): string {
  return new URL(path.replace(/^\//, ''), root).href;
}

/**
 * One line of plain text: the release summary and the estimates that moved, their intervals
 * named at `level` (0-1), the confidence level the release was pooled at.
 */
export function releaseSummaryText(review: Review, changes: ReleaseChanges, level: number = review.analysis.level): string {
  const spec = review.releases.find((r) => r.number === changes.release);
  const parts: string[] = [];
  if (spec?.summary) parts.push(spec.summary);
  if (changes.previous === null) {
    const estimates = changes.outcomes
      .filter((o) => o.overall.after)
      .map((o) => {
        const a = o.overall.after!;
        return `${o.short_label} ${pooledPercent(a.estimate)}% (${ciName(level)} ${pooledPercent(a.ci_lower, a.estimate)} to ${pooledPercent(a.ci_upper, a.estimate)}; ${a.k} trials)`;
      });
    if (estimates.length > 0) parts.push(`Pooled estimates: ${estimates.join('; ')}.`);
  } else {
    const moved = changes.outcomes
      .filter((o) => o.overall.moved)
      .map((o) => {
        const b = o.overall.before;
        const a = o.overall.after;
        if (b && a) {
          const [from, to] = [pooledPercent(b.estimate), pooledPercent(a.estimate)];
          // Moved by its patients only: say so, rather than "0.02% → 0.02%".
          return from === to ? `${o.short_label} ${to}% (n ${b.n} → ${a.n})` : `${o.short_label} ${from}% → ${to}%`;
        }
        return a ? `${o.short_label} now pooled, ${pooledPercent(a.estimate)}%` : `${o.short_label} no longer pooled`;
      });
    parts.push(
      moved.length > 0
        ? `Pooled estimates that moved since release ${changes.previous}: ${moved.join('; ')}.`
        : `No pooled estimate moved since release ${changes.previous}.`,
    );
    const certainty = certaintyChangeTexts(changes);
    if (certainty.length > 0) parts.push(`Certainty of the evidence changed: ${certainty.join('; ')}.`);
  }
  return parts.join(' ');
}

/** "Response: low → very low (imprecision: not serious → serious)", one per outcome whose certainty changed. */
export function certaintyChangeTexts(changes: ReleaseChanges): string[] {
  const name = (r: CertaintyLevel | null) => (r ? CERTAINTY_LABELS[r].toLowerCase() : 'not rated');
  return (changes.certainty ?? []).map((c) => `${c.label}: ${name(c.before)} → ${name(c.after)}${c.domains.length > 0 ? ` (${c.domains.join(', ')})` : ''}`);
}

/**
 * One entry per release, newest first. `root` is the site's absolute address, ending in "/";
 * `levelOf` gives the confidence level (0-1) a release was pooled at (review.yaml's when left out).
 */
export function releaseEntries(review: Review, changes: readonly ReleaseChanges[], root: string, levelOf: (release: number) => number = () => review.analysis.level): AtomEntry[] {
  return [...changes]
    .sort((a, b) => b.release - a.release)
    .map((c) => {
      const url = pageUrl(root, `/releases/${c.release}/changes/`);
      return {
        id: url,
        title: `Release ${c.release}, ${longDate(c.date)}`,
        updated: c.date,
        link: url,
        summary: releaseSummaryText(review, c, levelOf(c.release)),
        categories: [c.previous === null ? 'first release' : 'update'],
      };
    });
}
