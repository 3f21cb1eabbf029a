import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { MetaProportionsInput } from '../types.ts';
import { glmmCumulative } from './glmm-cumulative.ts';
import { prepareAnalysis, type PreparedAnalysis } from './prepare-analysis.ts';
import { CELL_REFIT_MIN_STUDIES, refitCells, refitsByCells } from './refit-cells.ts';
import { refitRow, type RefitRow } from './sequential-fit.ts';
import { moveStudy, varianceCells } from './variance-cells.ts';

/**
 * Cumulative meta-analysis: studies added one at a time in the given order, the model
 * refitted after each (metafor `cumul()`; note that `order` here lists study positions,
 * where metafor's `order` is a variable to sort by). Groups are ignored.
 *
 * From CELL_REFIT_MIN_STUDIES studies on, each step adds its study to a cell of equal
 * variance and refits the cells (O(cells) per iteration), so k steps cost O(k · cells).
 *
 * Reference: Lau J, Antman EM, Jimenez-Silva J, Kupelnick B, Mosteller F, Chalmers TC
 * (1992). Cumulative meta-analysis of therapeutic trials for myocardial infarction. New
 * England Journal of Medicine 327(4), 248-254. https://doi.org/10.1056/NEJM199207233270406
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @param order positions of the studies (0-based) in the order to add them; default input order
 * @param steps the steps to report (0-based, ascending; step j pools the first j + 1 studies of
 *   `order`); default every step. A review of thousands of studies reports a few hundred.
 * @returns one row per step reported (by default row j pools the first j + 1 studies of `order`)
 * @throws StatsInputError for invalid input or an order that is not a permutation
 * @example
 * cumulative({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'DL' }, [2, 0, 1])[0].study // 2
 */
export function cumulative(input: MetaProportionsInput, order?: readonly number[], steps?: readonly number[]): RefitRow[] {
  const prepared = prepareAnalysis(input);
  const k = prepared.events.length;
  const sequence = order ?? Array.from({ length: k }, (_, i) => i);
  const seen = new Set(sequence);
  if (sequence.length !== k || seen.size !== k || sequence.some((i) => !Number.isInteger(i) || i < 0 || i >= k)) {
    throw new StatsInputError(messages.invalidOrder(k));
  }
  const reported = steps ?? sequence.map((_, step) => step);
  if (reported.some((step, i) => !Number.isInteger(step) || step < 0 || step >= k || (i > 0 && step <= reported[i - 1]!))) {
    throw new StatsInputError(messages.invalidSteps(k));
  }
  if (prepared.settings.glmm !== null) return glmmCumulative(prepared, sequence, reported);
  if (refitsByCells(k, prepared.settings.method)) return cumulativeByCells(prepared, sequence, reported);
  return reported.map((step) => refitRow(prepared, sequence.slice(0, step + 1), sequence[step]!));
}

function cumulativeByCells(prepared: PreparedAnalysis, sequence: readonly number[], reported: readonly number[]): RefitRow[] {
  const { n, effects } = prepared;
  const cells = varianceCells(prepared, []);
  let reciprocalSum = 0;
  let corrected = 0;
  let previous: RefitRow | undefined;
  let added = 0;
  return reported.map((step) => {
    for (; added <= step; added++) {
      const study = sequence[added]!;
      moveStudy(cells, prepared, study, 1);
      reciprocalSum += 1 / n[study]!;
      corrected += effects.corrected[study]!;
    }
    // Each step adds studies to thousands: Fisher scoring starts from the step reported before.
    const start = previous && previous.k >= CELL_REFIT_MIN_STUDIES ? previous.tau2 : undefined;
    previous = refitCells(prepared, cells, sequence[step]!, (step + 1) / reciprocalSum, corrected, start);
    return previous;
  });
}
