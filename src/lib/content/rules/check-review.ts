/**
 * The protocol against itself: populations, outcomes, subgroup variables and the levels of each
 * variable have distinct ids (trial files name them by id), and every outcome names a
 * population the review defines (otherwise no cohort can feed it and it is pooled from nothing).
 */
import type { Review } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { FieldPath, Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

export function checkReview(review: ValidFile<Review>): Problem[] {
  const { source, data } = review;
  const problems: Problem[] = [];
  const unique = (what: string, items: readonly { id: string }[], path: FieldPath) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const seen = first.get(item.id);
      if (seen === undefined) first.set(item.id, i);
      else problems.push(at(source, [...path, i, 'id'], messages.duplicateReviewId(what, item.id, source.locate([...path, seen, 'id']))));
    });
  };
  unique('populations', data.populations, ['populations']);
  unique('outcomes', data.outcomes, ['outcomes']);
  unique('subgroup variables', data.subgroups, ['subgroups']);
  data.subgroups.forEach((variable, i) => unique(`levels of ${variable.id}`, variable.levels, ['subgroups', i, 'levels']));

  const populations = data.populations.map((p) => p.id);
  data.outcomes.forEach((outcome, i) => {
    if (!populations.includes(outcome.population)) {
      problems.push(
        at(source, ['outcomes', i, 'population'], messages.outcomePopulationUnknown(outcome.population, populations, closest(outcome.population, populations))),
      );
    }
  });
  return problems;
}
