const HALF_LOG_TWO_PI = 0.9189385332046728;

/** log Γ of whole numbers below this is kept once computed (exact intervals ask for the same few often). */
const CACHED_BELOW = 1 << 14;
let cache: Float64Array | undefined;

/**
 * Natural logarithm of the gamma function, log Γ(x), for x > 0.
 *
 * Shifts x up to at least 10 with Γ(x + 1) = x Γ(x), then sums Stirling's series to the
 * term in x⁻¹³ (Bernoulli numbers B₂ … B₁₄), which leaves a truncation error below 1e-16.
 *
 * Reference: NIST Digital Library of Mathematical Functions, 5.11.1 (Stirling's series),
 * https://dlmf.nist.gov/5.11.E1 (no DOI; Abramowitz and Stegun 1964, 6.1.40).
 *
 * @param x a positive real number
 * @returns log Γ(x); `Infinity` at 0 and `NaN` below 0 (not needed by the engine)
 * @throws never: arguments outside the domain give NaN
 * @example
 * logGamma(5) // 3.17805383034794 (log 24)
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x < CACHED_BELOW && Number.isInteger(x)) {
    cache ??= new Float64Array(CACHED_BELOW).fill(NaN);
    const known = cache[x]!;
    return known === known ? known : (cache[x] = stirling(x));
  }
  return stirling(x);
}

/** log Γ(x) for x > 0 by Stirling's series (see logGamma). */
function stirling(x: number): number {
  let z = x;
  let product = 1;
  while (z < 10) {
    product *= z;
    z += 1;
  }
  const inverse = 1 / z;
  const inverse2 = inverse * inverse;
  // Stirling's series: sum of B_2j / (2j (2j - 1) z^(2j - 1)), j = 1..7
  const series =
    inverse *
    (1 / 12 +
      inverse2 *
        (-1 / 360 +
          inverse2 *
            (1 / 1260 +
              inverse2 * (-1 / 1680 + inverse2 * (1 / 1188 + inverse2 * (-691 / 360360 + inverse2 / 156))))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - Math.log(product);
}
