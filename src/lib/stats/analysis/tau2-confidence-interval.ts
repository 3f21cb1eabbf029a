import { qProfileInterval } from '../heterogeneity/q-profile-interval.ts';
import { fitModel } from '../models/fit-model.ts';
import type { MetaProportionsInput, Tau2Interval } from '../types.ts';
import { prepareAnalysis } from './prepare-analysis.ts';
import { subsetData } from './subset-data.ts';

/**
 * Q-profile confidence interval of tau² for a set of proportions (metafor
 * `confint(rma(...))`, type "QP"), with the I² and H² it implies. The interval does not
 * depend on the tau² estimator; it is also part of every random-effects result of
 * metaProportions (`tau2_ci`).
 *
 * Reference: Viechtbauer W (2007). Confidence intervals for the amount of heterogeneity in
 * meta-analysis. Statistics in Medicine 26(1), 37-52. https://doi.org/10.1002/sim.2514
 *
 * @param input counts, transform and level (method and groups are not used)
 * @returns bounds of tau² (transformed scale), I² (percent) and H²; null for a single study
 * @throws StatsInputError for invalid input
 * @example
 * tau2ConfidenceInterval({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'REML' })?.tau2_lower // 0
 */
export function tau2ConfidenceInterval(input: MetaProportionsInput): Tau2Interval | null {
  const prepared = prepareAnalysis(input);
  const k = prepared.events.length;
  if (k < 2) return null;
  const { data } = subsetData(prepared, Array.from({ length: k }, (_, i) => i));
  const fit = fitModel(data, 'FE', 'z', prepared.settings.level, {});
  return qProfileInterval(data, prepared.settings.level, fit.typicalVariance);
}
