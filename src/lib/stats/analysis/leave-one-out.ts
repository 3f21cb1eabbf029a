import type { MetaProportionsInput } from '../types.ts';
import { prepareAnalysis } from './prepare-analysis.ts';
import { refitRow, type RefitRow } from './sequential-fit.ts';

/**
 * Leave-one-out sensitivity analysis: the model refitted k times, each time without one
 * study (metafor `leave1out()`). Needs at least two studies; groups are ignored.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @returns one row per study, in input order, giving the results without that study
 *   (estimates on the transformed and proportion scales)
 * @throws StatsInputError for invalid input
 * @example
 * leaveOneOut({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'DL' })[0].k // 2
 */
export function leaveOneOut(input: MetaProportionsInput): RefitRow[] {
  const prepared = prepareAnalysis(input);
  const k = prepared.events.length;
  const rows: RefitRow[] = [];
  if (k < 2) return rows;
  for (let omitted = 0; omitted < k; omitted++) {
    const indices: number[] = [];
    for (let i = 0; i < k; i++) if (i !== omitted) indices.push(i);
    rows.push(refitRow(prepared, indices, omitted));
  }
  return rows;
}
