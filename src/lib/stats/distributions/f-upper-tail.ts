import { regularizedBeta } from './regularized-beta.ts';

/**
 * Upper tail of the F distribution, P(F > f) with (df1, df2) degrees of freedom (R's
 * `pf(f, df1, df2, lower.tail = FALSE)`): the p-value of a Hartung-Knapp moderator test.
 *
 * Uses P(F > f) = I_{df2/(df2 + df1 f)}(df2/2, df1/2).
 *
 * Reference: NIST Digital Library of Mathematical Functions, 8.17.2 (incomplete beta),
 * https://dlmf.nist.gov/8.17.E2 (no DOI; Abramowitz and Stegun 1964, 26.6.2).
 *
 * @param f the statistic, f ≥ 0
 * @param df1 numerator degrees of freedom
 * @param df2 denominator degrees of freedom
 * @returns the upper-tail probability
 * @throws never: arguments outside the domain give NaN
 * @example
 * fUpperTail(4.964602743730711, 1, 10) // 0.049999999999999 (0.05: the 95% point of F(1, 10))
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  const denominator = df2 + df1 * f;
  return regularizedBeta(df2 / denominator, 0.5 * df2, 0.5 * df1, false, (df1 * f) / denominator);
}
