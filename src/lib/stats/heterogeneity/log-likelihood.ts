import type { EffectData } from '../models/effect-data.ts';
import type { Likelihood } from './fisher-scoring.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * Log-likelihood (ML) or restricted log-likelihood (REML) of the random-effects model at a
 * given tau², up to the same constants as metafor (the REML determinant term is that of the
 * cell-means design; it differs from metafor's dummy coding by a constant, which cancels in
 * the comparisons this is used for).
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param workspace scratch arrays for the data
 * @param likelihood `REML` or `ML`
 * @param tau2 between-study variance (transformed scale), ≥ 0
 * @returns the log-likelihood
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5], [0.01, 0.02]);
 * logLikelihood(data, createWorkspace(data), 'ML', 0) // -0.245947137367…
 */
export function logLikelihood(data: EffectData, workspace: Workspace, likelihood: Likelihood, tau2: number): number {
  const moments = residualMoments(data, tau2, workspace);
  let logVariances = 0;
  if (data.multiplicity) {
    for (let c = 0; c < data.vi.length; c++) logVariances += data.multiplicity[c]! * Math.log(data.vi[c]! + tau2);
  } else {
    for (let i = 0; i < data.k; i++) logVariances += Math.log(data.vi[i]! + tau2);
  }
  if (likelihood === 'ML') return -0.5 * data.k * LOG_TWO_PI - 0.5 * logVariances - 0.5 * moments[MOMENT.rss]!;
  let logDeterminant = 0;
  for (let g = 0; g < data.groupCount; g++) logDeterminant += Math.log(workspace.levelSums[4 * g]!);
  return (
    -0.5 * (data.k - data.groupCount) * LOG_TWO_PI -
    0.5 * logVariances -
    0.5 * logDeterminant -
    0.5 * moments[MOMENT.rss]!
  );
}
