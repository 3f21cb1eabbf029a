import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/** Likelihoods maximised by Fisher scoring. */
export type Likelihood = 'REML' | 'ML';

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
  const restricted = likelihood === 'REML';
  let tau2 = start;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const moments = residualMoments(data, tau2, workspace);
    let step = restricted
      ? (moments[MOMENT.ypp]! - moments[MOMENT.trP]!) / moments[MOMENT.trPP]!
      : (moments[MOMENT.ypp]! - moments[MOMENT.sumW]!) / moments[MOMENT.sumW2]!;
    step *= stepAdjustment;
    if (Number.isNaN(step)) step = 0;
    // An infinite step means the sums lost all precision (sampling variances some ten orders of
    // magnitude apart, e.g. n = 1,000,000 beside n = 6 on the raw scale): stop, and let the caller
    // fall back as for non-convergence, rather than halve an infinite step forever.
    if (!Number.isFinite(step)) return { tau2, raw: tau2, iterations: iteration, converged: false };
    // step halving keeps tau2 ≥ 0; at exactly 0 metafor halves a negative step down to -0
    if (tau2 === 0 && step < 0) step = 0;
    while (tau2 + step < 0) step /= 2;
    const previous = tau2;
    tau2 += step;
    if (Math.abs(tau2 - previous) <= threshold) {
      return { tau2, raw: tau2, iterations: iteration, converged: true };
    }
  }
  return { tau2, raw: tau2, iterations: maxIterations, converged: false };
}
