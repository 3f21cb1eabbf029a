import { logGamma } from './log-gamma.ts';
import { regularizedBeta } from './regularized-beta.ts';

const MAX_ITERATIONS = 100;

/** First guess for the beta quantile (Numerical Recipes' invbetai, after Abramowitz and Stegun 26.5.22). */
function startingValue(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const tail = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(tail));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  const t = Math.exp(a * Math.log(a / (a + b))) / a;
  const u = Math.exp(b * Math.log(b / (a + b))) / b;
  const w = t + u;
  return p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/**
 * Quantile of the beta distribution (R's `qbeta(p, a, b)`): the x with I_x(a, b) = p.
 * Used for Clopper-Pearson study intervals.
 *
 * Halley's method from the Abramowitz-Stegun starting value, kept inside a bisection
 * bracket so that it always converges.
 *
 * Reference: Press WH et al. (2007). Numerical Recipes, 3rd ed., section 6.14 (invbetai).
 * ISBN 978-0-521-88068-8 (no DOI). Starting value: Abramowitz M, Stegun IA (1964),
 * Handbook of Mathematical Functions, 26.5.22.
 *
 * @param p a probability in [0, 1]
 * @param a first shape, a > 0
 * @param b second shape, b > 0
 * @returns the quantile in [0, 1]
 * @throws never: arguments outside the domain give NaN
 * @example
 * betaQuantile(0.025, 3, 8) // 0.066739511177… (lower Clopper-Pearson bound of 3/10)
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1) || !(a > 0) || !(b > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  let x = startingValue(p, a, b);
  if (!(x > 0 && x < 1)) x = 0.5;
  let low = 0;
  let high = 1;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // log x once for both the probability and the density
    const logX = Math.log(x);
    const error = regularizedBeta(x, a, b, false, 1 - x, logBeta, logX) - p;
    if (error === 0) return x;
    if (error > 0) high = x;
    else low = x;
    const density = Math.exp((a - 1) * logX + (b - 1) * Math.log1p(-x) - logBeta);
    const u = error / density;
    const step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - (b - 1) / (1 - x))));
    let next = x - step;
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    // Halley converges cubically: once a step is below 1e-8 the next error is below 1e-20
    if (Math.abs(next - x) <= 1e-8 * next) return next;
    x = next;
  }
  return x;
}
