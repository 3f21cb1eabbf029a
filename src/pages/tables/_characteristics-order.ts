/**
 * The order of the study characteristics table: the included and described trials grouped by
 * the first subgroup variable's levels, each group by label, then the excluded trials. Shared
 * by the table's pages and by the route that counts them. (Underscore: not a route.)
 *
 * A trial sits in the level of each of its cohorts (a cohort may override its trial's value of
 * the variable's characteristic), so a trial whose cohorts sit in different levels is a row of
 * each of those groups; a trial without cohorts sits in its own level. Trials in no level form a
 * last group.
 */
import type { Review, Trial } from '../../schemas/index.ts';
import { subgroupLevel } from '../../lib/review/characteristics.ts';
import { lowerFirst } from '../../lib/format/labels.ts';

// English collation: the same order on every machine, whatever its locale.
const collator = new Intl.Collator('en');

export interface CharacteristicsRow<T> {
  trial: T;
  /** Index of the row's group in `groups`; undefined for an excluded trial. */
  group: number | undefined;
  /** With a trial split across groups: the labels of its cohorts in this group. */
  cohorts: string[];
}

/** The levels of a subgroup variable a trial sits in, each with the cohorts there, in the variable's order. */
export function trialLevels(variable: Review['subgroups'][number], trial: Pick<Trial, 'characteristics' | 'cohorts'>) {
  const units =
    trial.cohorts.length > 0
      ? trial.cohorts.map((c) => ({ cohort: c.label as string | undefined, level: subgroupLevel(variable, trial, c) }))
      : [{ cohort: undefined, level: subgroupLevel(variable, trial) }];
  return variable.levels.flatMap((l) => {
    const here = units.filter((u) => u.level === l.id);
    return here.length > 0 ? [{ level: l.id, cohorts: here.flatMap((u) => (u.cohort === undefined ? [] : [u.cohort])) }] : [];
  });
}

export function characteristicsOrder<T extends { data: Trial }>(review: Review, trials: readonly T[]) {
  const all = [...trials].sort((a, b) => collator.compare(a.data.label, b.data.label));
  const shown = all.filter((t) => t.data.status !== 'excluded');
  const excluded = all.filter((t) => t.data.status === 'excluded');
  const variable = review.subgroups[0];
  let groups: { label: string; rows: CharacteristicsRow<T>[] }[];
  if (variable) {
    const levelsOf = new Map(shown.map((t) => [t, trialLevels(variable, t.data)] as const));
    const split = (t: T) => levelsOf.get(t)!.length > 1;
    groups = [
      ...variable.levels.map((l) => ({
        label: l.label,
        rows: shown.flatMap((t) => {
          const here = levelsOf.get(t)!.find((x) => x.level === l.id);
          return here ? [{ trial: t, group: 0, cohorts: split(t) ? here.cohorts : [] }] : [];
        }),
      })),
      {
        label: `No ${lowerFirst(variable.label)} given`,
        rows: shown.filter((t) => levelsOf.get(t)!.length === 0).map((t) => ({ trial: t, group: 0, cohorts: [] })),
      },
    ];
  } else {
    groups = [{ label: 'Trials', rows: shown.map((t) => ({ trial: t, group: 0, cohorts: [] })) }];
  }
  groups = groups.filter((g) => g.rows.length > 0);
  groups.forEach((g, i) => g.rows.forEach((r) => (r.group = i)));
  const excludedRows: CharacteristicsRow<T>[] = excluded.map((t) => ({ trial: t, group: undefined, cohorts: [] }));
  return {
    shown,
    excluded,
    groups: groups.map((g) => ({ label: g.label, rows: g.rows, trials: new Set(g.rows.map((r) => r.trial)).size })),
    ordered: [...groups.flatMap((g) => g.rows), ...excludedRows],
  };
}
