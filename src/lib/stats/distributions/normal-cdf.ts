import { regularizedGamma } from './regularized-gamma.ts';

/**
 * Standard normal distribution function Φ(z), or its upper tail 1 - Φ(z).
 *
 * Uses erfc(x) = Q(1/2, x²), so both tails keep full relative precision.
 *
 * Reference: NIST Digital Library of Mathematical Functions, 7.11.2 (erfc as an incomplete
 * gamma function), https://dlmf.nist.gov/7.11.E2 (no DOI).
 *
 * @param z a value on the standard normal scale
 * @param upper `true` for P(Z > z)
 * @returns the probability
 * @throws never: arguments outside the domain give NaN
 * @example
 * normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(z: number, upper = false): number {
  if (Number.isNaN(z)) return NaN;
  const half = 0.5 * regularizedGamma(0.5, 0.5 * z * z, true);
  const below = z < 0;
  // half is the tail beyond |z|
  if (upper) return below ? 1 - half : half;
  return below ? half : 1 - half;
}
