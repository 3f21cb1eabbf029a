import { qProfileInterval } from '../heterogeneity/q-profile-interval.ts';
import { createWorkspace } from '../heterogeneity/create-workspace.ts';
import { messages } from '../messages.ts';
import { fitModel } from '../models/fit-model.ts';
import type { PooledAnalysis, StudyRow, Tau2Interval } from '../types.ts';
import { glmmFit } from './glmm-fit.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { studyRows } from './study-rows.ts';
import { subsetData } from './subset-data.ts';
import { summarizeLevel } from './summarize-level.ts';
import { refitsByCells } from './refit-cells.ts';
import { cellsData, varianceCells } from './variance-cells.ts';

/** Model weights 1 / (vᵢ + tau²) of each study, as fitModel leaves them for a fit on the studies. */
function studyWeights(vi: Float64Array, tau2: number): Float64Array {
  const weights = new Float64Array(vi.length);
  for (let i = 0; i < vi.length; i++) weights[i] = 1 / (vi[i]! + tau2);
  return weights;
}

/**
 * Pools the listed studies of a prepared analysis: fits the model (metafor `rma.uni()`),
 * back-transforms the estimate and intervals, adds the Q-profile interval of tau² and the
 * study rows (both computed when first read), and collects the warnings.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param prepared the prepared analysis
 * @param indices positions of the studies to pool (0-based, in input order)
 * @returns the pooled analysis of those studies
 * @throws never: input was validated by prepareAnalysis
 * @example
 * poolStudies(prepareAnalysis(input), [0, 1, 2]).proportion.estimate
 */
export function poolStudies(prepared: PreparedAnalysis, indices: readonly number[]): PooledAnalysis {
  const { settings } = prepared;
  const subset = subsetData(prepared, indices);
  // Many studies: fit on cells of equal variance (the same estimates, O(cells) per iteration).
  const cells = settings.glmm === null && refitsByCells(indices.length, settings.method) ? varianceCells(prepared, indices) : undefined;
  const workspace = cells ? cells.workspace : createWorkspace(subset.data);
  // binomial models (GLMM, GLMM-FE) fit the counts themselves
  const glmm = settings.glmm !== null ? glmmFit(prepared, indices) : null;
  const fit = glmm ?? fitModel(cells ? cellsData(cells) : subset.data, settings.method, settings.ci, settings.level, settings.control, workspace);
  const summary = summarizeLevel(fit, 0, settings, subset.harmonicN);
  const warnings: string[] = [];
  if (subset.correctedCount > 0 && settings.glmm === null) warnings.push(messages.correctionApplied(settings.add, subset.correctedCount, settings.transform));
  warnings.push(...fit.warnings, ...summary.warnings);
  const randomEffects = settings.glmm === null && fit.method !== 'FE' && fit.Q_df > 0;
  // computed on first read (getters of the literal, so JSON.stringify and spreading see them):
  // they cost more than the pooling itself
  let interval: Tau2Interval | null | undefined;
  let rows: StudyRow[] | undefined;
  return {
    k: fit.k,
    transform: settings.transform,
    // a binomial model reports GLMM-FE after falling back to the common-effect fit
    method: settings.glmm === null ? fit.method : fit.method === 'FE' ? 'GLMM-FE' : 'GLMM',
    ci: fit.ci,
    level: settings.level,
    tau2: fit.tau2,
    tau: Math.sqrt(fit.tau2),
    I2: fit.I2,
    H2: fit.H2,
    I2_Q: fit.I2_Q,
    H2_Q: fit.H2_Q,
    Q: fit.Q,
    Q_df: fit.Q_df,
    Q_p: fit.Q_p,
    ...(glmm ? { Q_LRT: glmm.Q_LRT, Q_LRT_p: glmm.Q_LRT_p } : {}),
    df: fit.df,
    transformed: summary.transformed,
    proportion: summary.proportion,
    clamped: summary.clamped,
    warnings,
    get tau2_ci(): Tau2Interval | null {
      if (interval === undefined) {
        interval = randomEffects ? qProfileInterval(subset.data, settings.level, fit.typicalVariance, cells ? undefined : workspace) : null;
      }
      return interval;
    },
    get studies(): StudyRow[] {
      rows ??= studyRows(prepared, indices, cells ? studyWeights(subset.data.vi, fit.tau2) : fit.weights);
      return rows;
    },
  };
}
