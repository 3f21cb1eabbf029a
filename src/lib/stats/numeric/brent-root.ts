const DOUBLE_EPSILON = 2.220446049250313e-16;

/** Outcome of {@link brentRoot}. */
export interface BrentRootResult {
  /** the approximation to the root */
  readonly root: number;
  /** function evaluations after the two end points */
  readonly iterations: number;
  /** false when the iteration limit was reached first */
  readonly converged: boolean;
}

/**
 * Brent's root finder (zeroin): a bracketing method that mixes inverse quadratic
 * interpolation, the secant rule and bisection.
 *
 * It takes the same steps as R's `uniroot()` (its C routine `R_zeroin2`) for the same
 * function, bracket and tolerance. That matters because metafor solves the Paule-Mandel
 * equation with `uniroot()` at the loose default tolerance `.Machine$double.eps^0.25`, so
 * its estimates are only accurate to about 1e-5; following the same steps reproduces them
 * to rounding error.
 *
 * Reference: Brent RP (1971). An algorithm with guaranteed convergence for finding a zero
 * of a function. The Computer Journal 14(4), 422-425. https://doi.org/10.1093/comjnl/14.4.422
 *
 * @param f a continuous function with f(lower) and f(upper) of opposite signs (or zero)
 * @param lower lower end of the bracket
 * @param upper upper end of the bracket
 * @param fLower f(lower), already evaluated by the caller
 * @param fUpper f(upper), already evaluated by the caller
 * @param tolerance absolute tolerance on the root (R's `tol`)
 * @param maxIterations iteration limit (R's `maxiter`)
 * @returns the root, the number of iterations and whether it converged
 * @throws never
 * @example
 * brentRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-12, 100).root // 1.41421356237… (√2 within 1e-12)
 */
export function brentRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  fLower: number,
  fUpper: number,
  tolerance: number,
  maxIterations: number,
): BrentRootResult {
  let a = lower;
  let b = upper;
  let fa = fLower;
  let fb = fUpper;
  let c = a;
  let fc = fa;
  if (fa === 0) return { root: a, iterations: 0, converged: true };
  if (fb === 0) return { root: b, iterations: 0, converged: true };
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const previousStep = b - a;
    // keep b the best approximation so far
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const actualTolerance = 2 * DOUBLE_EPSILON * Math.abs(b) + tolerance / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= actualTolerance || fb === 0) {
      return { root: b, iterations: iteration, converged: true };
    }
    // try interpolation when the previous step was large enough and went the right way
    if (Math.abs(previousStep) >= actualTolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        // secant rule: only two distinct points
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        // inverse quadratic interpolation
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(actualTolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
        step = p / q;
      }
    }
    if (Math.abs(step) < actualTolerance) step = step > 0 ? actualTolerance : -actualTolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return { root: b, iterations: maxIterations, converged: false };
}
