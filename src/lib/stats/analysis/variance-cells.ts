import { createWorkspace, type Workspace } from '../heterogeneity/create-workspace.ts';
import type { EffectData } from '../models/effect-data.ts';
import type { StudyEffects } from '../transforms/study-effects.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/**
 * Studies sorted into cells of equal sampling variance, as the arrays of the cell form of
 * EffectData (see effect-data.ts), updated in place as studies enter or leave a refit. Every
 * sum the intercept-only estimators need is a sum over cells, so a refit costs O(cells) per
 * evaluation instead of O(k). Sizes of the same n share a variance under PAS and PFT, so a
 * review of thousands of trials has a few hundred cells at most. An empty cell has mean
 * `centre` and no squares, so it adds nothing to any sum.
 */
export interface VarianceCells {
  /** cell of each study, by input position */
  readonly cellOf: Int32Array;
  /** mean effect of all studies: deviations are taken from it */
  readonly centre: number;
  /** per cell: mean effect, sampling variance, studies, squares about the mean */
  readonly means: Float64Array;
  readonly variances: Float64Array;
  readonly counts: Float64Array;
  readonly withinSquares: Float64Array;
  /** per cell: Σ (yᵢ - centre) and Σ (yᵢ - centre)² of its studies */
  readonly sumD: Float64Array;
  readonly sumDD: Float64Array;
  /** studies currently in the cells */
  studies: number;
  /** scratch arrays for fits of the cells */
  readonly workspace: Workspace;
}

/** Which cell each study falls in: the part of the cells that depends on the effects alone. */
interface CellIndex {
  readonly cellOf: Int32Array;
  readonly centre: number;
  readonly variances: Float64Array;
}

/**
 * The cell index of each set of study effects, worked out once: a review refits the same studies
 * dozens of times (subgroups, robustness variants, leave-one-out, cumulative), and sorting
 * thousands of variances into a map is most of the cost of a set of cells. Read only.
 */
const cellIndexes = new WeakMap<StudyEffects, CellIndex>();

function cellIndex(effects: StudyEffects): CellIndex {
  const known = cellIndexes.get(effects);
  if (known) return known;
  const { yi, vi } = effects;
  const k = yi.length;
  let centre = 0;
  for (let i = 0; i < k; i++) centre += yi[i]!;
  centre /= k;
  const index = new Map<number, number>();
  const cellOf = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    let cell = index.get(vi[i]!);
    if (cell === undefined) {
      cell = index.size;
      index.set(vi[i]!, cell);
    }
    cellOf[i] = cell;
  }
  const variances = new Float64Array(index.size);
  for (const [variance, cell] of index) variances[cell] = variance;
  const made = { cellOf, centre, variances };
  cellIndexes.set(effects, made);
  return made;
}

/**
 * Sorts the studies of a prepared analysis into cells by sampling variance.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param prepared the prepared analysis
 * @param members positions of the studies placed in the cells (default all; [] for none)
 * @returns the cells
 * @throws never: input was validated by prepareAnalysis
 * @example
 * varianceCells(prepareAnalysis({ events: [1, 2, 3], n: [10, 10, 20], transform: 'PAS', method: 'DL' })).counts // [2, 1]
 */
export function varianceCells(prepared: PreparedAnalysis, members?: readonly number[]): VarianceCells {
  const { cellOf, centre, variances } = cellIndex(prepared.effects);
  const size = variances.length;
  const cells: VarianceCells = {
    cellOf,
    centre,
    means: new Float64Array(size).fill(centre),
    variances,
    counts: new Float64Array(size),
    withinSquares: new Float64Array(size),
    sumD: new Float64Array(size),
    sumDD: new Float64Array(size),
    studies: 0,
    workspace: createWorkspace({ k: size, yi: variances, vi: variances, group: new Int32Array(0), groupCount: 1, centre }),
  };
  if (members) for (const i of members) moveStudy(cells, prepared, i, 1);
  else for (let i = 0; i < cellOf.length; i++) moveStudy(cells, prepared, i, 1);
  return cells;
}

/** Puts study `i` into its cell (`direction` 1) or takes it out (-1). */
export function moveStudy(cells: VarianceCells, prepared: PreparedAnalysis, i: number, direction: 1 | -1): void {
  const c = cells.cellOf[i]!;
  const d = prepared.effects.yi[i]! - cells.centre;
  cells.counts[c] = cells.counts[c]! + direction;
  cells.sumD[c] = cells.sumD[c]! + direction * d;
  cells.sumDD[c] = cells.sumDD[c]! + direction * d * d;
  cells.studies += direction;
  refreshCell(cells, c);
}

/** Recomputes the mean and squares of cell `c` from its sums. */
export function refreshCell(cells: VarianceCells, c: number): void {
  const m = cells.counts[c]!;
  const mean = m > 0 ? cells.sumD[c]! / m : 0;
  cells.means[c] = cells.centre + mean;
  // clamped: equal effects can leave a rounding residue below zero
  cells.withinSquares[c] = m > 0 ? Math.max(0, cells.sumDD[c]! - mean * cells.sumD[c]!) : 0;
}

/** The studies now in the cells as EffectData in the cell form (the arrays are shared, not copied). */
export function cellsData(cells: VarianceCells): EffectData {
  return {
    k: cells.studies,
    yi: cells.means,
    vi: cells.variances,
    group: new Int32Array(0),
    groupCount: 1,
    centre: cells.centre,
    multiplicity: cells.counts,
    withinSquares: cells.withinSquares,
  };
}
