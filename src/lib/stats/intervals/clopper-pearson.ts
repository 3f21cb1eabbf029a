import { betaQuantile } from '../distributions/beta-quantile.ts';

/**
 * Clopper-Pearson ("exact") confidence interval of a proportion x/n, as R's
 * `binom.test(x, n)$conf.int`: lower = Beta⁻¹(α/2; x, n - x + 1) (0 when x = 0),
 * upper = Beta⁻¹(1 - α/2; x + 1, n - x) (1 when x = n).
 *
 * Reference: Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits
 * illustrated in the case of the binomial. Biometrika 26(4), 404-413.
 * https://doi.org/10.1093/biomet/26.4.404
 *
 * @param events events x (count), 0 ≤ x ≤ n
 * @param n participants n (count ≥ 1)
 * @param level confidence level in (0, 1)
 * @returns [lower, upper] on the proportion scale
 * @throws never: the counts are checked by the caller (validateInput)
 * @example
 * clopperPearson(3, 10, 0.95) // [0.066739511177…, 0.652452850059…]
 */
export function clopperPearson(events: number, n: number, level: number): [number, number] {
  const alpha = 1 - level;
  const lower = events === 0 ? 0 : betaQuantile(alpha / 2, events, n - events + 1);
  const upper = events === n ? 1 : betaQuantile(1 - alpha / 2, events + 1, n - events);
  return [lower, upper];
}
