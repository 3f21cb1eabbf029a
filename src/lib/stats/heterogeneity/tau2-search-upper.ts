import { medianAbsoluteDeviation } from '../numeric/median-absolute-deviation.ts';

/**
 * Upper end of the interval in which metafor searches tau²: max(100, 10 · mad(y)²).
 * Root searches start from the same bracket so they take the same steps.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param yi effect sizes (transformed scale)
 * @returns the upper end of the search interval (transformed scale, a variance)
 * @throws never: the data are checked when the effects are computed
 * @example
 * tau2SearchUpper([0.1, 0.2, 0.3]) // 100
 */
export function tau2SearchUpper(yi: ArrayLike<number>): number {
  const spread = medianAbsoluteDeviation(yi);
  return Math.max(100, 10 * spread * spread);
}
