import { messages } from '../messages.ts';
import type { ModelFit } from '../models/model-fit.ts';
import { backTransform } from '../transforms/back-transform.ts';
import { transformedRange } from '../transforms/transformed-range.ts';
import type { ProportionEstimate, TransformedEstimate } from '../types.ts';
import type { AnalysisSettings } from './validate-input.ts';

/** A level's pooled estimate on both scales. */
export interface LevelSummary {
  readonly transformed: TransformedEstimate;
  readonly proportion: ProportionEstimate;
  readonly warnings: string[];
}

const BOUNDS = [
  ['ci_lower', 'lower confidence bound'],
  ['ci_upper', 'upper confidence bound'],
  ['pi_lower', 'lower prediction bound'],
  ['pi_upper', 'upper prediction bound'],
] as const;

/**
 * Pooled estimate of one coefficient of a fit, with its confidence interval
 * b ± c·se and prediction interval b ± c·√(se² + tau²) (the confidence interval for a
 * common-effect model), on the transformed scale and back-transformed to proportions
 * (metafor `predict.rma()` with `transf`). Says in `warnings` when a bound was clamped by
 * the back-transform or, for PRAW, lies outside [0, 1].
 *
 * Reference: Riley RD, Higgins JPT, Deeks JJ (2011). Interpretation of random effects
 * meta-analyses. BMJ 342, d549. https://doi.org/10.1136/bmj.d549
 *
 * @param fit the fitted model (transformed scale)
 * @param level index of the coefficient (0 for the intercept-only model)
 * @param settings transform and back-transform
 * @param harmonicN harmonic mean of the level's study sizes (PFT with Miller's inverse)
 * @returns the estimate on both scales and warnings
 * @throws never: input was validated by prepareAnalysis
 * @example
 * summarizeLevel(fitModel(data, 'DL', 'z', 0.95, {}), 0, settings, 20).proportion.estimate
 */
export function summarizeLevel(fit: ModelFit, level: number, settings: AnalysisSettings, harmonicN: number): LevelSummary {
  const estimate = fit.coefficients[level]!;
  const variance = fit.coefficientVariances[level]!;
  const se = Math.sqrt(variance);
  const ciHalf = fit.critical * se;
  const piHalf = fit.method === 'FE' ? ciHalf : fit.critical * Math.sqrt(variance + fit.tau2);
  const transformed: TransformedEstimate = {
    estimate,
    se,
    ci_lower: estimate - ciHalf,
    ci_upper: estimate + ciHalf,
    pi_lower: estimate - piHalf,
    pi_upper: estimate + piHalf,
  };
  const { transform, backTransform: pftBack } = settings;
  const proportion: ProportionEstimate = {
    estimate: backTransform(estimate, transform, pftBack, harmonicN),
    ci_lower: backTransform(transformed.ci_lower, transform, pftBack, harmonicN),
    ci_upper: backTransform(transformed.ci_upper, transform, pftBack, harmonicN),
    pi_lower: backTransform(transformed.pi_lower, transform, pftBack, harmonicN),
    pi_upper: backTransform(transformed.pi_upper, transform, pftBack, harmonicN),
  };
  const warnings: string[] = [];
  const [lowest, highest] = transformedRange(transform, pftBack, harmonicN);
  for (const [field, what] of BOUNDS) {
    if (fit.method === 'FE' && field.startsWith('pi')) continue;
    const value = transformed[field];
    if (value >= lowest && value <= highest) continue;
    warnings.push(transform === 'PRAW' ? messages.rawOutsideUnit(what) : messages.backTransformClamped(what, value < lowest ? 0 : 1));
  }
  return { transformed, proportion, warnings };
}
