import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';
import { residualMoments } from './residual-moments.ts';
import { scoreTau2 } from './score-tau2.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

export type { Likelihood } from './score-tau2.ts';
import type { Likelihood } from './score-tau2.ts';

/**
 * Restricted (REML) or full (ML) maximum-likelihood estimate of tau² by Fisher scoring,
 * as metafor's `rma.uni()`: from a starting value, step by
 * REML: (Y'PPY - tr P) / tr(PP), ML: (Y'PPY - Σ w) / Σ w², scaled by `stepAdjustment`
 * and halved while the step would make tau² negative, until tau² changes by less than
 * `threshold`. The loop allocates nothing: sums go to the workspace.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param workspace scratch arrays for the data
 * @param likelihood `REML` or `ML`
 * @param start starting value of tau² (metafor: the HE estimate, truncated at 0)
 * @param threshold convergence threshold on the change of tau² (transformed scale)
 * @param maxIterations iteration limit
 * @param stepAdjustment factor applied to each step (metafor's `stepadj`)
 * @returns tau², iterations and whether the threshold was reached (not reached also when a step
 *   cannot be computed)
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * fisherScoring(data, createWorkspace(data), 'REML', 0.025, 1e-12, 1000, 1).tau2 // 0.025410341665…
 */
export function fisherScoring(
  data: EffectData,
  workspace: Workspace,
  likelihood: Likelihood,
  start: number,
  threshold: number,
  maxIterations: number,
  stepAdjustment: number,
): Tau2Estimate {
  return scoreTau2((tau2) => residualMoments(data, tau2, workspace, true), likelihood, start, threshold, maxIterations, stepAdjustment);
}
