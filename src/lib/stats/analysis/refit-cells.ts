import { fitModel } from '../models/fit-model.ts';
import type { ModelMethod } from '../methods.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { refitSummary, type RefitRow } from './sequential-fit.ts';
import { cellsData, type VarianceCells } from './variance-cells.ts';

/**
 * Below this many studies leave-one-out and cumulative refit the studies themselves (cheap at
 * that size, and the exact arithmetic of metaProportions); from it on they refit cells.
 */
export const CELL_REFIT_MIN_STUDIES = 50;

/** Whether refits of this analysis go through cells: large enough, and not Paule-Mandel (whose search interval needs every effect). */
export function refitsByCells(k: number, method: ModelMethod): boolean {
  return k >= CELL_REFIT_MIN_STUDIES && method !== 'PM';
}

/**
 * One refit of a sensitivity analysis on the studies currently in `cells`: the same model,
 * estimator path and summary as refitRow, with every sum taken over cells (O(cells) per
 * evaluation instead of O(k)), so that thousands of refits of thousands of studies stay fast.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param prepared the prepared analysis (settings and labels)
 * @param cells the cells, holding exactly the studies to fit
 * @param study the study this row is about (left out or added)
 * @param harmonicN harmonic mean of the sizes of the studies fitted (PFT back-transform)
 * @param correctedCount how many of them received the continuity correction
 * @param start REML/ML: where Fisher scoring starts (the tau² of a neighbouring subset); default as metafor
 * @returns the refit summary, as refitRow
 * @throws never: input was validated by prepareAnalysis
 * @example
 * refitCells(prepared, cells, 0, 20, 0).k
 */
export function refitCells(
  prepared: PreparedAnalysis,
  cells: VarianceCells,
  study: number,
  harmonicN: number,
  correctedCount: number,
  start?: number,
): RefitRow {
  const { settings } = prepared;
  // A warm start (the previous step's tau²) only shortens the path to the same estimate.
  const control = start !== undefined && settings.control.start === undefined ? { ...settings.control, start } : settings.control;
  const fit = fitModel(cellsData(cells), settings.method, settings.ci, settings.level, control, cells.workspace);
  return refitSummary(prepared, fit, study, harmonicN, correctedCount);
}
