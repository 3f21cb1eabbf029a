import { logGamma } from './log-gamma.ts';

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10000;

/** Continued fraction of the incomplete beta function (modified Lentz), for x < (a+1)/(a+b+2). */
function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // even step
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b), or its complement 1 - I_x(a, b)
 * computed directly (so that small upper tails keep their relative precision).
 *
 * Reference: Press WH et al. (2007). Numerical Recipes, 3rd ed., section 6.4;
 * continued fraction evaluated by the modified Lentz method,
 * https://doi.org/10.1364/AO.15.000668
 *
 * @param x argument in [0, 1]
 * @param a first shape, a > 0
 * @param b second shape, b > 0
 * @param upper `true` for 1 - I_x(a, b)
 * @param y 1 - x, when the caller knows it more precisely than `1 - x`
 * @param logBeta log B(a, b), when the caller has it already (quantile searches)
 * @param logX log x, when the caller has it already
 * @returns the probability in [0, 1]
 * @throws never: arguments outside the domain give NaN
 * @example
 * regularizedBeta(0.5, 2, 2) // 0.5000000000000012 (0.5 to rounding)
 */
export function regularizedBeta(
  x: number,
  a: number,
  b: number,
  upper = false,
  y = 1 - x,
  logBeta = logGamma(a) + logGamma(b) - logGamma(a + b),
  logX = Math.log(x),
): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return upper ? 1 : 0;
  if (y <= 0) return upper ? 0 : 1;
  const logFront = a * logX + b * Math.log(y) - logBeta;
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
    return upper ? 1 - lower : lower;
  }
  const complement = (Math.exp(logFront) * continuedFraction(y, b, a)) / b;
  return upper ? complement : 1 - complement;
}
