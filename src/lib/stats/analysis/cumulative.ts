import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { MetaProportionsInput } from '../types.ts';
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
 * @returns one row per step; row j pools the first j + 1 studies of `order`
 * @throws StatsInputError for invalid input or an order that is not a permutation
 * @example
 * cumulative({ events: [4, 9, 16], n: [10, 15, 20], transform: 'PAS', method: 'DL' }, [2, 0, 1])[0].study // 2
 */
export function cumulative(input: MetaProportionsInput, order?: readonly number[]): RefitRow[] {
  const prepared = prepareAnalysis(input);
  const k = prepared.events.length;
  const sequence = order ?? Array.from({ length: k }, (_, i) => i);
  const seen = new Set(sequence);
  if (sequence.length !== k || seen.size !== k || sequence.some((i) => !Number.isInteger(i) || i < 0 || i >= k)) {
    throw new StatsInputError(messages.invalidOrder(k));
  }
  if (refitsByCells(k, prepared.settings.method)) return cumulativeByCells(prepared, sequence);
  return sequence.map((study, step) => refitRow(prepared, sequence.slice(0, step + 1), study));
}

function cumulativeByCells(prepared: PreparedAnalysis, sequence: readonly number[]): RefitRow[] {
  const { n, effects } = prepared;
  const cells = varianceCells(prepared, []);
  let reciprocalSum = 0;
  let corrected = 0;
  let previous: RefitRow | undefined;
  return sequence.map((study, step) => {
    moveStudy(cells, prepared, study, 1);
    reciprocalSum += 1 / n[study]!;
    corrected += effects.corrected[study]!;
    // Each step adds one study to thousands: Fisher scoring starts from the step before.
    const start = previous && previous.k >= CELL_REFIT_MIN_STUDIES ? previous.tau2 : undefined;
    previous = refitCells(prepared, cells, study, (step + 1) / reciprocalSum, corrected, start);
    return previous;
  });
}
