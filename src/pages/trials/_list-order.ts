/**
 * The list of trials in its order: included, then described, then excluded, each by label.
 * Sorted once per build and shared by every page of the list and the route that counts
 * them (a review of 20,000 trials has a hundred pages; sorting for each was quadratic). In dev
 * the list is read afresh on every request, as content can change.
 */
import { trialEntries, type TrialEntry } from '../../lib/content/trial-entries.ts';

const STATUS_ORDER = { included: 0, described: 1, excluded: 2 } as const;
// English collation: the same order on every machine, whatever its locale.
const collator = new Intl.Collator('en');
let cached: Promise<TrialEntry[]> | undefined;

async function load(): Promise<TrialEntry[]> {
  return (await trialEntries()).sort(
    (a, b) => STATUS_ORDER[a.data.status] - STATUS_ORDER[b.data.status] || collator.compare(a.data.label, b.data.label),
  );
}

export function trialsInListOrder(): Promise<TrialEntry[]> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}
