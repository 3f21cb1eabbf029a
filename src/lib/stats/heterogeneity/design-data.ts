/**
 * Effect sizes with a general model matrix X (an intercept and moderators), the data of a
 * meta-regression. The cell-means designs of {@link EffectData} are a special case; this form
 * takes any X of full column rank.
 */
export interface DesignData {
  /** number of studies */
  readonly k: number;
  /** number of columns of X (coefficients) */
  readonly p: number;
  /** the model matrix, k × p row-major */
  readonly x: Float64Array;
  /** effect sizes (transformed scale) */
  readonly yi: Float64Array;
  /** sampling variances (transformed scale, all > 0) */
  readonly vi: Float64Array;
}

/**
 * Builds {@link DesignData} from effect sizes, sampling variances and a model matrix.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param yi effect sizes (transformed scale)
 * @param vi sampling variances (transformed scale)
 * @param x the model matrix, k × p row-major (used as it is when a Float64Array)
 * @param p number of columns
 * @returns the data in typed arrays
 * @throws never: the caller checks that X has full column rank and k > p
 * @example
 * designData([0.1, 0.2, 0.4], [0.01, 0.02, 0.01], [1, 0, 1, 1, 1, 2], 2).k // 3
 */
export function designData(yi: ArrayLike<number>, vi: ArrayLike<number>, x: ArrayLike<number>, p: number): DesignData {
  return {
    k: yi.length,
    p,
    x: x instanceof Float64Array ? x : Float64Array.from(x),
    yi: yi instanceof Float64Array ? yi : Float64Array.from(yi),
    vi: vi instanceof Float64Array ? vi : Float64Array.from(vi),
  };
}
