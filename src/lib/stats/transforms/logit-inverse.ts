/**
 * Inverse logit (the logistic function), p = 1 / (1 + e⁻ᵗ), as metafor `transf.ilogit`.
 *
 * Reference: Sweeting MJ, Sutton AJ, Lambert PC (2004). What to add to nothing? Statistics
 * in Medicine 23(9), 1351-1375. https://doi.org/10.1002/sim.1761
 *
 * @param t a log-odds (transformed scale)
 * @returns the proportion in (0, 1)
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * logitInverse(0) // 0.5
 */
export function logitInverse(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const odds = Math.exp(t);
  return odds / (1 + odds);
}
