import { freemanTukey } from './freeman-tukey.ts';

/**
 * Miller's inverse of the Freeman-Tukey double arcsine transform, with a sample size n
 * (for a pooled estimate: the harmonic mean of the analysis' study sizes, as metafor
 * `transf.ipft.hm` and Stata `metaprop`):
 * p = ½ {1 - sgn(cos 2t) √[1 - (sin 2t + (sin 2t - 1/sin 2t) / n)²]},
 * set to 0 below the transform of 0 events and to 1 above that of n events.
 *
 * See the caveat on {@link freemanTukey}: the result depends on n, which is why the
 * double arcsine is not recommended for new analyses.
 *
 * Reference: Miller JJ (1978). The inverse of the Freeman-Tukey double arcsine
 * transformation. The American Statistician 32(4), 138.
 * https://doi.org/10.1080/00031305.1978.10479283
 *
 * @param t a value on the transformed scale
 * @param n the sample size used for the inverse (harmonic mean for a pooled value)
 * @returns the proportion in [0, 1]
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * freemanTukeyInverse(freemanTukey(4, 10), 10) // 0.39999999999999997 (0.4 to rounding)
 */
export function freemanTukeyInverse(t: number, n: number): number {
  if (t > freemanTukey(n, n)) return 1;
  if (t < freemanTukey(0, n)) return 0;
  const sine = Math.sin(2 * t);
  const inner = sine + (sine - 1 / sine) / n;
  return 0.5 * (1 - Math.sign(Math.cos(2 * t)) * Math.sqrt(1 - inner * inner));
}
