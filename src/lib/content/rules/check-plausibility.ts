/**
 * Numbers that cannot be right, per cohort per report: relations between outcomes declared in
 * review.yaml (`plausibility: relations`, e.g. complete responses at most overall responses,
 * events of two grades together at most the patients evaluated) and the largest cohort
 * (`plausibility: limits: n_max`, with a generous default even when review.yaml says nothing).
 * A relation is checked only where every outcome it names has numbers; `nd` skips it.
 */
import { isNotDisclosed, type OutcomeData, type Review, type Trial } from '../../../schemas/index.ts';
import type { Relation } from '../../../schemas/plausibility.ts';
import { at, type ValidFile } from '../content-files.ts';
import { plausibilityMessages as messages } from '../messages-plausibility.ts';
import type { Problem } from '../problems.ts';

/** In a relation, `at_most: n` means the patients evaluated. */
const PATIENTS = 'n';

const named = (r: Relation): string[] => (r.sum ?? (r.outcome !== undefined ? [r.outcome] : []));

/** The relations of review.yaml name its outcomes, of one population. */
export function checkPlausibilityDeclaration({ source, data }: ValidFile<Review>): Problem[] {
  const problems: Problem[] = [];
  const ids = data.outcomes.map((o) => o.id);
  data.plausibility.relations.forEach((relation, i) => {
    const path = ['plausibility', 'relations', i];
    let known = true;
    named(relation).forEach((id, j) => {
      if (ids.includes(id)) return;
      known = false;
      problems.push(at(source, relation.sum ? [...path, 'sum', j] : [...path, 'outcome'], messages.relationUnknownOutcome(id, ids)));
    });
    if (relation.at_most !== PATIENTS && !ids.includes(relation.at_most)) {
      known = false;
      problems.push(at(source, [...path, 'at_most'], messages.relationUnknownOutcome(relation.at_most, ids)));
    }
    if (!known) return;
    const all = [...named(relation), ...(relation.at_most === PATIENTS ? [] : [relation.at_most])];
    const populations = [...new Set(all.map((id) => data.outcomes.find((o) => o.id === id)!.population))];
    if (populations.length > 1) problems.push(at(source, path, messages.relationAcrossPopulations(all, populations)));
  });
  return problems;
}

/** Every cohort of every report of one trial against the relations and limits of review.yaml. */
export function checkPlausibility({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const { relations, limits } = review.plausibility;
  const outcomeIds = new Set(review.outcomes.map((o) => o.id));
  // A relation naming an unknown outcome is reported against review.yaml and not applied.
  const usable = relations.filter((r) => [...named(r), r.at_most].every((id) => id === PATIENTS || outcomeIds.has(id)));
  data.reports.forEach((report, i) => {
    for (const [cohort, values] of Object.entries(report.data)) {
      const numbers = (id: string): OutcomeData | undefined => {
        const v = values[id];
        return v === undefined || isNotDisclosed(v) ? undefined : v;
      };
      for (const [outcome, value] of Object.entries(values)) {
        if (isNotDisclosed(value) || value.n <= limits.n_max) continue;
        problems.push(at(source, ['reports', i, 'data', cohort, outcome, 'n'], messages.nTooLarge(cohort, report.id, outcome, value.n, limits.n_max)));
      }
      for (const relation of usable) {
        const parts = named(relation).map(numbers);
        if (parts.some((p) => p === undefined)) continue;
        const left = parts.reduce((total, p) => total + p!.events, 0);
        const leftText = relation.sum ? `${relation.sum.join(' + ')} events (${parts.map((p) => p!.events).join(' + ')})` : `${relation.outcome} events`;
        let right: number;
        let rightText: string;
        if (relation.at_most === PATIENTS) {
          right = Math.max(...parts.map((p) => p!.n));
          rightText = 'n';
        } else {
          const bound = numbers(relation.at_most);
          if (!bound) continue;
          right = bound.events;
          rightText = `${relation.at_most} events`;
        }
        if (left <= right) continue;
        // Pointed at the first outcome of the relation, where the curator starts checking.
        const first = named(relation)[0]!;
        problems.push(at(source, ['reports', i, 'data', cohort, first, 'events'], messages.relationBroken(cohort, report.id, leftText, left, rightText, right, relation.why)));
      }
    }
  });
  return problems;
}
