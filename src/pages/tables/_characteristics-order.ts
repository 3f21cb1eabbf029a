/**
 * The order of the study characteristics table: the included and described trials grouped by
 * the first subgroup variable's levels, each group by product, then the excluded trials. Shared
 * by the table's pages and by the route that counts them. (Underscore: not a route.)
 */
import type { Review, Trial } from '../../schemas/index.ts';

// English collation: the same order on every machine, whatever its locale.
const collator = new Intl.Collator('en');

export function characteristicsOrder<T extends { data: Trial }>(review: Review, trials: readonly T[]) {
  const all = [...trials].sort((a, b) => collator.compare(a.data.label, b.data.label));
  const shown = all.filter((t) => t.data.status !== 'excluded');
  const excluded = all.filter((t) => t.data.status === 'excluded');
  const variable = review.subgroups[0];
  const groups = variable
    ? [
        ...variable.levels.map((l) => ({ label: l.label, trials: shown.filter((t) => t.data.subgroups[variable.id] === l.id) })),
        { label: `No ${variable.label.toLowerCase()} given`, trials: shown.filter((t) => !variable.levels.some((l) => l.id === t.data.subgroups[variable.id])) },
      ].filter((g) => g.trials.length > 0)
    : [{ label: 'Trials', trials: shown }];
  return { shown, excluded, groups, ordered: [...groups.flatMap((g) => g.trials), ...excluded] };
}
