/**
 * Double counting: two cohorts of one report that feed the same population with the same
 * subgroup levels would enter the same analysis as two studies, counting the trial's
 * patients twice, whenever both give numbers for the same outcome of that population.
 */
import { isNotDisclosed, type Review, type Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';
import { subgroupLevels } from '../../review/characteristics.ts';

export function checkDoubleCounting({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  data.reports.forEach((report, i) => {
    const fed = Object.entries(report.data).flatMap(([cohortId, values]) => {
      const cohort = data.cohorts.find((c) => c.id === cohortId);
      if (!cohort?.population) return [];
      const levels = subgroupLevels(review, data, cohort);
      const outcomes = Object.entries(values)
        .filter(([outcome, value]) => !isNotDisclosed(value) && review.outcomes.find((o) => o.id === outcome)?.population === cohort.population)
        .map(([outcome]) => outcome);
      return [{ id: cohortId, population: cohort.population, levels: levelsText(levels), outcomes }];
    });
    fed.forEach((second, j) => {
      const first = fed.slice(0, j).find((c) => c.population === second.population && c.levels === second.levels && c.outcomes.some((o) => second.outcomes.includes(o)));
      if (!first) return;
      const shared = second.outcomes.filter((o) => first.outcomes.includes(o));
      problems.push(
        at(source, ['reports', i, 'data', second.id], messages.doubleCounting(report.id, first.id, second.id, second.population, second.levels, shared)),
      );
    });
  });
  return problems;
}

function levelsText(levels: Record<string, string>): string {
  return Object.keys(levels)
    .sort()
    .map((k) => `${k} ${levels[k]}`)
    .join(', ');
}
