import { MOMENT } from './residual-moments.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/** Likelihoods maximised by Fisher scoring. */
export type Likelihood = 'REML' | 'ML';

/**
 * The Fisher scoring loop of REML and ML, on any model whose residual moments at a tau² can be
 * computed (the cell means of fisher-scoring.ts, the general model matrix of design-tau2.ts):
 * from `start`, step by REML: (Y'PPY - tr P) / tr(PP), ML: (Y'PPY - Σ w) / Σ w², scaled by
 * `stepAdjustment` and halved while the step would make tau² negative, until tau² changes by
 * less than `threshold`, as metafor's `rma.uni()`.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param momentsAt the residual moments (MOMENT layout) at a tau²; may reuse one array
 * @param likelihood `REML` or `ML`
 * @param start starting value of tau²
 * @param threshold convergence threshold on the change of tau²
 * @param maxIterations iteration limit
 * @param stepAdjustment factor applied to each step (metafor's `stepadj`)
 * @returns tau², iterations and whether the threshold was reached (not reached also when a step
 *   cannot be computed)
 * @throws never
 * @example
 * scoreTau2((tau2) => residualMoments(data, tau2, workspace), 'REML', 0.025, 1e-12, 1000, 1).tau2
 */
export function scoreTau2(
  momentsAt: (tau2: number) => ArrayLike<number>,
  likelihood: Likelihood,
  start: number,
  threshold: number,
  maxIterations: number,
  stepAdjustment: number,
): Tau2Estimate {
  const restricted = likelihood === 'REML';
  let tau2 = start;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const moments = momentsAt(tau2);
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
