import type { DesignData } from './design-data.ts';

/** Scratch arrays of {@link designMoments}, reused across iterations of the tau² estimators. */
export interface DesignWorkspace {
  /** wᵢ = 1 / (vᵢ + tau²) at the last evaluation */
  readonly weights: Float64Array;
  /** X'WX, X'W²X, X'W³X (p × p row-major) */
  readonly xwx: Float64Array;
  readonly xw2x: Float64Array;
  readonly xw3x: Float64Array;
  /** (X'WX)⁻¹ at the last evaluation */
  readonly inverse: Float64Array;
  /** (X'WX)⁻¹ X'W²X, for the traces */
  readonly product: Float64Array;
  /** X'Wy, then the coefficients b = (X'WX)⁻¹ X'Wy */
  readonly xwy: Float64Array;
  readonly coefficients: Float64Array;
  /** the sums listed in MOMENT (residual-moments.ts) */
  readonly moments: Float64Array;
  /** log det X'WX at the last evaluation (for the restricted likelihood) */
  logDeterminant: number;
}

/**
 * Allocates the scratch arrays for a meta-regression dataset.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes and model matrix
 * @returns a workspace sized for the data
 * @throws never
 * @example
 * designWorkspace(designData([0.1, 0.2, 0.4], [0.01, 0.02, 0.01], [1, 0, 1, 1, 1, 2], 2)).coefficients.length // 2
 */
export function designWorkspace(data: DesignData): DesignWorkspace {
  const square = data.p * data.p;
  return {
    weights: new Float64Array(data.k),
    xwx: new Float64Array(square),
    xw2x: new Float64Array(square),
    xw3x: new Float64Array(square),
    inverse: new Float64Array(square),
    product: new Float64Array(square),
    xwy: new Float64Array(data.p),
    coefficients: new Float64Array(data.p),
    moments: new Float64Array(6),
    logDeterminant: 0,
  };
}
