import { brentRoot } from '../numeric/brent-root.ts';
import { tau2SearchUpper } from './tau2-search-upper.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

const MAX_ITERATIONS = 1000;

/** Where the Paule-Mandel search ended: the estimate, and the upper end of the interval searched. */
export type PauleMandelRoot = Tau2Estimate & { readonly upper: number; readonly extended: boolean };

/**
 * The root of the Paule-Mandel equation Q(tau²) = k - p on any model whose generalised Q at a
 * tau² can be computed (the cell means of paule-mandel.ts, the general model matrix of
 * design-tau2.ts): 0 when Q(0) is already below k - p; otherwise Brent's method on metafor's
 * interval [0, max(100, 10 mad(y)²)], widened tenfold at a time while Q at its end is still
 * above k - p (where metafor stops with "tau2.max too low").
 *
 * Reference: Paule RC, Mandel J (1982). Consensus values and weighting factors. Journal of
 * Research of the National Bureau of Standards 87(5), 377-385.
 * https://doi.org/10.6028/jres.087.022
 *
 * @param qAt the generalised Q statistic Σ wᵢ rᵢ² at a tau²
 * @param target its expectation k - p
 * @param yi the effect sizes (for the search interval)
 * @param tolerance absolute tolerance on tau²
 * @returns tau², iterations, convergence, the upper end searched and whether it was widened
 * @throws never
 * @example
 * pauleMandelRoot((tau2) => residualMoments(data, tau2, workspace)[MOMENT.rss]!, data.k - 1, data.yi, 1e-4).tau2
 */
export function pauleMandelRoot(qAt: (tau2: number) => number, target: number, yi: ArrayLike<number>, tolerance: number): PauleMandelRoot {
  const excess = (tau2: number): number => qAt(tau2) - target;
  let upper = tau2SearchUpper(yi);
  const atZero = excess(0);
  if (atZero < 0) return { tau2: 0, raw: 0, iterations: 0, converged: true, upper, extended: false };
  let atUpper = excess(upper);
  let extended = false;
  while (atUpper > 0 && upper < 1e12) {
    // metafor stops here ("tau2.max too low"); Q falls towards 0, so a longer interval holds the root
    upper *= 10;
    atUpper = excess(upper);
    extended = true;
  }
  const result = brentRoot(excess, 0, upper, atZero, atUpper, tolerance, MAX_ITERATIONS);
  return { tau2: result.root, raw: result.root, iterations: result.iterations, converged: result.converged, upper, extended };
}
