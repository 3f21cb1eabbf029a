import { messages } from '../messages.ts';
import { effectData } from '../models/effect-data.ts';
import { fitModel } from '../models/fit-model.ts';
import type { PooledAnalysis } from '../types.ts';
import type { BetweenSubgroups } from './between-subgroups.ts';
import type { GroupLevels } from './group-levels.ts';
import { poolStudies } from './pool-studies.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/**
 * Subgroup analysis with a separate tau² in each level (Stata `metan`/`metaprop` option
 * `subgroup`, R meta's default): each level is pooled on its own, then the level estimates
 * bₗ with standard errors sₗ are compared by Q_between = Σ (bₗ - b̄)² / sₗ², b̄ their
 * inverse-variance mean, on levels - 1 df (metafor: `rma(bₗ, sei = sₗ, method = "EE")$QE`).
 *
 * Reference: Borenstein M, Higgins JPT (2013). Meta-analysis and subgroups. Prevention
 * Science 14(2), 134-143. https://doi.org/10.1007/s11121-013-0377-7
 *
 * @param prepared the prepared analysis
 * @param levels the grouping of its studies
 * @returns one pooled analysis per level and the chi-square test between them
 * @throws never: input was validated by prepareAnalysis
 * @example
 * separateSubgroups(prepared, groupLevels(['NK', 'T', 'NK', 'T'])).Q_between_df // 1
 */
export function separateSubgroups(prepared: PreparedAnalysis, levels: GroupLevels): BetweenSubgroups {
  const subgroups: Record<string, PooledAnalysis> = {};
  const estimates = new Float64Array(levels.names.length);
  const variances = new Float64Array(levels.names.length);
  levels.names.forEach((name, level) => {
    const analysis = poolStudies(prepared, levels.members[level]!);
    subgroups[name] = analysis;
    estimates[level] = analysis.transformed.estimate;
    variances[level] = analysis.transformed.se ** 2;
  });
  // Q between: common-effect heterogeneity of the level estimates
  const between = fitModel(effectData(estimates, variances), 'FE', 'z', prepared.settings.level, {});
  const warnings: string[] = [];
  if (levels.names.length < 2) warnings.push(messages.subgroupSingleLevel());
  else if (!Number.isFinite(between.Q)) warnings.push(messages.betweenUndefined());
  return {
    subgroups,
    Q_between: between.Q,
    Q_between_df: between.Q_df,
    Q_between_df2: null,
    Q_between_p: between.Q_p,
    warnings,
  };
}
