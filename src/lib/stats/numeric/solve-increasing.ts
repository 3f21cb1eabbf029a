const MAX_ITERATIONS = 300;

/**
 * Root of an increasing function by Newton's method, safeguarded by bisection.
 *
 * Each evaluation narrows a bracket [lower, upper] by the sign of f; a Newton step that
 * leaves the bracket is replaced by bisection (or by doubling while the upper end is
 * still infinite). Used to invert distribution functions, which are monotone.
 *
 * Reference: Press WH et al. (2007). Numerical Recipes, 3rd ed., section 9.4 (rtsafe).
 * ISBN 978-0-521-88068-8 (no DOI).
 *
 * @param f an increasing function with a root in (lower, upper)
 * @param derivative f′, positive inside the bracket
 * @param start first guess
 * @param lower lower end of the bracket (f(lower) ≤ 0)
 * @param upper upper end of the bracket (f(upper) ≥ 0), may be Infinity
 * @returns x with f(x) = 0 to about machine precision
 * @throws never
 * @example
 * solveIncreasing((x) => x * x - 2, (x) => 2 * x, 1, 0, 2) // 1.4142135623730951
 */
export function solveIncreasing(
  f: (x: number) => number,
  derivative: (x: number) => number,
  start: number,
  lower: number,
  upper: number,
): number {
  let low = lower;
  let high = upper;
  let x = start > low && start < high ? start : Number.isFinite(high) ? 0.5 * (low + high) : low + 1;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const value = f(x);
    if (value === 0) return x;
    if (value > 0) high = x;
    else low = x;
    let next = x - value / derivative(x);
    if (!(next > low && next < high)) {
      next = Number.isFinite(high) ? 0.5 * (low + high) : Math.max(2 * x, low + 1);
    }
    if (Math.abs(next - x) <= 2e-16 * Math.abs(next) || high - low <= 4e-16 * Math.abs(x)) return next;
    x = next;
  }
  return x;
}
