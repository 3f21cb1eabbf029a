/**
 * The rows of the efficacy or safety table of one release (see _outcome-table.astro): one row
 * per trial (its primary report as of the release), or one per cohort when a trial gives
 * several, pooled trials in label order, then the trials described but not pooled. A module of
 * its own so that the route of the table's later pages can count them.
 *
 * The leading underscore keeps this file out of the site's routes.
 */
import type { Review } from '../../schemas/index.ts';
import { isNotDisclosed, type CharacteristicValue, type Cohort, type OutcomeValue as Value, type Report } from '../../schemas/index.ts';
import { pooledTrialsAsOf, primaryReportAsOf, type TrialRecord } from '../../lib/review/evidence-set.ts';
import { subgroupLevel, valueOf } from '../../lib/review/characteristics.ts';

export interface Row {
  key: string;
  slug: string;
  /** The study label. */
  label: string;
  /** The row's value of the first subgroup variable's characteristic (its cohort's own, where it gives one). */
  value: CharacteristicValue | undefined;
  /** Shown under the label: the cohort(s) the numbers describe. */
  cohorts: string;
  report: Report;
  /** The row's level of the first subgroup variable (its cohort's, where the cohort gives its own value). */
  level: string | undefined;
  n: number | undefined;
  values: Record<string, Value | undefined>;
}

// English collation: the same order on every machine, whatever its locale.
const collator = new Intl.Collator('en');

export function outcomeTableRows(review: Review, trials: readonly TrialRecord[], release: number, kind: 'efficacy' | 'safety') {
  const outcomes = review.outcomes.filter((o) => o.kind === kind);
  const populationIds = [...new Set(outcomes.map((o) => o.population))];
  const variable = review.subgroups[0];
  /**
   * The rows of one trial: its primary report's cohorts that represent this table's populations.
   * A trial with one such cohort per population (the usual case) gives one row; a trial with
   * several gives one row per cohort, side by side across populations.
   */
  function rowsOf(trial: TrialRecord, report: Report): Row[] {
    const byPopulation = populationIds.map((p) => trial.data.cohorts.filter((c) => c.population === p && report.data[c.id]));
    const count = Math.max(0, ...byPopulation.map((cs) => cs.length));
    const rows: Row[] = [];
    for (let i = 0; i < count; i++) {
      const cohortOf = (population: string): Cohort | undefined => byPopulation[populationIds.indexOf(population)]?.[i];
      const used = [...new Set(byPopulation.map((cs) => cs[i]).filter((c): c is Cohort => c !== undefined))];
      const values: Record<string, Value | undefined> = {};
      let n: number | undefined;
      for (const o of outcomes) {
        const cohort = cohortOf(o.population);
        const value = cohort ? report.data[cohort.id]?.[o.id] : undefined;
        values[o.id] = value;
        if (value !== undefined && !isNotDisclosed(value) && typeof value === 'object' && 'n' in value) n = Math.max(n ?? 0, value.n);
      }
      const first = used[0];
      rows.push({
        key: `${trial.slug}-${used.map((c) => c.id).join('-')}`,
        slug: trial.slug,
        label: trial.data.label,
        value: variable ? valueOf(trial.data, variable.characteristic, first) : undefined,
        cohorts: used.map((c) => c.label).join('; '),
        report,
        level: variable ? subgroupLevel(variable, trial.data, first) : undefined,
        n,
        values,
      });
    }
    return rows;
  }

  const pooledRows = pooledTrialsAsOf(trials, release).flatMap(({ trial, report }) => rowsOf(trial, report));
  const describedRows = trials
    .filter((t) => t.data.status === 'described')
    .sort((a, b) => collator.compare(a.data.label, b.data.label))
    .flatMap((t) => {
      const report = primaryReportAsOf(t.data, release);
      return report ? rowsOf(t, report) : [];
    });
  const describedReasons = trials.filter((t) => t.data.status === 'described' && describedRows.some((r) => r.slug === t.slug));
  return { pooledRows, describedRows, describedReasons };
}
