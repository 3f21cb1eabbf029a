import { chiSquareUpperTail } from '../distributions/chi-square-upper-tail.ts';
import { fUpperTail } from '../distributions/f-upper-tail.ts';
import { messages } from '../messages.ts';
import { fitModel } from '../models/fit-model.ts';
import type { ModelFit } from '../models/model-fit.ts';
import type { PooledAnalysis, StudyRow } from '../types.ts';
import type { BetweenSubgroups } from './between-subgroups.ts';
import type { GroupLevels } from './group-levels.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { studyRows } from './study-rows.ts';
import { subsetData } from './subset-data.ts';
import { summarizeLevel } from './summarize-level.ts';

/** Wald test that all level coefficients are equal: Σ (bₗ - b̄)² / Vₗ with b̄ the inverse-variance mean. */
function equalityStatistic(fit: ModelFit): number {
  let sumWeights = 0;
  let sumWeighted = 0;
  for (let g = 0; g < fit.p; g++) {
    sumWeights += 1 / fit.coefficientVariances[g]!;
    sumWeighted += fit.coefficients[g]! / fit.coefficientVariances[g]!;
  }
  const mean = sumWeighted / sumWeights;
  let statistic = 0;
  for (let g = 0; g < fit.p; g++) statistic += (fit.coefficients[g]! - mean) ** 2 / fit.coefficientVariances[g]!;
  return statistic;
}

/**
 * Subgroup analysis with a common tau²: one mixed-effects model with a coefficient per level
 * (metafor `rma(yi, vi, mods = ~ factor(group))`), tau² estimated from the within-level
 * residuals, and the omnibus test that the levels do not differ (metafor's QM: chi-square on
 * levels - 1 df, or F on (levels - 1, k - levels) with Hartung-Knapp). Each level reports
 * its coefficient from that model and its own Q, with I² and H² at the common tau².
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03;
 * Borenstein M, Higgins JPT (2013), https://doi.org/10.1007/s11121-013-0377-7
 *
 * @param prepared the prepared analysis
 * @param levels the grouping of its studies
 * @returns one analysis per level and the test between them
 * @throws never: input was validated by prepareAnalysis
 * @example
 * commonSubgroups(prepared, groupLevels(['NK', 'T', 'NK', 'T'])).Q_between_df // 1
 */
export function commonSubgroups(prepared: PreparedAnalysis, levels: GroupLevels): BetweenSubgroups {
  const { settings } = prepared;
  const order = levels.members.flat();
  const joint = subsetData(
    prepared,
    order,
    order.map((i) => levels.index[i]!),
  );
  const fit = fitModel(joint.data, settings.method, settings.ci, settings.level, settings.control);
  const subgroups: Record<string, PooledAnalysis> = {};
  levels.names.forEach((name, level) => {
    const members = levels.members[level]!;
    const subset = subsetData(prepared, members);
    // the level's own heterogeneity, at the common-effect weights
    const own = fitModel(subset.data, 'FE', 'z', settings.level, {});
    const summary = summarizeLevel(fit, level, settings, subset.harmonicN);
    const warnings: string[] = [];
    if (subset.correctedCount > 0) warnings.push(messages.correctionApplied(settings.add, subset.correctedCount, settings.transform));
    warnings.push(...summary.warnings);
    const weights = new Float64Array(members.length);
    members.forEach((i, j) => (weights[j] = 1 / (prepared.effects.vi[i]! + fit.tau2)));
    const heterogeneous = own.Q_df > 0 && fit.method !== 'FE';
    let rows: StudyRow[] | undefined;
    subgroups[name] = {
      k: members.length,
      transform: settings.transform,
      method: fit.method,
      ci: fit.ci,
      level: settings.level,
      tau2: fit.tau2,
      tau: Math.sqrt(fit.tau2),
      I2: heterogeneous ? (100 * fit.tau2) / (own.typicalVariance + fit.tau2) : own.I2,
      H2: heterogeneous ? fit.tau2 / own.typicalVariance + 1 : own.H2,
      I2_Q: own.I2_Q,
      H2_Q: own.H2_Q,
      Q: own.Q,
      Q_df: own.Q_df,
      Q_p: own.Q_p,
      df: fit.df,
      transformed: summary.transformed,
      proportion: summary.proportion,
      clamped: summary.clamped,
      tau2_ci: null,
      warnings,
      get studies(): StudyRow[] {
        rows ??= studyRows(prepared, members, weights);
        return rows;
      },
    };
  });
  const df1 = levels.names.length - 1;
  const statistic = equalityStatistic(fit);
  const warnings = [...fit.warnings];
  if (df1 < 1) warnings.push(messages.subgroupSingleLevel());
  if (fit.df !== null && df1 >= 1) {
    const F = statistic / df1;
    return { subgroups, Q_between: F, Q_between_df: df1, Q_between_df2: fit.df, Q_between_p: fUpperTail(F, df1, fit.df), warnings };
  }
  return {
    subgroups,
    Q_between: statistic,
    Q_between_df: df1,
    Q_between_df2: null,
    Q_between_p: df1 >= 1 ? chiSquareUpperTail(statistic, df1) : 1,
    warnings,
  };
}
