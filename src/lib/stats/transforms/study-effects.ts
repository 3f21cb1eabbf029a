import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { CorrectionTarget, Transform } from '../methods.ts';
import { arcsineSquareRoot } from './arcsine-square-root.ts';
import { freemanTukey } from './freeman-tukey.ts';
import { float64Array } from '../numeric/float64-array.ts';

/** Effect sizes of the studies on the transformed scale. */
export interface StudyEffects {
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  /** 1 where the continuity correction was added */
  readonly corrected: Uint8Array;
  readonly correctedCount: number;
  /** the amount added to events and non-events of corrected studies */
  readonly add: number;
}

/** Whether a study gets the correction under metafor's `to` rule. */
function correctionMask(events: readonly number[], n: readonly number[], add: number, to: CorrectionTarget): Uint8Array {
  const k = events.length;
  const mask = new Uint8Array(k);
  if (add === 0 || to === 'none') return mask;
  let anyExtreme = false;
  for (let i = 0; i < k; i++) {
    const extreme = events[i] === 0 || events[i] === n[i];
    anyExtreme ||= extreme;
    mask[i] = to === 'all' || (to === 'only0' && extreme) ? 1 : 0;
  }
  if (to === 'if0all' && anyExtreme) mask.fill(1);
  return mask;
}

/**
 * Effect sizes yᵢ and sampling variances vᵢ of each study on the transformed scale, as
 * metafor `escalc()` with `measure` PFT, PAS, PLO or PR (our PRAW) and its continuity
 * correction: `add` is added to events and non-events of the studies `to` selects
 * (default: studies with 0 or n events), so n grows by 2·add.
 * PFT: ½[asin √(x/(n+1)) + asin √((x+1)/(n+1))], 1/(4n+2); PAS: asin √p, 1/(4n);
 * PLO: log(p/(1-p)), 1/x + 1/(n-x); PRAW: p, p(1-p)/n.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param events events per study (counts)
 * @param n participants per study
 * @param transform PFT, PAS, PLO or PRAW
 * @param add continuity correction added to events and non-events (counts)
 * @param to which studies receive it
 * @returns yᵢ and vᵢ (transformed scale) and which studies were corrected
 * @throws StatsInputError when a study's variance is 0 or undefined (PLO or PRAW with 0 or n
 *   events and no correction)
 * @example
 * studyEffects([2], [10], 'PAS', 0, 'only0').yi[0] // 0.463647609000… (asin √0.2)
 */
export function studyEffects(
  events: readonly number[],
  n: readonly number[],
  transform: Transform,
  add: number,
  to: CorrectionTarget,
): StudyEffects {
  const k = events.length;
  const yi = float64Array(k);
  const vi = float64Array(k);
  const corrected = correctionMask(events, n, add, to);
  let correctedCount = 0;
  for (let i = 0; i < k; i++) {
    const extra = corrected[i] === 1 ? add : 0;
    correctedCount += corrected[i]!;
    const x = events[i]! + extra;
    const size = n[i]! + 2 * extra;
    const p = x / size;
    switch (transform) {
      case 'PFT':
        yi[i] = freemanTukey(x, size);
        vi[i] = 1 / (4 * size + 2);
        break;
      case 'PAS':
        yi[i] = arcsineSquareRoot(p);
        vi[i] = 1 / (4 * size);
        break;
      case 'PLO':
        yi[i] = Math.log(p / (1 - p));
        vi[i] = 1 / x + 1 / (size - x);
        break;
      case 'PRAW':
        yi[i] = p;
        vi[i] = (p * (1 - p)) / size;
        break;
    }
    if (!(vi[i]! > 0 && Number.isFinite(vi[i]!) && Number.isFinite(yi[i]!))) {
      throw new StatsInputError(messages.zeroVariance(i + 1, transform));
    }
  }
  return { yi, vi, corrected, correctedCount, add };
}
