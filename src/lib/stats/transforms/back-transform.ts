import type { PftBackTransform, Transform } from '../methods.ts';
import { arcsineSquareRootInverse } from './arcsine-square-root-inverse.ts';
import { freemanTukeyInverse } from './freeman-tukey-inverse.ts';
import { logitInverse } from './logit-inverse.ts';

/**
 * Back-transforms a pooled value from the transformed scale to a proportion: PFT by
 * Miller's inverse with the harmonic mean n (metafor `transf.ipft.hm`) or plain sin²,
 * PAS by sin² (`transf.iarcsin`), PLO by the inverse logit (`transf.ilogit`), PRAW unchanged.
 *
 * Reference: Miller JJ (1978). The inverse of the Freeman-Tukey double arcsine
 * transformation. The American Statistician 32(4), 138.
 * https://doi.org/10.1080/00031305.1978.10479283
 *
 * @param value a value on the transformed scale
 * @param transform the transform it is on
 * @param pftBackTransform `miller` or `sin2` (PFT only)
 * @param harmonicN harmonic mean of the analysis' study sizes (PFT with Miller)
 * @returns the proportion (PRAW values are not clamped to [0, 1])
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * backTransform(0, 'PLO', 'miller', 1) // 0.5
 */
export function backTransform(
  value: number,
  transform: Transform,
  pftBackTransform: PftBackTransform,
  harmonicN: number,
): number {
  switch (transform) {
    case 'PFT':
      return pftBackTransform === 'miller' ? freemanTukeyInverse(value, harmonicN) : arcsineSquareRootInverse(value);
    case 'PAS':
      return arcsineSquareRootInverse(value);
    case 'PLO':
      return logitInverse(value);
    case 'PRAW':
      return value;
  }
}
