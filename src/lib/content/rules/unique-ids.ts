/**
 * Ids that must be distinct within one list of review.yaml (populations, outcomes, levels, a
 * tool's domains…): every repeat is a problem at the repeat, naming the line of the first.
 */
import type { SourceFile } from '../content-files.ts';
import { at } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { FieldPath, Problem } from '../problems.ts';

/** The problems of `items` (at `path` in `source`) whose id an earlier item has already; `what` names the list, e.g. "outcomes". */
export function duplicateIds(source: SourceFile, what: string, items: readonly { id: string }[], path: FieldPath): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, i);
    else problems.push(at(source, [...path, i, 'id'], messages.duplicateReviewId(what, item.id, source.locate([...path, seen, 'id']))));
  });
  return problems;
}
