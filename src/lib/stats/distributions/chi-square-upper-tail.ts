import { regularizedGamma } from './regularized-gamma.ts';

/**
 * Upper tail of the chi-square distribution, P(X > x) with `df` degrees of freedom: the
 * p-value of Cochran's Q (R's `pchisq(x, df, lower.tail = FALSE)`).
 *
 * Reference: NIST Digital Library of Mathematical Functions, 8.2.4 (Q(a, x)),
 * https://dlmf.nist.gov/8.2.E4 (no DOI; Abramowitz and Stegun 1964, 26.4.19).
 *
 * @param x the statistic, x ≥ 0
 * @param df degrees of freedom, df > 0
 * @returns the upper-tail probability; 1 when df is 0 and x is 0 (a single study)
 * @throws never: arguments outside the domain give NaN
 * @example
 * chiSquareUpperTail(3.841458820694124, 1) // 0.0500000000000… (the 95% point of chi-square(1))
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (df === 0) return x > 0 ? 0 : 1;
  return regularizedGamma(0.5 * df, 0.5 * x, true);
}
