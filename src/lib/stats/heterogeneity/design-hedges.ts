import { choleskyInverse } from '../numeric/cholesky-inverse.ts';
import type { DesignData } from './design-data.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/**
 * Hedges' (HE) unweighted method-of-moments estimator of tau² for a general model matrix, as
 * metafor's `rma.uni()` with moderators: (Y'PY - tr(PV)) / (k - p) with the ordinary least
 * squares projection P = I - X (X'X)⁻¹ X' and V = diag(vᵢ), so Y'PY is the residual sum of
 * squares and tr(PV) = Σ vᵢ - tr((X'X)⁻¹ X'VX); truncated at 0. metafor also uses it as the
 * starting value of REML and ML.
 *
 * Reference: Hedges LV (1983). A random effects model for effect sizes. Psychological
 * Bulletin 93(2), 388-395. https://doi.org/10.1037/0033-2909.93.2.388
 *
 * @param data effect sizes, sampling variances and model matrix, k > p
 * @returns tau² (transformed scale) and its untruncated value (NaN when X'X is singular)
 * @throws never: the caller checks that X has full column rank
 * @example
 * designHedges(designData([0.1, 0.2, 0.4, 0.3], [0.01, 0.02, 0.01, 0.02], [1, 0, 1, 1, 1, 2, 1, 3], 2)).raw // -0.006 (metafor: tau² = 0 after truncation)
 */
export function designHedges(data: DesignData): Tau2Estimate {
  const { k, p, x, yi, vi } = data;
  const xx = new Float64Array(p * p);
  const xvx = new Float64Array(p * p);
  const xy = new Float64Array(p);
  let sumV = 0;
  for (let i = 0; i < k; i++) {
    const row = i * p;
    sumV += vi[i]!;
    for (let a = 0; a < p; a++) {
      xy[a] = xy[a]! + x[row + a]! * yi[i]!;
      for (let b = 0; b < p; b++) {
        const product = x[row + a]! * x[row + b]!;
        xx[a * p + b] = xx[a * p + b]! + product;
        xvx[a * p + b] = xvx[a * p + b]! + vi[i]! * product;
      }
    }
  }
  const solved = choleskyInverse(xx, p);
  if (solved === null) return { tau2: NaN, raw: NaN, iterations: 0, converged: false };
  const inverse = solved.inverse;
  const b = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) b[a] = b[a]! + inverse[a * p + c]! * xy[c]!;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += x[i * p + a]! * b[a]!;
    rss += (yi[i]! - fitted) ** 2;
  }
  let trace = 0;
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) trace += inverse[a * p + c]! * xvx[c * p + a]!;
  const raw = (rss - (sumV - trace)) / (k - p);
  return { tau2: Math.max(0, raw), raw, iterations: 0, converged: true };
}
