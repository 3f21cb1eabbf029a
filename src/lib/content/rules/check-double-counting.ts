/**
 * Double counting: two cohorts of one report that feed the same population with the same
 * subgroup levels would enter the same analysis as two studies, counting the trial's
 * patients twice, whenever both give numbers for the same outcome of that population.
 *
 * A cohort may say it is a subset of another (`subset_of`: all its patients are among the
 * other's, e.g. one dose level of all treated patients). A subset and any cohort it lies in
 * are never pooled in one analysis, whatever their subgroup levels: in different subgroups
 * they would still enter the overall estimate twice. `subset_of` names a cohort of the same
 * trial, and subsets do not go round in a circle.
 */
import { isNotDisclosed, type Cohort, type Review, type Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import { plausibilityMessages } from '../messages-plausibility.ts';
import type { Problem } from '../problems.ts';
import { subgroupLevels } from '../../review/characteristics.ts';

export function checkDoubleCounting({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = checkSubsetLinks({ source, data });
  // Every cohort a cohort lies in (its parent, the parent's parent…), once the links are sound.
  const within = new Map<string, string[]>();
  if (problems.length === 0) {
    for (const cohort of data.cohorts) within.set(cohort.id, ancestors(cohort, data.cohorts));
  }
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
      const overlapping = fed
        .slice(0, j)
        .filter((c) => c.population === second.population && c.outcomes.some((o) => second.outcomes.includes(o)));
      // A subset pooled with a cohort it lies in (either way round) is reported as such.
      const nested = overlapping.find((c) => within.get(second.id)?.includes(c.id) || within.get(c.id)?.includes(second.id));
      if (nested) {
        const [subset, parent] = within.get(second.id)?.includes(nested.id) ? [second, nested] : [nested, second];
        const shared = second.outcomes.filter((o) => nested.outcomes.includes(o));
        problems.push(
          at(
            source,
            ['reports', i, 'data', second.id],
            plausibilityMessages.subsetPooledWithParent(report.id, subset.id, parent.id, second.population, shared, { subset: subset.levels, parent: parent.levels }),
          ),
        );
        return;
      }
      const first = overlapping.find((c) => c.levels === second.levels);
      if (!first) return;
      const shared = second.outcomes.filter((o) => first.outcomes.includes(o));
      problems.push(
        at(source, ['reports', i, 'data', second.id], messages.doubleCounting(report.id, first.id, second.id, second.population, second.levels, shared)),
      );
    });
  });
  return problems;
}

/** `subset_of` names another cohort of the trial, and no chain of subsets closes on itself. */
function checkSubsetLinks({ source, data }: ValidFile<Trial>): Problem[] {
  const problems: Problem[] = [];
  const ids = data.cohorts.map((c) => c.id);
  data.cohorts.forEach((cohort, i) => {
    if (cohort.subset_of === undefined) return;
    if (!ids.includes(cohort.subset_of)) {
      problems.push(at(source, ['cohorts', i, 'subset_of'], plausibilityMessages.subsetOfUnknown(cohort.id, cohort.subset_of, ids.filter((id) => id !== cohort.id))));
      return;
    }
    // Follow the chain; a circle is reported once, at its first cohort in the file.
    const chain = [cohort.id];
    let next = data.cohorts.find((c) => c.id === cohort.subset_of);
    while (next && !chain.includes(next.id)) {
      chain.push(next.id);
      next = next.subset_of === undefined ? undefined : data.cohorts.find((c) => c.id === next!.subset_of);
    }
    if (next && next.id === cohort.id && data.cohorts.findIndex((c) => chain.includes(c.id)) === i) {
      problems.push(at(source, ['cohorts', i, 'subset_of'], plausibilityMessages.subsetOfItself(cohort.id, [...chain, cohort.id].slice(0, chain.length === 1 ? 1 : undefined))));
    }
  });
  return problems;
}

/** The cohorts a cohort lies in, nearest first (the links are known to be sound). */
function ancestors(cohort: Cohort, cohorts: readonly Cohort[]): string[] {
  const out: string[] = [];
  let next = cohort.subset_of === undefined ? undefined : cohorts.find((c) => c.id === cohort.subset_of);
  while (next && !out.includes(next.id)) {
    out.push(next.id);
    next = next.subset_of === undefined ? undefined : cohorts.find((c) => c.id === next!.subset_of);
  }
  return out;
}

function levelsText(levels: Record<string, string>): string {
  return Object.keys(levels)
    .sort()
    .map((k) => `${k} ${levels[k]}`)
    .join(', ');
}
