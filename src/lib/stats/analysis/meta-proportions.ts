import type { MetaProportionsInput, MetaProportionsResult } from '../types.ts';
import { commonSubgroups } from './common-subgroups.ts';
import { groupLevels } from './group-levels.ts';
import { poolStudies } from './pool-studies.ts';
import { prepareAnalysis, type PreparedAnalysis, type SharedEffects } from './prepare-analysis.ts';
import { separateSubgroups } from './separate-subgroups.ts';

/**
 * Meta-analysis of proportions, matching R metafor: transforms each study's events/n
 * (PFT, PAS, PLO or PRAW, with metafor's continuity correction), pools them in a
 * common-effect or random-effects model (tau² by DL, REML, ML, PM, HE or SJ), gives Wald z
 * or Hartung-Knapp intervals, a prediction interval, Q, I², H² and a Q-profile interval of
 * tau², back-transforms to proportions, and, with `groups`, pools each subgroup and tests
 * between them.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03;
 * Nyaga VN, Arbyn M, Aerts M (2014). Metaprop: a Stata command to perform meta-analysis of
 * binomial data. Archives of Public Health 72, 39. https://doi.org/10.1186/2049-3258-72-39
 *
 * @param input events and n (counts), transform, method and options; see MetaProportionsInput
 * @returns the pooled result (transformed and proportion scales), study rows, warnings and,
 *   with groups, subgroups and the test between them
 * @throws StatsInputError for invalid input (no studies, events > n, unknown method, …)
 * @example
 * metaProportions({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'REML' })
 *   .proportion.estimate // 0.625238693002…
 */
export function metaProportions(input: MetaProportionsInput): MetaProportionsResult {
  return analysePrepared(prepareAnalysis(input));
}

/**
 * metaProportions of the same studies by several methods (a sensitivity table): each
 * variant's options replace those of `input`, and the study effects of each transform are
 * computed once. A variant the methods refuse gives its error in its place.
 *
 * @example
 * metaProportionsVariants({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'REML' },
 *   [{ method: 'DL' }, { transform: 'PLO', ci: 'hk' }]).length // 2
 */
export function metaProportionsVariants(
  input: MetaProportionsInput,
  variants: readonly Partial<Pick<MetaProportionsInput, 'transform' | 'method' | 'ci'>>[],
): (MetaProportionsResult | Error)[] {
  const shared: SharedEffects = new Map();
  return variants.map((variant) => {
    try {
      return analysePrepared(prepareAnalysis({ ...input, ...variant }, shared));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
}

function analysePrepared(prepared: PreparedAnalysis): MetaProportionsResult {
  const all: number[] = [];
  for (let i = 0; i < prepared.events.length; i++) all.push(i);
  const overall = poolStudies(prepared, all);
  if (prepared.groups === null) return overall;
  const levels = groupLevels(prepared.groups);
  const between =
    prepared.settings.subgroupTest === 'common' ? commonSubgroups(prepared, levels) : separateSubgroups(prepared, levels);
  // extend the overall result in place: spreading it would compute its lazy fields now
  return Object.assign(overall, {
    subgroups: between.subgroups,
    subgroup_test: prepared.settings.subgroupTest,
    Q_between: between.Q_between,
    Q_between_df: between.Q_between_df,
    Q_between_df2: between.Q_between_df2,
    Q_between_p: between.Q_between_p,
    warnings: [...overall.warnings, ...between.warnings],
  });
}
