import { messages } from '../messages.ts';
import { fitModel } from '../models/fit-model.ts';
import type { ModelFit } from '../models/model-fit.ts';
import type { ClampedValue, ProportionEstimate, TransformedEstimate } from '../types.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { subsetData } from './subset-data.ts';
import { summarizeLevel } from './summarize-level.ts';

/** One refit of a sensitivity analysis (leave-one-out or cumulative). */
export interface RefitRow {
  /** the study left out (leave-one-out) or added last (cumulative), 0-based */
  readonly study: number;
  readonly label: string | null;
  readonly k: number;
  readonly tau2: number;
  readonly I2: number;
  readonly H2: number;
  /** I² and H² from Q alone, as PooledAnalysis */
  readonly I2_Q: number;
  readonly H2_Q: number;
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_p: number;
  readonly transformed: TransformedEstimate;
  readonly proportion: ProportionEstimate;
  /** the values of `proportion` the back-transform set to 0 or 1, as PooledAnalysis */
  readonly clamped: readonly ClampedValue[];
  readonly warnings: readonly string[];
}

/**
 * Refits the model to some studies of a prepared analysis and reports the pooled estimate
 * and heterogeneity, as one row of metafor's `leave1out()` or `cumul()` (study effects as in
 * the full analysis; the PFT back-transform uses the harmonic mean of the refitted studies).
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param prepared the prepared analysis
 * @param indices positions of the studies to fit
 * @param study the study this row is about (left out or added)
 * @returns the refit summary
 * @throws never: input was validated by prepareAnalysis
 * @example
 * refitRow(prepared, [1, 2], 0).k // 2
 */
export function refitRow(prepared: PreparedAnalysis, indices: readonly number[], study: number): RefitRow {
  const { settings } = prepared;
  const subset = subsetData(prepared, indices);
  const fit = fitModel(subset.data, settings.method, settings.ci, settings.level, settings.control);
  return refitSummary(prepared, fit, study, subset.harmonicN, subset.correctedCount);
}

/**
 * One row of leave-one-out or cumulative from a fitted subset: the pooled estimate on both
 * scales, heterogeneity and the warnings (shared by the study and the cell forms of the refit).
 * @param harmonicN harmonic mean of the sizes of the studies fitted (PFT back-transform)
 * @param correctedCount how many of them received the continuity correction
 */
export function refitSummary(prepared: PreparedAnalysis, fit: ModelFit, study: number, harmonicN: number, correctedCount: number): RefitRow {
  const { settings } = prepared;
  const summary = summarizeLevel(fit, 0, settings, harmonicN);
  const warnings: string[] = [];
  if (correctedCount > 0) warnings.push(messages.correctionApplied(settings.add, correctedCount, settings.transform));
  warnings.push(...fit.warnings, ...summary.warnings);
  return {
    study,
    label: prepared.labels?.[study] ?? null,
    k: fit.k,
    tau2: fit.tau2,
    I2: fit.I2,
    H2: fit.H2,
    I2_Q: fit.I2_Q,
    H2_Q: fit.H2_Q,
    Q: fit.Q,
    Q_df: fit.Q_df,
    Q_p: fit.Q_p,
    transformed: summary.transformed,
    proportion: summary.proportion,
    clamped: summary.clamped,
    warnings,
  };
}
