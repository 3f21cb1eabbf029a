/**
 * Median of a list of numbers (the mean of the two middle values for an even count),
 * as R's `median()`.
 *
 * Reference: Hyndman RJ, Fan Y (1996). Sample quantiles in statistical packages.
 * The American Statistician 50(4), 361-365. https://doi.org/10.1080/00031305.1996.10473566
 *
 * @param values numbers on any scale (not modified)
 * @returns the median; NaN for an empty list
 * @throws never
 * @example
 * median([3, 1, 4, 1]) // 2
 */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  if (count === 0) return NaN;
  const half = count >> 1;
  return count % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
