/** What a tau² estimator returns. */
export interface Tau2Estimate {
  /** the estimate, ≥ 0 */
  readonly tau2: number;
  /** the value before truncation at 0 (equal to tau2 when not truncated) */
  readonly raw: number;
  /** iterations used by iterative estimators, 0 for closed forms */
  readonly iterations: number;
  /** false when an iterative estimator hit its iteration limit */
  readonly converged: boolean;
}
