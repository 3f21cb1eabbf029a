/**
 * Arcsine square-root transform of a proportion, as metafor `escalc("PAS")`:
 * t = asin √p, with sampling variance 1 / (4n).
 *
 * Reference: Anscombe FJ (1948). The transformation of Poisson, binomial and
 * negative-binomial data. Biometrika 35(3/4), 246-254. https://doi.org/10.1093/biomet/35.3-4.246
 *
 * @param proportion a proportion in [0, 1]
 * @returns the transformed value (transformed scale, between 0 and π/2)
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * arcsineSquareRoot(0.25) // 0.5235987755982989 (π/6)
 */
export function arcsineSquareRoot(proportion: number): number {
  return Math.asin(Math.sqrt(proportion));
}
