import { solveIncreasing } from '../numeric/solve-increasing.ts';
import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal-quantile.ts';
import { studentTUpperTail } from './student-t-upper-tail.ts';

/**
 * Quantile of Student's t distribution with `df` degrees of freedom (R's `qt`), the
 * critical value of Hartung-Knapp intervals.
 *
 * Closed forms for 1 and 2 degrees of freedom; otherwise a Cornish-Fisher start refined by
 * safeguarded Newton steps on the upper tail.
 *
 * Reference: Hill GW (1970). Algorithm 396: Student's t-quantiles. Communications of the
 * ACM 13(10), 619-620 (expansion used for the start); the root is then exact to rounding.
 * No DOI; see https://dlmf.nist.gov/8.17 for the incomplete beta function.
 *
 * @param p a lower-tail probability in [0, 1]
 * @param df degrees of freedom, df > 0
 * @returns t with P(T ≤ t) = p
 * @throws never: arguments outside the domain give NaN
 * @example
 * studentTQuantile(0.975, 9) // 2.262157162798…
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const q = 1 - p;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * q);
  const logDensityConstant = logGamma(0.5 * (df + 1)) - logGamma(0.5 * df) - 0.5 * Math.log(df * Math.PI);
  const density = (t: number): number => Math.exp(logDensityConstant - 0.5 * (df + 1) * Math.log1p((t * t) / df));
  // Cornish-Fisher expansion around the normal quantile
  const z = normalQuantile(p);
  const z2 = z * z;
  const start = z + (z * (z2 + 1)) / (4 * df) + (z * ((5 * z2 + 16) * z2 + 3)) / (96 * df * df);
  return solveIncreasing((t) => q - studentTUpperTail(t, df), density, start, 0, Infinity);
}
