import { effectData, type EffectData } from '../models/effect-data.ts';
import { harmonicMean } from '../transforms/harmonic-mean.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { float64Array } from '../numeric/float64-array.ts';

/** The effect data of some studies, with the harmonic mean of their sizes. */
export interface SubsetData {
  readonly data: EffectData;
  readonly harmonicN: number;
  /** number of corrected studies among them */
  readonly correctedCount: number;
}

/**
 * Effect data (transformed scale) of the listed studies of a prepared analysis, in the
 * order given, optionally with a level index per study.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param prepared the prepared analysis
 * @param indices positions of the studies in the input (0-based)
 * @param levels level index of each listed study, for a model with several coefficients
 * @returns the data and the harmonic mean of the study sizes
 * @throws never: input was validated by prepareAnalysis
 * @example
 * subsetData(prepared, [0, 2]).data.k // 2
 */
export function subsetData(prepared: PreparedAnalysis, indices: readonly number[], levels?: readonly number[]): SubsetData {
  const k = indices.length;
  const { effects } = prepared;
  let identity = levels === undefined && k === prepared.n.length;
  for (let j = 0; identity && j < k; j++) identity = indices[j] === j;
  if (identity) {
    // all studies in input order: use the effect arrays as they are
    return { data: effectData(effects.yi, effects.vi), harmonicN: harmonicMean(prepared.n), correctedCount: effects.correctedCount };
  }
  const yi = float64Array(k);
  const vi = float64Array(k);
  const sizes = float64Array(k);
  let correctedCount = 0;
  for (let j = 0; j < k; j++) {
    const i = indices[j]!;
    yi[j] = effects.yi[i]!;
    vi[j] = effects.vi[i]!;
    sizes[j] = prepared.n[i]!;
    correctedCount += effects.corrected[i]!;
  }
  return { data: effectData(yi, vi, levels), harmonicN: harmonicMean(sizes), correctedCount };
}
