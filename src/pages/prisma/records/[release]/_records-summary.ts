/**
 * What every page of one PRISMA box's list shares, worked out once per box: the studies the
 * reports belong to and the exclusion reasons that have reports on file. A box of a review of
 * 20,000 trials counts tens of thousands of reports over hundreds of pages. (Underscore: not a route.)
 */
import type { PrismaBox } from '../../../../lib/prisma/prisma-flow.ts';

const memo = new WeakMap<PrismaBox, { studies: number; reasons: Set<string | undefined> }>();

export function recordsSummary(box: PrismaBox): { studies: number; reasons: Set<string | undefined> } {
  let summary = memo.get(box);
  if (!summary) {
    const items = box.records?.items ?? [];
    summary = { studies: new Set(items.map((r) => r.trial)).size, reasons: new Set(items.map((r) => r.reasonGroup)) };
    memo.set(box, summary);
  }
  return summary;
}
