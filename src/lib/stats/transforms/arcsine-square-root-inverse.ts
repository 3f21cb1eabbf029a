/**
 * Inverse of the arcsine square-root transform, p = sin² t, set to 0 below t = 0 and to 1
 * above t = π/2 (metafor `transf.iarcsin`).
 *
 * Reference: Anscombe FJ (1948). The transformation of Poisson, binomial and
 * negative-binomial data. Biometrika 35(3/4), 246-254. https://doi.org/10.1093/biomet/35.3-4.246
 *
 * @param t a value on the transformed scale
 * @returns the proportion in [0, 1]
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * arcsineSquareRootInverse(Math.PI / 6) // 0.24999999999999994 (0.25 to rounding)
 */
export function arcsineSquareRootInverse(t: number): number {
  if (t < 0) return 0;
  if (t > Math.PI / 2) return 1;
  const sine = Math.sin(t);
  return sine * sine;
}
