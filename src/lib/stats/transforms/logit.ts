/**
 * Logit transform of a proportion, as metafor `escalc("PLO")`: log(p / (1 - p)), with
 * sampling variance 1/x + 1/(n - x).
 *
 * Reference: Sweeting MJ, Sutton AJ, Lambert PC (2004). What to add to nothing? Use and
 * avoidance of continuity corrections in meta-analysis of sparse data. Statistics in
 * Medicine 23(9), 1351-1375. https://doi.org/10.1002/sim.1761
 *
 * @param proportion a proportion in (0, 1)
 * @returns the log-odds (transformed scale)
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * logit(0.25) // -1.0986122886681098 (log 1/3)
 */
export function logit(proportion: number): number {
  return Math.log(proportion / (1 - proportion));
}
