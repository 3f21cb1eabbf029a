import { criticalValue } from '../distributions/critical-value.ts';

/**
 * Wilson score confidence interval of a proportion x/n (without continuity correction),
 * as R's `prop.test(x, n, correct = FALSE)$conf.int`:
 * (p̂ + z²/2n ± z √(p̂(1 - p̂)/n + z²/4n²)) / (1 + z²/n).
 *
 * Reference: Wilson EB (1927). Probable inference, the law of succession, and statistical
 * inference. Journal of the American Statistical Association 22(158), 209-212.
 * https://doi.org/10.1080/01621459.1927.10502953
 *
 * @param events events x (count), 0 ≤ x ≤ n
 * @param n participants n (count ≥ 1)
 * @param level confidence level in (0, 1)
 * @returns [lower, upper] on the proportion scale
 * @throws never: the counts are checked by the caller (validateInput)
 * @example
 * wilson(3, 10, 0.95) // [0.107791267406…, 0.603221852538…]
 */
export function wilson(events: number, n: number, level: number): [number, number] {
  const z = criticalValue(level, null);
  const p = events / n;
  const z2n = (z * z) / (2 * n);
  const centre = p + z2n;
  const half = z * Math.sqrt((p * (1 - p)) / n + z2n / (2 * n));
  const denominator = 1 + 2 * z2n;
  return [Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator)];
}
