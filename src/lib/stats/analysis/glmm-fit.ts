import { binomialCells } from '../models/glmm/binomial-cells.ts';
import { fitGlmmModel, type GlmmModelFit } from '../models/glmm/fit-glmm-model.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/**
 * Fits the binomial model a prepared analysis asks for (`GLMM` or `GLMM-FE`, metafor
 * `rma.glmm(measure = "PLO")`) to the listed studies: their counts grouped into cells, the
 * continuity-corrected logit variances of the prepared effects for I², and the interval of
 * the settings (`hk` is metafor's `test = "t"`).
 *
 * Reference: Stijnen T, Hamza TH, Özdemir P (2010). Random effects meta-analysis of event
 * outcome in the framework of the generalized linear mixed model with applications in sparse
 * data. Statistics in Medicine 29(29), 3046-3067. https://doi.org/10.1002/sim.4040
 *
 * @param prepared the prepared analysis (settings.glmm set)
 * @param indices positions of the studies to pool (0-based, in input order)
 * @returns the fit, as a ModelFit on the logit scale with the binomial details
 * @throws StatsInputError when the model has no finite estimate (see fitBinomialGlmm)
 * @example
 * glmmFit(prepareAnalysis({ events: [2, 3, 50], n: [10, 20, 60], transform: 'PLO', method: 'GLMM' }), [0, 1, 2]).tau2 // 2.3613…
 */
export function glmmFit(prepared: PreparedAnalysis, indices: readonly number[]): GlmmModelFit {
  const { settings } = prepared;
  const cells = binomialCells(prepared.events, prepared.n, prepared.effects.vi, indices);
  return fitGlmmModel(cells, indices, settings.glmm === 'GLMM', settings.ci, settings.level, undefined, settings.glmmFallback === 'common-effect');
}
