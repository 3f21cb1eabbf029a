import { chiSquareUpperTail } from '../../distributions/chi-square-upper-tail.ts';
import { criticalValue } from '../../distributions/critical-value.ts';
import { messages } from '../../messages.ts';
import type { CiMethod } from '../../methods.ts';
import type { ModelFit } from '../model-fit.ts';
import { agqLogLikelihood } from './agq-log-likelihood.ts';
import type { BinomialCells } from './binomial-cells.ts';
import { fitBinomialGlmm, type BinomialFit, type BinomialStart } from './fit-binomial-glmm.ts';

/** A binomial model as a {@link ModelFit}, with the likelihood-ratio test of heterogeneity. */
export interface GlmmModelFit extends ModelFit {
  /** the fit on the logit scale (μ, τ; a warm start for neighbouring refits) */
  readonly binomial: BinomialFit;
  /** likelihood-ratio test of heterogeneity: saturated against common-effect binomial model (metafor QE.LRT) */
  readonly Q_LRT: number;
  readonly Q_LRT_p: number;
}

const STEP = 1e-5;

/** x log(x / n) + (n - x) log(1 - x / n), with 0 log 0 = 0: a study's saturated log-likelihood. */
function saturated(x: number, size: number): number {
  return (x > 0 ? x * Math.log(x / size) : 0) + (x < size ? (size - x) * Math.log((size - x) / size) : 0);
}

/**
 * Each cell's share of the observed information about μ: -∂² log Lᵢ / ∂μ² per study (central
 * differences of the exact per-cell scores), or nᵢp̂(1 - p̂) at τ = 0.
 */
function cellInformation(cells: BinomialCells, fit: BinomialFit): Float64Array {
  const information = new Float64Array(cells.counts.length);
  if (fit.tau === 0) {
    const p = 1 / (1 + Math.exp(-fit.mu));
    for (let c = 0; c < information.length; c++) information[c] = cells.sizes[c]! * p * (1 - p);
    return information;
  }
  agqLogLikelihood(cells, fit.mu + STEP, fit.tau, new Float64Array(2));
  information.set(cells.scores);
  agqLogLikelihood(cells, fit.mu - STEP, fit.tau, new Float64Array(2));
  for (let c = 0; c < information.length; c++) information[c] = (cells.scores[c]! - information[c]!) / (2 * STEP);
  return information;
}

/**
 * Fits a binomial model of proportions (metafor `rma.glmm(measure = "PLO")`: `method = "ML"`
 * for the random-intercept model, `"EE"` for the common-effect one) and reports it as a
 * ModelFit on the logit scale, so that it is summarised like the inverse-variance models:
 * - estimate and variance of μ from {@link fitBinomialGlmm}; Wald z intervals, or with `hk`
 *   metafor's `test = "t"`: t on k - 1 df with the same variance;
 * - tau² = τ² (0 for the common-effect model); I² = 100 tau² / (v̄ + tau²) and
 *   H² = tau² / v̄ + 1 with the typical within-study variance v̄ = (k - 1) / tr(P) of the
 *   logits and variances of `escalc` (continuity-corrected), as metafor;
 * - Q is metafor's Wald test of heterogeneity QE.Wld (the saturated logistic model's study
 *   effects all equal): Σ wᵢ (yᵢ - ȳ)² over the studies with 0 < xᵢ < nᵢ, at the uncorrected
 *   logits yᵢ and weights 1 / (1/xᵢ + 1/(nᵢ - xᵢ)) (studies with 0 or n events have infinite
 *   variance in the saturated model and add nothing), on k - 1 df; Q_LRT its likelihood-ratio
 *   test QE.LRT = 2 (ℓ_saturated - ℓ_common effect); I2_Q and H2_Q from the Wald Q;
 * - weights: each study's share of the observed information about μ (-∂² log Lᵢ / ∂μ²),
 *   computed when first read (metafor defines no weights for `rma.glmm`).
 * A random-intercept fit that ends at tau² = 0 warns that the common-effect fit is reported.
 *
 * Reference: Stijnen T, Hamza TH, Özdemir P (2010). Random effects meta-analysis of event
 * outcome in the framework of the generalized linear mixed model with applications in sparse
 * data. Statistics in Medicine 29(29), 3046-3067. https://doi.org/10.1002/sim.4040
 *
 * @param cells the studies, grouped by counts
 * @param members positions (in the input) of the studies fitted, in the order of `weights`
 * @param random the random-intercept model (true) or the common-effect model (false)
 * @param ci `z`, or `hk` for metafor's t test on k - 1 df
 * @param level confidence level in (0, 1)
 * @param start where the random-intercept fit starts (a neighbouring fit)
 * @param fallback report the common-effect fit, with a warning, when tau² cannot be estimated:
 *   fewer than two studies with events (or with non-events), or tau² above GLMM_TAU2_MAX;
 *   without it the fit is metafor's whatever tau² comes to
 * @returns the fit
 * @throws StatsInputError when the model has no finite estimate (see fitBinomialGlmm)
 * @example
 * fitGlmmModel(cells, [0, 1, 2], true, 'z', 0.95).tau2
 */
