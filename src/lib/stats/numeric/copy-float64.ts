import { float64Array } from './float64-array.ts';

/**
 * A copy of some values in an array from {@link float64Array}, as `Float64Array.from(values)`
 * or `array.slice()`.
 *
 * @param values the values to copy
 * @returns a new array holding them
 * @throws never
 * @example
 * copyFloat64([1, 2, 3])[2] // 3
 */
export function copyFloat64(values: ArrayLike<number>): Float64Array {
  const copy = float64Array(values.length);
  for (let i = 0; i < values.length; i++) copy[i] = values[i]!;
  return copy;
}
