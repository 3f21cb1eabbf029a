import type { MetaProportionsInput } from '../types.ts';
import { prepareAnalysis, type PreparedAnalysis } from './prepare-analysis.ts';
import { refitCells, refitsByCells } from './refit-cells.ts';
import { refitRow, type RefitRow } from './sequential-fit.ts';
import { moveStudy, refreshCell, varianceCells } from './variance-cells.ts';

/**
 * Leave-one-out sensitivity analysis: the model refitted k times, each time without one
 * study (metafor `leave1out()`). Needs at least two studies; groups are ignored.
 *
 * From CELL_REFIT_MIN_STUDIES studies on, each refit runs on cells of equal variance (O(cells)
 * per iteration), and studies with the same events and n, whose omission leaves the same
 * data, share one refit: thousands of studies take milliseconds instead of minutes.
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
  if (refitsByCells(k, prepared.settings.method)) return leaveOneOutByCells(prepared);
  for (let omitted = 0; omitted < k; omitted++) {
    const indices: number[] = [];
    for (let i = 0; i < k; i++) if (i !== omitted) indices.push(i);
    rows.push(refitRow(prepared, indices, omitted));
  }
  return rows;
}

function leaveOneOutByCells(prepared: PreparedAnalysis): RefitRow[] {
  const { events, n, effects } = prepared;
  const k = events.length;
  const cells = varianceCells(prepared);
  let reciprocalSum = 0;
  for (let i = 0; i < k; i++) reciprocalSum += 1 / n[i]!;
  // The same events and n give the same effect and variance: leaving out either leaves the same data.
  const byCounts = new Map<string, RefitRow>();
  const rows: RefitRow[] = [];
  for (let omitted = 0; omitted < k; omitted++) {
    const key = `${events[omitted]}/${n[omitted]}`;
    const label = prepared.labels?.[omitted] ?? null;
    const seen = byCounts.get(key);
    if (seen) {
      rows.push({ ...seen, study: omitted, label, warnings: [...seen.warnings] });
      continue;
    }
    // Take the study out, refit, and put the cell's sums back exactly as they were.
    const c = cells.cellOf[omitted]!;
    const saved = [cells.counts[c]!, cells.sumD[c]!, cells.sumDD[c]!] as const;
    moveStudy(cells, prepared, omitted, -1);
    const row = refitCells(prepared, cells, omitted, (k - 1) / (reciprocalSum - 1 / n[omitted]!), effects.correctedCount - effects.corrected[omitted]!);
    [cells.counts[c], cells.sumD[c], cells.sumDD[c]] = saved;
    cells.studies = k;
    refreshCell(cells, c);
    byCounts.set(key, row);
    rows.push(row);
  }
  return rows;
}
