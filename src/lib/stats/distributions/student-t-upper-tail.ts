import { regularizedBeta } from './regularized-beta.ts';

/**
 * Upper tail of Student's t distribution, P(T > t) with `df` degrees of freedom
 * (R's `pt(t, df, lower.tail = FALSE)`).
 *
 * Uses P(T > t) = I_{df/(df+t²)}(df/2, 1/2) / 2 for t ≥ 0.
 *
 * Reference: NIST Digital Library of Mathematical Functions, 8.17.2 (incomplete beta),
 * https://dlmf.nist.gov/8.17.E2 (no DOI; Abramowitz and Stegun 1964, 26.7.1).
 *
 * @param t the statistic
 * @param df degrees of freedom, df > 0
 * @returns the upper-tail probability
 * @throws never: arguments outside the domain give NaN
 * @example
 * studentTUpperTail(2.2621571627982049, 9) // 0.0250000000000… (the 97.5% point of t(9))
 */
export function studentTUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const t2 = t * t;
  const tail = 0.5 * regularizedBeta(df / (df + t2), 0.5 * df, 0.5, false, t2 / (df + t2));
  return t >= 0 ? tail : 1 - tail;
}
