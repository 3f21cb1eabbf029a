import { choleskyInverse } from '../numeric/cholesky-inverse.ts';
import type { DesignData } from './design-data.ts';
import type { DesignWorkspace } from './design-workspace.ts';
import { MOMENT } from './residual-moments.ts';

/**
 * The sums of the first pass of designMoments for any number of columns: the weights, Σ w,
 * Σ w², and the lower triangles of X'WX, X'W²X, X'W³X with X'Wy, in the workspace's arrays.
 */
function designSums(data: DesignData, tau2: number, workspace: DesignWorkspace): { sumW: number; sumW2: number } {
  const { k, p, x, yi, vi } = data;
  const { weights, xwx, xw2x, xw3x, xwy } = workspace;
  xwx.fill(0);
  xw2x.fill(0);
  xw3x.fill(0);
  xwy.fill(0);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    weights[i] = w;
    const w2 = w * w;
    const w3 = w2 * w;
    sumW += w;
    sumW2 += w2;
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a]!;
      xwy[a] = xwy[a]! + w * xa * yi[i]!;
      for (let b = 0; b <= a; b++) {
        const product = xa * x[row + b]!;
        xwx[a * p + b] = xwx[a * p + b]! + w * product;
        xw2x[a * p + b] = xw2x[a * p + b]! + w2 * product;
        xw3x[a * p + b] = xw3x[a * p + b]! + w3 * product;
      }
    }
  }
  return { sumW, sumW2 };
}

/**
 * designSums for a design of two columns, with the sums kept in locals rather than in the
 * workspace's arrays: each sum takes the same terms in the same order, so every value is the
 * same to the bit.
 */
function twoColumnSums(data: DesignData, tau2: number, workspace: DesignWorkspace): { sumW: number; sumW2: number } {
  const { k, x, yi, vi } = data;
  const { weights, xwx, xw2x, xw3x, xwy } = workspace;
  let sumW = 0;
  let sumW2 = 0;
  let y0 = 0;
  let y1 = 0;
  let a00 = 0;
  let a10 = 0;
  let a11 = 0;
  let b00 = 0;
  let b10 = 0;
  let b11 = 0;
  let c00 = 0;
  let c10 = 0;
  let c11 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    weights[i] = w;
    const w2 = w * w;
    const w3 = w2 * w;
    sumW += w;
    sumW2 += w2;
    const x0 = x[2 * i]!;
    const x1 = x[2 * i + 1]!;
    y0 += w * x0 * yi[i]!;
    y1 += w * x1 * yi[i]!;
    const p00 = x0 * x0;
    const p10 = x1 * x0;
    const p11 = x1 * x1;
    a00 += w * p00;
    a10 += w * p10;
    a11 += w * p11;
    b00 += w2 * p00;
    b10 += w2 * p10;
    b11 += w2 * p11;
    c00 += w3 * p00;
    c10 += w3 * p10;
    c11 += w3 * p11;
  }
  xwy[0] = y0;
  xwy[1] = y1;
  xwx[0] = a00;
  xwx[2] = a10;
  xwx[3] = a11;
  xw2x[0] = b00;
  xw2x[2] = b10;
  xw2x[3] = b11;
  xw3x[0] = c00;
  xw3x[2] = c10;
  xw3x[3] = c11;
  return { sumW, sumW2 };
}

/** Σ_{a,b} M[a][b] N[b][a] = tr(M N) of two p × p row-major matrices. */
function traceOfProduct(m: Float64Array, n: Float64Array, p: number): number {
  let trace = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) trace += m[a * p + b]! * n[b * p + a]!;
  return trace;
}

/**
 * The quadratic forms and traces of P = W - W X (X'WX)⁻¹ X'W that the tau² estimators need,
 * for W = diag(1 / (vᵢ + tau²)) and a general model matrix X, without forming the k × k P:
 * with A = X'WX, B = X'W²X, C = X'W³X, b = A⁻¹ X'Wy and e = y - Xb,
 * Y'PY = Σ wᵢ eᵢ², Y'PPY = Σ (wᵢ eᵢ)² (PY = We), tr P = Σ wᵢ - tr(A⁻¹B) and
 * tr PP = Σ wᵢ² - 2 tr(A⁻¹C) + tr(A⁻¹B A⁻¹B). O(k p²) per evaluation.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes (transformed scale) and model matrix
 * @param tau2 between-study variance (transformed scale), ≥ 0
 * @param workspace scratch arrays from {@link designWorkspace}; coefficients, (X'WX)⁻¹ and
 *   log det X'WX are left in it
 * @returns `workspace.moments`, indexed by MOMENT (all NaN when X'WX is not positive definite)
 * @throws never
 * @example
 * const data = designData([0.1, 0.2, 0.4], [0.01, 0.02, 0.01], [1, 0, 1, 1, 1, 2], 2);
 * designMoments(data, 0, designWorkspace(data))[MOMENT.rss] // 0.1000000000000…
 */
export function designMoments(data: DesignData, tau2: number, workspace: DesignWorkspace): Float64Array {
  const { k, p, x, yi } = data;
  const { weights, xwx, xw2x, xw3x, inverse, product: ab, xwy, coefficients, moments } = workspace;
  // one moderator (or trim and fill's test of the side): the same sums in locals
  const { sumW, sumW2 } = p === 2 ? twoColumnSums(data, tau2, workspace) : designSums(data, tau2, workspace);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) {
      xwx[b * p + a] = xwx[a * p + b]!;
      xw2x[b * p + a] = xw2x[a * p + b]!;
      xw3x[b * p + a] = xw3x[a * p + b]!;
    }
  }
  const solved = choleskyInverse(xwx, p, inverse);
  if (solved === null) {
    moments.fill(NaN);
    return moments;
  }
  workspace.logDeterminant = solved.logDeterminant;
  for (let a = 0; a < p; a++) {
    let sum = 0;
    for (let b = 0; b < p; b++) sum += inverse[a * p + b]! * xwy[b]!;
    coefficients[a] = sum;
  }
  let rss = 0;
  let ypp = 0;
  for (let i = 0; i < k; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += x[i * p + a]! * coefficients[a]!;
    const residual = yi[i]! - fitted;
    const weighted = weights[i]! * residual;
    rss += weighted * residual;
    ypp += weighted * weighted;
  }
  // A⁻¹B, for tr(A⁻¹B) and tr(A⁻¹B A⁻¹B)
  let trAB = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let m = 0; m < p; m++) sum += inverse[a * p + m]! * xw2x[m * p + b]!;
      ab[a * p + b] = sum;
    }
    trAB += ab[a * p + a]!;
  }
  const trABAB = traceOfProduct(ab, ab, p);
  moments[MOMENT.rss] = rss;
  moments[MOMENT.ypp] = ypp;
  moments[MOMENT.trP] = sumW - trAB;
  moments[MOMENT.trPP] = sumW2 - 2 * traceOfProduct(inverse, xw3x, p) + trABAB;
  moments[MOMENT.sumW] = sumW;
  moments[MOMENT.sumW2] = sumW2;
  return moments;
}
