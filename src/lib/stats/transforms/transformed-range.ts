import type { PftBackTransform, Transform } from '../methods.ts';
import { freemanTukey } from './freeman-tukey.ts';

/**
 * The values on the transformed scale that back-transform to proportions 0 and 1; values
 * outside are clamped by the back-transform (and reported in warnings).
 *
 * Reference: Miller JJ (1978). The inverse of the Freeman-Tukey double arcsine
 * transformation. The American Statistician 32(4), 138.
 * https://doi.org/10.1080/00031305.1978.10479283
 *
 * @param transform the transform
 * @param pftBackTransform `miller` or `sin2` (PFT only)
 * @param harmonicN harmonic mean of the study sizes (PFT with Miller)
 * @returns [lowest, highest] on the transformed scale
 * @throws never: values outside the domain give NaN or are clamped as described
 * @example
 * transformedRange('PAS', 'miller', 10) // [0, 1.5707963267948966]
 */
export function transformedRange(
  transform: Transform,
  pftBackTransform: PftBackTransform,
  harmonicN: number,
): readonly [number, number] {
  if (transform === 'PLO') return [-Infinity, Infinity];
  if (transform === 'PRAW') return [0, 1];
  if (transform === 'PFT' && pftBackTransform === 'miller') return [freemanTukey(0, harmonicN), freemanTukey(harmonicN, harmonicN)];
  return [0, Math.PI / 2];
}
