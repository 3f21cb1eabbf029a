/**
 * Harmonic mean k / Σ (1 / nᵢ), the sample size metafor `transf.ipft.hm` uses to
 * back-transform a pooled Freeman-Tukey value.
 *
 * Reference: Miller JJ (1978). The inverse of the Freeman-Tukey double arcsine
 * transformation. The American Statistician 32(4), 138.
 * https://doi.org/10.1080/00031305.1978.10479283
 *
 * @param values positive numbers (study sizes)
 * @returns the harmonic mean
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * harmonicMean([11, 17, 21, 6]) // 10.988457502623…
 */
export function harmonicMean(values: ArrayLike<number>): number {
  let reciprocalSum = 0;
  for (let i = 0; i < values.length; i++) reciprocalSum += 1 / values[i]!;
  return values.length / reciprocalSum;
}
