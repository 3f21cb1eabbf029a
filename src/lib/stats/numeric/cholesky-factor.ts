/**
 * Cholesky factor of a small symmetric positive-definite matrix: the lower-triangular L with
 * A = L L', by the Cholesky-Banachiewicz recurrence (row by row). Meant for the p × p
 * cross-products of a model matrix (p up to about ten), stored row-major in a Float64Array.
 *
 * Reference: Golub GH, Van Loan CF (2013). Matrix Computations, 4th ed., algorithm 4.2.1.
 * Johns Hopkins University Press. ISBN 978-1-4214-0794-4 (no DOI).
 *
 * @param a the matrix, p × p row-major (only the lower triangle is read; not modified)
 * @param p its order
 * @param out where to write L (p × p row-major, upper triangle set to 0); a new array when omitted
 * @returns L, or null when the matrix is not numerically positive definite
 * @throws never
 * @example
 * choleskyFactor(Float64Array.from([4, 2, 2, 5]), 2) // Float64Array [2, 0, 1, 2]
 */
export function choleskyFactor(a: Float64Array, p: number, out: Float64Array = new Float64Array(p * p)): Float64Array | null {
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let m = 0; m < j; m++) sum -= out[i * p + m]! * out[j * p + m]!;
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        out[i * p + i] = Math.sqrt(sum);
      } else {
        out[i * p + j] = sum / out[j * p + j]!;
      }
    }
    for (let j = i + 1; j < p; j++) out[i * p + j] = 0;
  }
  return out;
}
