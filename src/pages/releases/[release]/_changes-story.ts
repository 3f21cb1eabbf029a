/**
 * What the pages of one release's changes share, worked out once per release: the events in
 * the order the pages tell them, how many of each kind there are and where each kind starts, the
 * outcomes each trial moved, and the trials behind any change. A release of a review of 20,000
 * trials has a hundred pages of events; working these out for each page took most of a minute.
 * (Underscore: not a route.)
 */
import type { ChangeEvent, OutcomeChanges, ReleaseChanges } from '../../../lib/review/analyses-types.ts';

/** The groups of events, in the order the page tells them. */
export const EVENT_GROUPS = [
  ['report_replaced'],
  ['trial_added'],
  ['numbers_corrected', 'trial_reclassified', 'trial_removed'],
  ['trial_excluded', 'trial_described'],
  ['report_excluded'],
  ['report_recorded'],
] as const satisfies readonly (readonly ChangeEvent['kind'][])[];

export interface ChangesStory {
  /** Every event, grouped as EVENT_GROUPS, each group in the release's order. */
  story: ChangeEvent[];
  /** Events of each kind in the release. */
  count: (...kinds: ChangeEvent['kind'][]) => number;
  /** Position in `story` of the first event of these kinds (story.length when there is none). */
  firstOf: (...kinds: ChangeEvent['kind'][]) => number;
  /** The outcomes each trial moved, with how. */
  causesByTrial: Map<string, { outcome: OutcomeChanges; cause: OutcomeChanges['causes'][number] }[]>;
  /** The labels of the trials behind any change, each once. */
  causeLabels: string[];
}

const memo = new WeakMap<ReleaseChanges, ChangesStory>();

export function changesStory(c: ReleaseChanges): ChangesStory {
  const known = memo.get(c);
  if (known) return known;
  const story = EVENT_GROUPS.flatMap((kinds) => c.events.filter((e) => (kinds as readonly string[]).includes(e.kind)));
  const counts = new Map<string, number>();
  const first = new Map<string, number>();
  story.forEach((e, i) => {
    counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    if (!first.has(e.kind)) first.set(e.kind, i);
  });
  const causesByTrial: ChangesStory['causesByTrial'] = new Map();
  for (const outcome of c.outcomes) {
    for (const cause of outcome.causes) {
      const list = causesByTrial.get(cause.trial) ?? [];
      list.push({ outcome, cause });
      causesByTrial.set(cause.trial, list);
    }
  }
  const result: ChangesStory = {
    story,
    count: (...kinds) => kinds.reduce((s, k) => s + (counts.get(k) ?? 0), 0),
    firstOf: (...kinds) => Math.min(story.length, ...kinds.map((k) => first.get(k) ?? story.length)),
    causesByTrial,
    causeLabels: [...new Set(c.outcomes.flatMap((o) => o.causes.map((x) => x.trial_label)))],
  };
  memo.set(c, result);
  return result;
}
