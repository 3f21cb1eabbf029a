import { solveIncreasing } from '../numeric/solve-increasing.ts';
import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal-quantile.ts';
import { regularizedGamma } from './regularized-gamma.ts';

/**
 * Quantile of the chi-square distribution with `df` degrees of freedom (R's `qchisq`),
 * used for the Q-profile confidence interval of tau².
 *
 * Starts from the Wilson-Hilferty approximation and solves P(df/2, x/2) = p by safeguarded
 * Newton steps; the upper half works on the upper tail to keep precision near p = 1.
 *
 * Reference: Wilson EB, Hilferty MM (1931). The distribution of chi-square. PNAS 17(12),
 * 684-688. https://doi.org/10.1073/pnas.17.12.684
 *
 * @param p a lower-tail probability in [0, 1]
 * @param df degrees of freedom, df > 0
 * @returns x with P(X ≤ x) = p
 * @throws never: arguments outside the domain give NaN
 * @example
 * chiSquareQuantile(0.975, 9) // 19.022767798641…
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const a = 0.5 * df;
  const logNormaliser = logGamma(a) + a * Math.LN2;
  const density = (x: number): number => Math.exp((a - 1) * Math.log(x) - 0.5 * x - logNormaliser);
  const upperTail = 1 - p;
  const f =
    p <= 0.5
      ? (x: number): number => regularizedGamma(a, 0.5 * x, false) - p
      : (x: number): number => upperTail - regularizedGamma(a, 0.5 * x, true);
  const z = normalQuantile(p);
  const c = 2 / (9 * df);
  let start = df * (1 - c + z * Math.sqrt(c)) ** 3;
  if (!(start > 0)) start = 2 * Math.exp((Math.log(p) + logGamma(a + 1)) / a);
  return solveIncreasing(f, density, start, 0, Infinity);
}
