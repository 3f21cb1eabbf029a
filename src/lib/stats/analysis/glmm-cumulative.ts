import type { RefitRow } from './sequential-fit.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { glmmRefits } from './glmm-refits.ts';

/**
 * Cumulative analysis of a binomial model (`GLMM`, `GLMM-FE`; metafor `cumul()` of
 * `rma.glmm`): studies added to their cells of equal counts in the given order, the model
 * refitted at each reported step, Newton's method starting from the last random-intercept fit.
 * Cost: one fit per reported step, O(cells) per likelihood evaluation.
 *
 * Reference: Lau J, Antman EM, Jimenez-Silva J, Kupelnick B, Mosteller F, Chalmers TC
 * (1992). Cumulative meta-analysis of therapeutic trials for myocardial infarction. New
 * England Journal of Medicine 327(4), 248-254. https://doi.org/10.1056/NEJM199207233270406
 *
 * @param prepared the prepared analysis (settings.glmm set)
 * @param sequence positions of the studies in the order they are added (a permutation)
 * @param reported the steps to report (0-based, ascending)
 * @returns one row per reported step
 * @throws never: a step without a finite estimate (e.g. no events yet) gives a row of NaN with the reason
 * @example
 * glmmCumulative(prepared, [2, 0, 1], [0, 1, 2])[2].k // 3
 */
export function glmmCumulative(prepared: PreparedAnalysis, sequence: readonly number[], reported: readonly number[]): RefitRow[] {
  const refits = glmmRefits(prepared, []);
  const { cells } = refits;
  let added = 0;
  return reported.map((step) => {
    for (; added <= step; added++) {
      cells.counts[cells.cellOf[sequence[added]!]!]!++;
      cells.studies++;
    }
    return refits.refit(sequence[step]!, refits.last ?? undefined);
  });
}
