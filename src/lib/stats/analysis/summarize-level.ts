import { criticalValue } from '../distributions/critical-value.ts';
import { messages } from '../messages.ts';
import type { ModelFit } from '../models/model-fit.ts';
import { backTransform } from '../transforms/back-transform.ts';
import { transformedRange } from '../transforms/transformed-range.ts';
import type { ClampedValue, ProportionEstimate, TransformedEstimate } from '../types.ts';
import type { AnalysisSettings } from './validate-input.ts';

/** A level's pooled estimate on both scales. */
export interface LevelSummary {
  readonly transformed: TransformedEstimate;
  readonly proportion: ProportionEstimate;
  /** the values of `proportion` the back-transform set to 0 or 1 */
  readonly clamped: ClampedValue[];
  readonly warnings: string[];
}

const BOUNDS = [
  ['ci_lower', 'lower confidence bound'],
  ['ci_upper', 'upper confidence bound'],
  ['pi_lower', 'lower prediction bound'],
  ['pi_upper', 'upper prediction bound'],
] as const;

/**
 * Critical value of the prediction interval under the rule of the settings, or the t degrees
 * of freedom left when they are fewer than 1 (the interval is then undefined).
 */
function predictionCritical(fit: ModelFit, settings: AnalysisSettings): number | { readonly df: number } {
  switch (settings.predictionInterval) {
    case 'ci':
      return fit.critical;
    case 'z':
      return criticalValue(settings.level, null);
    case 't-k1':
    case 't-k2': {
      const df = fit.k - fit.p - (settings.predictionInterval === 't-k2' ? 1 : 0);
      return df >= 1 ? criticalValue(settings.level, df) : { df };
    }
  }
}

/**
 * Pooled estimate of one coefficient of a fit, with its confidence interval
 * b ± c·se and prediction interval b ± c'·√(se² + tau²) (the confidence interval for a
 * common-effect model), on the transformed scale and back-transformed to proportions
 * (metafor `predict.rma()` with `transf`). c' is the CI's c (rule `ci`, metafor 3.8), the
 * normal quantile (`z`) or t on k - p (`t-k1`) or k - p - 1 (`t-k2`) df; with fewer than 1 df
 * the PI is undefined, reported as the CI with `pi_defined: false` and a warning. Lists the
 * values the back-transform clamped to 0 or 1 in `clamped`, and says in `warnings` when a
 * bound was clamped or, for PRAW, lies outside [0, 1].
 *
 * Reference: Riley RD, Higgins JPT, Deeks JJ (2011). Interpretation of random effects
 * meta-analyses. BMJ 342, d549. https://doi.org/10.1136/bmj.d549;
 * Higgins JPT, Thompson SG, Spiegelhalter DJ (2009), https://doi.org/10.1111/j.1467-985X.2008.00552.x;
 * IntHout J, Ioannidis JPA, Rovers MM, Goeman JJ (2016), https://doi.org/10.1136/bmjopen-2015-010247
 *
 * @param fit the fitted model (transformed scale)
 * @param level index of the coefficient (0 for the intercept-only model)
 * @param settings transform, back-transform, level and prediction rule
 * @param harmonicN harmonic mean of the level's study sizes (PFT with Miller's inverse)
 * @returns the estimate on both scales, the clamped values and warnings
 * @throws never: input was validated by prepareAnalysis
 * @example
 * summarizeLevel(fitModel(data, 'DL', 'z', 0.95, {}), 0, settings, 20).proportion.estimate
 */
export function summarizeLevel(fit: ModelFit, level: number, settings: AnalysisSettings, harmonicN: number): LevelSummary {
  const estimate = fit.coefficients[level]!;
  const variance = fit.coefficientVariances[level]!;
  const se = Math.sqrt(variance);
  const ciHalf = fit.critical * se;
  const piCritical = fit.method === 'FE' ? fit.critical : predictionCritical(fit, settings);
  const piDefined = typeof piCritical === 'number';
  const piHalf = fit.method === 'FE' || !piDefined ? ciHalf : piCritical * Math.sqrt(variance + fit.tau2);
  const transformed: TransformedEstimate = {
    estimate,
    se,
    ci_lower: estimate - ciHalf,
    ci_upper: estimate + ciHalf,
    pi_lower: estimate - piHalf,
    pi_upper: estimate + piHalf,
    pi_defined: piDefined,
  };
  const { transform, backTransform: pftBack } = settings;
  const proportion: ProportionEstimate = {
    estimate: backTransform(estimate, transform, pftBack, harmonicN),
    ci_lower: backTransform(transformed.ci_lower, transform, pftBack, harmonicN),
    ci_upper: backTransform(transformed.ci_upper, transform, pftBack, harmonicN),
    pi_lower: backTransform(transformed.pi_lower, transform, pftBack, harmonicN),
    pi_upper: backTransform(transformed.pi_upper, transform, pftBack, harmonicN),
    pi_defined: piDefined,
  };
  const warnings: string[] = [];
  if (typeof piCritical !== 'number') warnings.push(messages.predictionUndefined(settings.predictionInterval, piCritical.df));
  const [lowest, highest] = transformedRange(transform, pftBack, harmonicN);
  const clamped: ClampedValue[] = [];
  if (transform !== 'PRAW') {
    for (const field of ['estimate', 'ci_lower', 'ci_upper', 'pi_lower', 'pi_upper'] as const) {
      const value = transformed[field];
      if (value < lowest || value > highest) clamped.push(field);
    }
  }
  for (const [field, what] of BOUNDS) {
    if ((fit.method === 'FE' || !piDefined) && field.startsWith('pi')) continue;
    const value = transformed[field];
    if (value >= lowest && value <= highest) continue;
    warnings.push(transform === 'PRAW' ? messages.rawOutsideUnit(what) : messages.backTransformClamped(what, value < lowest ? 0 : 1));
  }
  return { transformed, proportion, clamped, warnings };
}
