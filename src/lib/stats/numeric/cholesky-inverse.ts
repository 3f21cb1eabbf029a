import { choleskyFactor } from './cholesky-factor.ts';

/**
 * Inverse of a small symmetric positive-definite matrix from its Cholesky factor (R's
 * `chol2inv(chol(a))`): A⁻¹ = L'⁻¹ L⁻¹, with L⁻¹ by forward substitution. Also gives
 * log det A = 2 Σ log Lᵢᵢ, which the restricted likelihood needs.
 *
 * Reference: Golub GH, Van Loan CF (2013). Matrix Computations, 4th ed., section 4.2.
 * Johns Hopkins University Press. ISBN 978-1-4214-0794-4 (no DOI).
 *
 * @param a the matrix, p × p row-major (not modified)
 * @param p its order
 * @param out where to write A⁻¹ (p × p row-major); a new array when omitted
 * @returns the inverse and log det A, or null when A is not numerically positive definite
 * @throws never
 * @example
 * choleskyInverse(Float64Array.from([4, 2, 2, 5]), 2)?.inverse // Float64Array [0.3125, -0.125, -0.125, 0.25]
 */
export function choleskyInverse(
  a: Float64Array,
  p: number,
  out: Float64Array = new Float64Array(p * p),
): { readonly inverse: Float64Array; readonly logDeterminant: number } | null {
  const factor = choleskyFactor(a, p);
  if (factor === null) return null;
  let logDeterminant = 0;
  for (let i = 0; i < p; i++) logDeterminant += 2 * Math.log(factor[i * p + i]!);
  // L⁻¹ (lower triangular), overwriting the factor column by column from the right
  const lowerInverse = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    lowerInverse[j * p + j] = 1 / factor[j * p + j]!;
    for (let i = j + 1; i < p; i++) {
      let sum = 0;
      for (let m = j; m < i; m++) sum -= factor[i * p + m]! * lowerInverse[m * p + j]!;
      lowerInverse[i * p + j] = sum / factor[i * p + i]!;
    }
  }
  // A⁻¹ = (L⁻¹)' L⁻¹, symmetric
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let m = i; m < p; m++) sum += lowerInverse[m * p + i]! * lowerInverse[m * p + j]!;
      out[i * p + j] = sum;
      out[j * p + i] = sum;
    }
  }
  return { inverse: out, logDeterminant };
}
