import { StatsInputError } from '../errors.ts';
import { binomialCells, type BinomialCells } from '../models/glmm/binomial-cells.ts';
import type { BinomialStart } from '../models/glmm/fit-binomial-glmm.ts';
import { fitGlmmModel } from '../models/glmm/fit-glmm-model.ts';
import type { ProportionEstimate, TransformedEstimate } from '../types.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { refitSummary, type RefitRow } from './sequential-fit.ts';

/** Refits of a binomial model on cells whose multiplicities change between refits. */
export interface GlmmRefits {
  /** the cells; change `counts` and `studies`, then call `refit` */
  readonly cells: BinomialCells;
  /** fits the studies now in the cells and gives the row of `study`; warm-started from the previous refit */
  refit(study: number, start?: BinomialStart): RefitRow;
  /** the fit of all studies (the default warm start), or null when it has no finite estimate */
  readonly full: BinomialStart | null;
  /** the random-intercept fit of the last refit with tau² > 0 (a warm start for the next step) */
  readonly last: BinomialStart | null;
}

const NOT_AVAILABLE = Number.NaN;

/** A row for a subset whose binomial model has no finite estimate: NaN numbers and the reason. */
function emptyRow(prepared: PreparedAnalysis, study: number, k: number, reason: string): RefitRow {
  const transformed = { estimate: NOT_AVAILABLE, se: NOT_AVAILABLE, ci_lower: NOT_AVAILABLE, ci_upper: NOT_AVAILABLE, pi_lower: NOT_AVAILABLE, pi_upper: NOT_AVAILABLE, pi_defined: false };
  const { se: _se, ...proportion } = transformed;
  return {
    study,
    label: prepared.labels?.[study] ?? null,
    k,
    tau2: NOT_AVAILABLE,
    I2: NOT_AVAILABLE,
    H2: NOT_AVAILABLE,
    I2_Q: NOT_AVAILABLE,
    H2_Q: NOT_AVAILABLE,
    Q: NOT_AVAILABLE,
    Q_df: k - 1,
    Q_p: NOT_AVAILABLE,
    transformed: transformed as TransformedEstimate,
    proportion: proportion as ProportionEstimate,
    clamped: [],
    warnings: [reason],
  };
}

/**
 * Sets up the refits of leave-one-out, leave-one-cluster-out and cumulative analyses of a
 * binomial model (`GLMM`, `GLMM-FE`): the studies grouped into cells by their counts, each
 * refit changing the cells' multiplicities and refitting (O(cells) per likelihood
 * evaluation), Newton's method starting from the full fit or the previous step. A subset whose
 * model has no finite estimate (e.g. no events left) gives a row of NaN with the reason in
 * `warnings` instead of stopping the whole table.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param prepared the prepared analysis (settings.glmm set)
 * @param members the studies placed in the cells at the start (default all)
 * @returns the cells and the refit function
 * @throws never: refits without an estimate become rows of NaN
 * @example
 * glmmRefits(prepared).refit(0).k
 */
export function glmmRefits(prepared: PreparedAnalysis, members?: readonly number[]): GlmmRefits {
  const { settings } = prepared;
  const random = settings.glmm === 'GLMM';
  const cells = binomialCells(prepared.events, prepared.n, prepared.effects.vi, members);
  const noMembers: number[] = [];
  let full: BinomialStart | null = null;
  if (random && members === undefined) {
    try {
      const fit = fitGlmmModel(cells, noMembers, true, settings.ci, settings.level).binomial;
      if (fit.tau > 0) full = { mu: fit.mu, tau: fit.tau };
    } catch (error) {
      if (!(error instanceof StatsInputError)) throw error;
    }
  }
  let last: BinomialStart | null = null;
  return {
    cells,
    full,
    get last(): BinomialStart | null {
      return last;
    },
    refit(study: number, start?: BinomialStart): RefitRow {
      try {
        const fit = fitGlmmModel(cells, noMembers, random, settings.ci, settings.level, start ?? full ?? undefined, settings.glmmFallback === 'common-effect');
        if (fit.binomial.tau > 0) last = { mu: fit.binomial.mu, tau: fit.binomial.tau };
        return refitSummary(prepared, fit, study, 1, 0);
      } catch (error) {
        if (error instanceof StatsInputError) return emptyRow(prepared, study, cells.studies, error.message);
        throw error;
      }
    },
  };
}
