import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/**
 * Sidik-Jonkman estimator of tau²: start from tau₀² = Σ (yᵢ - ȳ)² / k (about the overall
 * mean, as metafor does also with moderators) and return tau₀² · Y'PY / (k - p) with P at
 * the weights 1 / (vᵢ + tau₀²). Never negative.
 *
 * Reference: Sidik K, Jonkman JN (2005). Simple heterogeneity variance estimation for
 * meta-analysis. Journal of the Royal Statistical Society C 54(2), 367-384.
 * https://doi.org/10.1111/j.1467-9876.2005.00489.x
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param workspace scratch arrays for the data
 * @returns tau² (transformed scale)
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * sidikJonkman(data, createWorkspace(data)).tau2 // 0.025723472668…
 */
export function sidikJonkman(data: EffectData, workspace: Workspace): Tau2Estimate {
  const { k, yi } = data;
  let mean = 0;
  let start = 0;
  if (data.multiplicity) {
    // cell form: weighted by the cells' sizes, plus the squares within each cell
    const m = data.multiplicity;
    for (let c = 0; c < yi.length; c++) mean += m[c]! * yi[c]!;
    mean /= k;
    for (let c = 0; c < yi.length; c++) start += m[c]! * (yi[c]! - mean) ** 2 + data.withinSquares![c]!;
  } else {
    for (let i = 0; i < k; i++) mean += yi[i]!;
    mean /= k;
    for (let i = 0; i < k; i++) start += (yi[i]! - mean) ** 2;
  }
  start /= k;
  const moments = residualMoments(data, start, workspace);
  const tau2 = (start * moments[MOMENT.rss]!) / (k - data.groupCount);
  return { tau2, raw: tau2, iterations: 0, converged: true };
}
