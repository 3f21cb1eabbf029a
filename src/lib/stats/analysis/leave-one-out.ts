import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { MetaProportionsInput } from '../types.ts';
import { glmmLeaveClustersOut, glmmLeaveOneOut } from './glmm-leave-one-out.ts';
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
  if (prepared.settings.glmm !== null) return glmmLeaveOneOut(prepared);
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

/** One refit of leave-one-cluster-out: the analysis without every study of one cluster. */
export interface ClusterRefitRow extends RefitRow {
  /** the cluster left out */
  readonly cluster: string;
  /** its studies, 0-based positions in input order (`study` is the first of them) */
  readonly omitted: readonly number[];
}

/**
 * Leave-one-cluster-out sensitivity analysis: the model refitted once per cluster, each time
 * without all the studies of that cluster, e.g. every cohort of one trial. Each row is the
 * fit metafor gives for the studies left (`rma()` on the subset; with one study per cluster,
 * `leave1out()`), with the same study effects and the PFT back-transform at the harmonic mean
 * of the sizes left. A cluster holding every study leaves nothing to fit and gives no row. A
 * study whose cluster is null is never left out but stays in every refit (so a caller can ask
 * only for the clusters whose rows leaveOneOut does not already give). Groups are ignored.
 *
 * From CELL_REFIT_MIN_STUDIES studies on, each refit takes the cluster's studies out of their
 * cells of equal variance, refits the cells and puts the sums back exactly as they were.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @param clusters the cluster of each study, in input order (as many as studies), or null for none
 * @returns one row per cluster that leaves at least one study, in the order clusters first appear
 * @throws StatsInputError for invalid input or a clusters array of the wrong length
 * @example
 * leaveClustersOut({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'DL' }, ['a', 'a', 'b'])[0].k // 1
 */
export function leaveClustersOut(input: MetaProportionsInput, clusters: readonly (string | null)[]): ClusterRefitRow[] {
  const prepared = prepareAnalysis(input);
  const k = prepared.events.length;
  if (clusters.length !== k) throw new StatsInputError(messages.lengthMismatch('clusters', clusters.length, k));
  const members = new Map<string, number[]>();
  for (let i = 0; i < k; i++) {
    const cluster = clusters[i];
    if (cluster === null || cluster === undefined) continue;
    const same = members.get(cluster);
    if (same) same.push(i);
    else members.set(cluster, [i]);
  }
  if (prepared.settings.glmm !== null) return glmmLeaveClustersOut(prepared, members);
  const rows: ClusterRefitRow[] = [];
  if (refitsByCells(k, prepared.settings.method)) {
    const refit = clusterRefitByCells(prepared);
    for (const [cluster, omitted] of members) {
      if (omitted.length < k) rows.push({ ...refit(omitted), cluster, omitted });
    }
    return rows;
  }
  const left = new Uint8Array(k);
  for (const [cluster, omitted] of members) {
    if (omitted.length >= k) continue;
    left.fill(1);
    for (const i of omitted) left[i] = 0;
    const indices: number[] = [];
    for (let i = 0; i < k; i++) if (left[i] === 1) indices.push(i);
    rows.push({ ...refitRow(prepared, indices, omitted[0]!), cluster, omitted });
  }
  return rows;
}

/** Refits of the cells without some studies, each leaving the cells exactly as it found them. */
function clusterRefitByCells(prepared: PreparedAnalysis): (omitted: readonly number[]) => RefitRow {
  const { n, effects } = prepared;
  const k = n.length;
  const cells = varianceCells(prepared);
  let reciprocalSum = 0;
  for (let i = 0; i < k; i++) reciprocalSum += 1 / n[i]!;
  return (omitted) => {
    // The sums of each study's cell before it leaves, put back in reverse order afterwards, so
    // a cell that loses several studies ends with the sums it started with.
    const saved = new Float64Array(3 * omitted.length);
    let reciprocals = 0;
    let corrected = 0;
    omitted.forEach((i, j) => {
      const c = cells.cellOf[i]!;
      saved[3 * j] = cells.counts[c]!;
      saved[3 * j + 1] = cells.sumD[c]!;
      saved[3 * j + 2] = cells.sumDD[c]!;
      moveStudy(cells, prepared, i, -1);
      reciprocals += 1 / n[i]!;
      corrected += effects.corrected[i]!;
    });
    const row = refitCells(prepared, cells, omitted[0]!, (k - omitted.length) / (reciprocalSum - reciprocals), effects.correctedCount - corrected);
    for (let j = omitted.length - 1; j >= 0; j--) {
      const c = cells.cellOf[omitted[j]!]!;
      cells.counts[c] = saved[3 * j]!;
      cells.sumD[c] = saved[3 * j + 1]!;
      cells.sumDD[c] = saved[3 * j + 2]!;
      refreshCell(cells, c);
    }
    cells.studies = k;
    return row;
  };
}