/**
 * Above this tau² (a between-study standard deviation of 10 on the logit scale) the fitted
 * random-intercept model says nothing about the pooled proportion: with `fallback`, the
 * common-effect binomial fit is reported instead.
 */
export const GLMM_TAU2_MAX = 100;

/** How many studies have at least one event, and how many at least one non-event. */
function informativeStudies(cells: BinomialCells): { withEvents: number; withNonEvents: number } {
  let withEvents = 0;
  let withNonEvents = 0;
  for (let c = 0; c < cells.counts.length; c++) {
    const count = cells.counts[c]!;
    if (cells.events[c]! > 0) withEvents += count;
    if (cells.events[c]! < cells.sizes[c]!) withNonEvents += count;
  }
  return { withEvents, withNonEvents };
}

export function fitGlmmModel(
  cells: BinomialCells,
  members: ArrayLike<number>,
  requestedRandom: boolean,
  ci: CiMethod,
  level: number,
  start?: BinomialStart,
  fallback = false,
): GlmmModelFit {
  const warnings: string[] = [];
  let random = requestedRandom;
  // tau² needs at least two studies with events and two with non-events to be estimable
  const informative = random && fallback ? informativeStudies(cells) : null;
  if (informative && Math.min(informative.withEvents, informative.withNonEvents) < 2) {
    random = false;
    warnings.push(messages.glmmNotIdentifiable(informative.withEvents, informative.withNonEvents));
  }
  let fit = fitBinomialGlmm(cells, random, start);
  if (random && fallback && fit.tau * fit.tau > GLMM_TAU2_MAX) {
    warnings.push(messages.glmmTau2RunsAway(fit.tau * fit.tau, GLMM_TAU2_MAX));
    random = false;
    fit = fitBinomialGlmm(cells, false);
  }
  const k = cells.studies;
  const { events, sizes, counts, variances } = cells;
  if (random && k === 1) warnings.push(messages.singleStudy());
  else if (random && fit.boundary) warnings.push(messages.glmmBoundary());

  // heterogeneity: Wald and likelihood-ratio tests, typical within-study variance
  let sumW = 0;
  let sumWY = 0;
  let traceW = 0;
  let traceWW = 0;
  let sumSaturated = 0;
  let totalEvents = 0;
  let totalSize = 0;
  for (let c = 0; c < counts.length; c++) {
    const count = counts[c]!;
    if (count === 0) continue;
    const x = events[c]!;
    const size = sizes[c]!;
    totalEvents += count * x;
    totalSize += count * size;
    sumSaturated += count * saturated(x, size);
    const w = 1 / variances[c]!;
    traceW += count * w;
    traceWW += count * w * w;
    if (x > 0 && x < size) {
      const weight = 1 / (1 / x + 1 / (size - x));
      sumW += count * weight;
      sumWY += count * weight * Math.log(x / (size - x));
    }
  }
  const df = k - 1;
  let Q = 0;
  if (sumW > 0) {
    const mean = sumWY / sumW;
    for (let c = 0; c < counts.length; c++) {
      const x = events[c]!;
      const size = sizes[c]!;
      if (counts[c] === 0 || x === 0 || x === size) continue;
      Q += (counts[c]! / (1 / x + 1 / (size - x))) * (Math.log(x / (size - x)) - mean) ** 2;
    }
  }
  // the common-effect log-likelihood is the saturated one of the pooled counts
  const Q_LRT = Math.max(0, 2 * (sumSaturated - saturated(totalEvents, totalSize)));
  const typicalVariance = df > 0 ? df / (traceW - traceWW / traceW) : 0;
  const tau2 = fit.tau * fit.tau;
  const I2 = df > 0 ? (100 * tau2) / (typicalVariance + tau2) : 0;
  const H2 = df > 0 ? tau2 / typicalVariance + 1 : 1;

  let usedCi: CiMethod = ci;
  if (ci !== 'z' && df < 1) {
    usedCi = 'z';
    warnings.push(messages.hartungKnappSingleStudy());
  }
  const tDf = usedCi === 'z' ? null : df;
  let weights: Float64Array | undefined;
  return {
    k,
    p: 1,
    method: random ? 'ML' : 'FE',
    ci: usedCi,
    tau2,
    coefficients: Float64Array.of(fit.mu),
    coefficientVariances: Float64Array.of(fit.variance),
    critical: criticalValue(level, tDf),
    df: tDf,
    scale: 1,
    Q,
    Q_df: df,
    Q_p: df > 0 ? chiSquareUpperTail(Q, df) : 1,
    I2,
    H2,
    I2_Q: df > 0 && Q > 0 ? Math.max(0, (100 * (Q - df)) / Q) : 0,
    H2_Q: df > 0 ? Q / df : 1,
    typicalVariance,
    get weights(): Float64Array {
      if (weights === undefined) {
        const information = cellInformation(cells, fit);
        weights = new Float64Array(members.length);
        for (let j = 0; j < members.length; j++) weights[j] = information[cells.cellOf[members[j]!]!]!;
      }
      return weights;
    },
    warnings,
    binomial: fit,
    Q_LRT,
    Q_LRT_p: df > 0 ? chiSquareUpperTail(Q_LRT, df) : 1,
  };
}
