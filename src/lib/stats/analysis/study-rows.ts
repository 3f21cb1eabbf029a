import type { StudyRow } from '../types.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { studyIntervals } from './study-intervals.ts';

/**
 * The per-study rows of an analysis: effect size and variance (transformed scale), observed
 * proportion with its study interval, and the study's weight in percent (wᵢ / Σ w).
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param prepared the prepared analysis
 * @param indices positions of the studies in the input, in the order of `weights`
 * @param weights model weights 1 / (vᵢ + tau²) of those studies
 * @returns one row per listed study
 * @throws never: input was validated by prepareAnalysis
 * @example
 * studyRows(prepared, [0, 1], fit.weights)[0].weight // percent
 */
export function studyRows(prepared: PreparedAnalysis, indices: readonly number[], weights: Float64Array): StudyRow[] {
  const intervals = studyIntervals(prepared);
  let total = 0;
  for (let j = 0; j < weights.length; j++) total += weights[j]!;
  const rows: StudyRow[] = new Array<StudyRow>(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    rows[j] = {
      study: i,
      label: prepared.labels?.[i] ?? null,
      group: prepared.groups?.[i] ?? null,
      events: prepared.events[i]!,
      n: prepared.n[i]!,
      yi: prepared.effects.yi[i]!,
      vi: prepared.effects.vi[i]!,
      proportion: prepared.events[i]! / prepared.n[i]!,
      ci_lower: intervals[2 * i]!,
      ci_upper: intervals[2 * i + 1]!,
      weight: (100 * weights[j]!) / total,
      corrected: prepared.effects.corrected[i] === 1,
    };
  }
  return rows;
}
