import type { EffectData } from '../models/effect-data.ts';
import { pauleMandelRoot, type PauleMandelRoot } from './paule-mandel-root.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';

/** metafor's default root tolerance, `.Machine$double.eps^0.25`. */
export const METAFOR_ROOT_TOLERANCE = 2.220446049250313e-16 ** 0.25;

/**
 * Paule-Mandel estimator of tau²: the value at which the generalised Q statistic
 * Σ wᵢ (yᵢ - b)², wᵢ = 1 / (vᵢ + tau²), equals its expectation k - p; 0 when Q at tau² = 0
 * is already below k - p.
 *
 * The root is searched as metafor does (Brent's method on [0, max(100, 10 mad(y)²)] with
 * metafor's tolerance unless `rootTolerance` says otherwise), so the estimate matches
 * metafor's to rounding error even though that tolerance is loose (about 1e-4).
 *
 * Reference: Paule RC, Mandel J (1982). Consensus values and weighting factors. Journal of
 * Research of the National Bureau of Standards 87(5), 377-385.
 * https://doi.org/10.6028/jres.087.022
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param workspace scratch arrays for the data
 * @param rootTolerance absolute tolerance on tau² (transformed scale)
 * @returns tau² (transformed scale), iterations, convergence, and the upper end searched
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * pauleMandel(data, createWorkspace(data)).tau2 // 0.025195392436…
 */
export function pauleMandel(data: EffectData, workspace: Workspace, rootTolerance = METAFOR_ROOT_TOLERANCE): PauleMandelRoot {
  // the search interval comes from the spread of the studies' own effects
  if (data.multiplicity) throw new Error('the Paule-Mandel estimator needs the studies, not the cell form');
  return pauleMandelRoot((tau2) => residualMoments(data, tau2, workspace)[MOMENT.rss]!, data.k - data.groupCount, data.yi, rootTolerance);
}
