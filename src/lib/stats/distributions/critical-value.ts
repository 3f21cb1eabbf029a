import { normalQuantile } from './normal-quantile.ts';
import { studentTQuantile } from './student-t-quantile.ts';

const cache = new Map<number, Map<number, number>>();

/**
 * Two-sided critical value of a confidence interval: the normal quantile (df = null) or the
 * t quantile with df degrees of freedom at 1 - (1 - level) / 2. Values are remembered, since
 * every analysis asks for the same few.
 *
 * Reference: Hartung J, Knapp G (2001). On tests of the overall treatment effect in
 * meta-analysis with normally distributed responses. Statistics in Medicine 20(12),
 * 1771-1782. https://doi.org/10.1002/sim.791
 *
 * @param level confidence level in (0, 1)
 * @param df degrees of freedom of the t distribution, or null for the normal
 * @returns the critical value
 * @throws never: arguments outside the domain give NaN
 * @example
 * criticalValue(0.95, null) // 1.959963984540…
 */
export function criticalValue(level: number, df: number | null): number {
  let byDf = cache.get(level);
  if (byDf === undefined) {
    byDf = new Map();
    cache.set(level, byDf);
  }
  const key = df ?? -1;
  let value = byDf.get(key);
  if (value === undefined) {
    // upper (1 - level) / 2 quantile, as R's qnorm(alpha / 2, lower.tail = FALSE)
    const tail = (1 - level) / 2;
    value = -(df === null ? normalQuantile(tail) : studentTQuantile(tail, df));
    byDf.set(key, value);
  }
  return value;
}
