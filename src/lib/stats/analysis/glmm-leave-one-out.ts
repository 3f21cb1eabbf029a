import type { RefitRow } from './sequential-fit.ts';
import type { ClusterRefitRow } from './leave-one-out.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { glmmRefits } from './glmm-refits.ts';

/**
 * Leave-one-out analysis of a binomial model (`GLMM`, `GLMM-FE`; metafor `leave1out()` of
 * `rma.glmm`, i.e. `rma.glmm` on each subset): each refit takes one study out of its cell of
 * equal counts and refits, starting from the full fit; studies with the same events and n
 * leave the same data and share one refit. Cost: one fit per distinct (events, n), each
 * O(cells) per likelihood evaluation.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param prepared the prepared analysis (settings.glmm set; at least two studies)
 * @returns one row per study, in input order
 * @throws never: a subset without a finite estimate gives a row of NaN with the reason
 * @example
 * glmmLeaveOneOut(prepareAnalysis({ events: [2, 3, 50], n: [10, 20, 60], transform: 'PLO', method: 'GLMM' }))[0].k // 2
 */
export function glmmLeaveOneOut(prepared: PreparedAnalysis): RefitRow[] {
  const k = prepared.events.length;
  const { cells, refit } = glmmRefits(prepared);
  const byCell = new Map<number, RefitRow>();
  const rows: RefitRow[] = [];
  for (let omitted = 0; omitted < k; omitted++) {
    const c = cells.cellOf[omitted]!;
    const label = prepared.labels?.[omitted] ?? null;
    const seen = byCell.get(c);
    if (seen) {
      rows.push({ ...seen, study: omitted, label, warnings: [...seen.warnings] });
      continue;
    }
    cells.counts[c]!--;
    cells.studies--;
    const row = refit(omitted);
    cells.counts[c]!++;
    cells.studies++;
    byCell.set(c, row);
    rows.push(row);
  }
  return rows;
}

/**
 * Leave-one-cluster-out analysis of a binomial model: for each cluster, its studies taken out
 * of their cells and the model refitted (from the full fit), as `rma.glmm` on the rest.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param prepared the prepared analysis (settings.glmm set)
 * @param members the studies of each cluster, in the order clusters first appear
 * @returns one row per cluster that leaves at least one study
 * @throws never: a subset without a finite estimate gives a row of NaN with the reason
 * @example
 * glmmLeaveClustersOut(prepared, new Map([['a', [0, 1]], ['b', [2]]]))[0].k // 1
 */
export function glmmLeaveClustersOut(prepared: PreparedAnalysis, members: ReadonlyMap<string, readonly number[]>): ClusterRefitRow[] {
  const k = prepared.events.length;
  const { cells, refit } = glmmRefits(prepared);
  const rows: ClusterRefitRow[] = [];
  for (const [cluster, omitted] of members) {
    if (omitted.length >= k) continue;
    for (const i of omitted) cells.counts[cells.cellOf[i]!]!--;
    cells.studies -= omitted.length;
    rows.push({ ...refit(omitted[0]!), cluster, omitted });
    for (const i of omitted) cells.counts[cells.cellOf[i]!]!++;
    cells.studies += omitted.length;
  }
  return rows;
}
