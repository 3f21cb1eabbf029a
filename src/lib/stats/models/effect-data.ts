import { copyFloat64 } from '../numeric/copy-float64.ts';

/**
 * Effect sizes on the transformed scale, with an optional grouping. One group is the
 * intercept-only model; several groups are a cell-means design (one coefficient per level),
 * which spans the same space as metafor's `mods = ~ factor(group)` and so gives the same
 * tau², Q and tests.
 *
 * In the cell form (see analysis/variance-cells.ts) a row is a cell of studies that share one sampling
 * variance: `yi` is their mean effect, `multiplicity` their number and `withinSquares` the
 * squares of their effects about that mean. Every sum the intercept-only estimators need is a
 * sum over cells, so a refit costs O(cells) instead of O(k) per iteration.
 */
export interface EffectData {
  /** number of studies (in the cell form, more than the rows) */
  readonly k: number;
  /** effect sizes yi (in the cell form: the mean effect of each cell) */
  readonly yi: Float64Array;
  /** sampling variances vi (all > 0) */
  readonly vi: Float64Array;
  /** cell form only: the number of studies in each row; intercept-only model */
  readonly multiplicity?: Float64Array;
  /** cell form only: Σ (yᵢ - ȳ_cell)² of the studies in each row */
  readonly withinSquares?: Float64Array;
  /** level index of each study, 0 … groupCount - 1; empty when there is one group */
  readonly group: Int32Array;
  /** number of levels p (the number of fixed-effect coefficients) */
  readonly groupCount: number;
  /** unweighted mean of yi, subtracted inside sums to keep them well conditioned */
  readonly centre: number;
}

const ONE_GROUP = new Int32Array(0);

function toFloat64(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : copyFloat64(values);
}

/**
 * Builds {@link EffectData} from effect sizes and their sampling variances.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param yi effect sizes (transformed scale); a Float64Array is used as it is, not copied
 * @param vi sampling variances (transformed scale); likewise
 * @param group level index per study (0-based, every level present); omit for one group
 * @returns the data in typed arrays
 * @throws never: the data are checked when the effects are computed
 * @example
 * effectData([0.1, 0.2], [0.01, 0.02]).groupCount // 1
 */
export function effectData(yi: ArrayLike<number>, vi: ArrayLike<number>, group?: ArrayLike<number>): EffectData {
  const k = yi.length;
  let groups = ONE_GROUP;
  let groupCount = 1;
  if (group !== undefined) {
    groups = Int32Array.from(group);
    for (let i = 0; i < k; i++) if (groups[i]! + 1 > groupCount) groupCount = groups[i]! + 1;
    if (groupCount === 1) groups = ONE_GROUP;
  }
  let centre = 0;
  for (let i = 0; i < k; i++) centre += yi[i]!;
  centre /= k;
  return { k, yi: toFloat64(yi), vi: toFloat64(vi), group: groups, groupCount, centre };
}
