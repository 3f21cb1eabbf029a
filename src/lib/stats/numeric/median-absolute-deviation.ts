import { median } from './median.ts';

/** R's default consistency constant for the normal distribution. */
const NORMAL_CONSTANT = 1.4826;

/**
 * Median absolute deviation scaled by 1.4826, as R's `mad()`. metafor uses
 * `10 * mad(yi)^2` (at least 100) as the upper end of its tau² search interval.
 *
 * Reference: Hampel FR (1974). The influence curve and its role in robust estimation.
 * JASA 69(346), 383-393. https://doi.org/10.1080/01621459.1974.10482962
 *
 * @param values numbers on any scale
 * @returns 1.4826 × median(|x - median(x)|)
 * @throws never
 * @example
 * medianAbsoluteDeviation([1, 2, 3, 4, 100]) // 1.4826
 */
export function medianAbsoluteDeviation(values: ArrayLike<number>): number {
  const centre = median(values);
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i]! - centre);
  return NORMAL_CONSTANT * median(deviations);
}
