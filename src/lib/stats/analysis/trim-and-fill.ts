import { StatsInputError } from '../errors.ts';
import { designData } from '../heterogeneity/design-data.ts';
import { designTau2 } from '../heterogeneity/design-tau2.ts';
import { messages } from '../messages.ts';
import { MODEL_METHODS, type CiMethod, type ModelMethod } from '../methods.ts';
import { effectData } from '../models/effect-data.ts';
import { fitModel } from '../models/fit-model.ts';
import { harmonicMean } from '../transforms/harmonic-mean.ts';
import type { FitControl, MetaProportionsInput, ProportionEstimate, TransformedEstimate } from '../types.ts';
import { prepareAnalysis } from './prepare-analysis.ts';
import { summarizeLevel } from './summarize-level.ts';

/** Estimators of the number of missing studies (Duval and Tweedie 2000). */
export type TrimFillEstimator = 'L0' | 'R0';
/** The side of the funnel plot on which studies are taken to be missing. */
export type FunnelSide = 'left' | 'right';

/** Options of {@link trimAndFill}. */
export interface TrimAndFillOptions {
  /** estimator of the number of missing studies (default L0, as metafor) */
  readonly estimator?: TrimFillEstimator;
  /** side of the missing studies; chosen as metafor does when not given */
  readonly side?: FunnelSide;
}

/** A study imputed by trim-and-fill: the mirror image of an observed study about the trimmed estimate. */
export interface FilledStudy {
  /** effect on the transformed scale */
  readonly yi: number;
  /** sampling variance (that of the study it mirrors) */
  readonly vi: number;
  /** the observed study it mirrors, 0-based position in the input */
  readonly mirrors: number;
}

/** Result of {@link trimAndFill}: the number of missing studies and the analysis with them filled in. */
export interface TrimAndFillResult {
  readonly estimator: TrimFillEstimator;
  readonly side: FunnelSide;
  /** observed studies */
  readonly k: number;
  /** estimated number of missing studies, and its standard error (metafor `se.k0`) */
  readonly k0: number;
  readonly k0_se: number;
  /** R0 only: p-value of the test that no study is missing (metafor `p.k0`); null for L0 */
  readonly k0_p: number | null;
  /** iterations of the trimming loop */
  readonly iterations: number;
  /** the imputed studies, in metafor's order */
  readonly filled: readonly FilledStudy[];
  /** the model fitted to the observed and filled studies, as requested (or REML, see warnings) */
  readonly method: ModelMethod;
  readonly ci: CiMethod;
  readonly level: number;
  readonly tau2: number;
  readonly I2: number;
  readonly H2: number;
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_p: number;
  /** pooled estimate of observed and filled studies, transformed scale */
  readonly transformed: TransformedEstimate;
  /** the same back-transformed (PFT with Miller: at the harmonic mean of the k + k0 study sizes) */
  readonly proportion: ProportionEstimate;
  readonly warnings: readonly string[];
}

/** Slope of the weighted regression of y on x with weights 1 / (vᵢ + tau²), x centred at its weighted mean. */
function regressionSlope(y: Float64Array, v: Float64Array, x: Float64Array, tau2: number): number {
  const k = y.length;
  let s0 = 0, s1 = 0, sy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i]! + tau2);
    s0 += w;
    s1 += w * x[i]!;
    sy += w * y[i]!;
  }
  const xBar = s1 / s0;
  const yBar = sy / s0;
  let sdd = 0, sdy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i]! + tau2);
    const d = x[i]! - xBar;
    sdd += w * d * d;
    sdy += w * d * (y[i]! - yBar);
  }
  return sdy / sdd;
}

/** metafor's tolerance on the eigenvalues of X'X below which it refuses the design (`evtol`). */
const EIGEN_TOLERANCE = 1e-7;

/**
 * The side metafor's `trimfill()` picks: the regression of yᵢ on √vᵢ with the analysis' model;
 * a negative slope puts the missing studies on the right. Null when metafor cannot fit that
 * regression (two studies under a random-effects model, or precisions so close that X'X is
 * singular to its tolerance).
 */
function estimatedSide(yi: Float64Array, vi: Float64Array, method: ModelMethod, control: FitControl): FunnelSide | null {
  const k = yi.length;
  if (k < (method === 'FE' ? 2 : 3)) return null;
  const x = new Float64Array(k);
  let sx = 0, sxx = 0;
  for (let i = 0; i < k; i++) {
    x[i] = Math.sqrt(vi[i]!);
    sx += x[i]!;
    sxx += x[i]! * x[i]!;
  }
  // smallest eigenvalue of X'X = [[k, Σx], [Σx, Σx²]]: det / largest, det = k Σ(x - x̄)²
  const mean = sx / k;
  let spread = 0;
  for (let i = 0; i < k; i++) spread += (x[i]! - mean) ** 2;
  const half = (k + sxx) / 2;
  const largest = half + Math.sqrt(((k - sxx) / 2) ** 2 + sx * sx);
  if (!((k * spread) / largest > EIGEN_TOLERANCE)) return null;
  // centred effects, as rma.uni uses for tau²
  let my = 0;
  for (let i = 0; i < k; i++) my += yi[i]!;
  my /= k;
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) y[i] = yi[i]! - my;
  const design = new Float64Array(2 * k);
  for (let i = 0; i < k; i++) {
    design[2 * i] = 1;
    design[2 * i + 1] = x[i]!;
  }
  const tau2 = method === 'FE' ? 0 : designTau2(designData(y, vi, design, 2), method, control).tau2;
  return regressionSlope(y, vi, x, tau2) < 0 ? 'right' : 'left';
}

/**
 * The estimate rma.uni() gives for one study, with its rounding: ((s·s)·w)·y with w = 1/v and
 * s = 1/√w from its QR solve. It can differ from y in the last bit, and trim-and-fill then
 * ranks that study on one side or the other; following the same arithmetic keeps k0 and its
 * standard error as metafor's.
 */
function singleStudyEstimate(y: number, v: number): number {
  const w = 1 / v;
  const s = 1 / Math.sqrt(w);
  return s * s * w * y;
}

/** R's round(): half to even. */
function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

const MAX_TRIM_ITERATIONS = 100;

/**
 * Trim-and-fill (Duval and Tweedie 2000) as metafor's `trimfill()` on an `rma()` fit: estimates
 * how many studies are missing on one side of the funnel plot (L0 or R0), imputes their mirror
 * images about the estimate of the trimmed studies, and refits the model to observed and filled
 * studies.
 *
 * As metafor: when `side` is not given it is the side opposite the sign of the slope of the
 * regression of yᵢ on √vᵢ fitted with the analysis' model (a negative slope: missing on the
 * right); the studies are sorted on that side's scale (ties kept in input order), and each
 * iteration fits the model to the k - k0 least extreme of them, ranks |yᵢ - b| (ties by
 * position) and updates k0 = max(0, round(L0 or R0)) until it stops changing (at most 100
 * iterations). The filled studies are 2b - yᵢ of the k0 most extreme studies, with their
 * variances. The refit uses the analysis' method, interval (z or Hartung-Knapp) and level; note
 * that metafor's `trimfill()` passes neither `test` nor `level` on to its refit unless they are
 * given to it again, which the fixtures do. The PFT back-transform with Miller's inverse uses
 * the harmonic mean of the k + k0 study sizes, a filled study having the size of the study it
 * mirrors (as the `ni` metafor keeps for the filled studies, and as R meta's `trimfill`).
 *
 * Where metafor stops instead: with a model the engine does not fit by inverse variance (a
 * `method` outside MODEL_METHODS) the inverse-variance model of the same transform with REML is
 * used, with a warning; when the side regression cannot be fitted (two studies under a
 * random-effects model, or studies of (nearly) equal precision) the left side is assumed, with
 * a warning; REML or ML that do not converge fall back to DL as in metaProportions. Groups are
 * ignored.
 *
 * Reference: Duval S, Tweedie R (2000). Trim and fill: a simple funnel-plot-based method of
 * testing and adjusting for publication bias in meta-analysis. Biometrics 56(2), 455-463.
 * https://doi.org/10.1111/j.0006-341X.2000.00455.x
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @param options estimator (L0 default, or R0) and side (estimated when omitted)
 * @returns k0 and its SE, the filled studies and the refitted model on both scales
 * @throws StatsInputError for invalid input, a single study, or when the trimming does not
 *   converge or leaves no study (metafor stops there too)
 * @example
 * trimAndFill({ events: [2, 9, 16, 30, 4], n: [10, 15, 20, 60, 80], transform: 'PLO', method: 'DL' }).k0
 */
export function trimAndFill(input: MetaProportionsInput, options: TrimAndFillOptions = {}): TrimAndFillResult {
  const warnings: string[] = [];
  let request = input;
  if (!(MODEL_METHODS as readonly string[]).includes(input.method)) {
    warnings.push(messages.trimFillOnInverseVariance(String(input.method)));
    request = { ...input, method: 'REML' };
  }
  const prepared = prepareAnalysis(request);
  const { settings, effects } = prepared;
  const { method, ci, level, control } = settings;
  const k = effects.yi.length;
  if (k < 2) throw new StatsInputError(messages.trimFillSingleStudy());
  const estimator = options.estimator ?? 'L0';
  let side = options.side ?? estimatedSide(effects.yi, effects.vi, method, control);
  if (side === null) {
    side = 'left';
    warnings.push(messages.trimFillSideAssumed());
  }

  // Studies on the chosen side's scale (missing studies to the left), sorted, ties in input order.
  const sign = side === 'right' ? -1 : 1;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sign * effects.yi[a]! - sign * effects.yi[b]! || a - b);
  const y = Float64Array.from(order, (i) => sign * effects.yi[i]!);
  const v = Float64Array.from(order, (i) => effects.vi[i]!);
  const centred = new Float64Array(k);
  const byDistance = Array.from({ length: k }, (_, i) => i);

  let k0 = 0;
  let previous = -1;
  let iterations = 0;
  let beta = 0;
  let k0Se = 0;
  while (k0 !== previous) {
    previous = k0;
    iterations++;
    if (iterations > MAX_TRIM_ITERATIONS) throw new StatsInputError(messages.trimFillFailed('the trimming did not converge'));
    const kept = k - k0;
    if (kept < 1) throw new StatsInputError(messages.trimFillFailed('no study is left after trimming'));
    beta = kept === 1 ? singleStudyEstimate(y[0]!, v[0]!) : fitModel(effectData(y.subarray(0, kept), v.subarray(0, kept)), method, 'z', level, control).coefficients[0]!;
    for (let i = 0; i < k; i++) centred[i] = y[i]! - beta;
    // ranks of |yᵢ - b|, ties by position (R's rank(ties.method = "first"))
    byDistance.sort((a, b) => Math.abs(centred[a]!) - Math.abs(centred[b]!) || a - b);
    let estimate: number;
    if (estimator === 'R0') {
      let longestNegative = -Infinity;
      for (let r = 0; r < k; r++) if (centred[byDistance[r]!]! < 0) longestNegative = r + 1;
      estimate = k - longestNegative - 1;
      k0Se = Math.sqrt(2 * Math.max(0, estimate) + 2);
    } else {
      let positiveRanks = 0;
      for (let r = 0; r < k; r++) if (centred[byDistance[r]!]! > 0) positiveRanks += r + 1;
      estimate = (4 * positiveRanks - k * (k + 1)) / (2 * k - 1);
      const e = estimate;
      const varianceSr = (k * (k + 1) * (2 * k + 1) + 10 * e ** 3 + 27 * e ** 2 + 17 * e - 18 * k * e ** 2 - 18 * k * e + 6 * k ** 2 * e) / 24;
      k0Se = (4 * Math.sqrt(varianceSr)) / (2 * k - 1);
    }
    if (!Number.isFinite(estimate)) throw new StatsInputError(messages.trimFillFailed('no study lies on the other side of the trimmed estimate'));
    k0 = Math.max(0, roundHalfEven(estimate));
    k0Se = Math.max(0, k0Se);
  }

  const filled: FilledStudy[] = [];
  for (let j = k - k0; j < k; j++) filled.push({ yi: sign * (2 * beta - y[j]!), vi: v[j]!, mirrors: order[j]! });
  const allY = Float64Array.from([...effects.yi, ...filled.map((f) => f.yi)]);
  const allV = Float64Array.from([...effects.vi, ...filled.map((f) => f.vi)]);
  const sizes = [...prepared.n, ...filled.map((f) => prepared.n[f.mirrors]!)];
  const fit = fitModel(effectData(allY, allV), method, ci, level, control);
  const summary = summarizeLevel(fit, 0, settings, harmonicMean(sizes));
  if (effects.correctedCount > 0) warnings.push(messages.correctionApplied(settings.add, effects.correctedCount, settings.transform));
  warnings.push(...fit.warnings, ...summary.warnings);
  return {
    estimator,
    side,
    k,
    k0,
    k0_se: k0Se,
    k0_p: estimator === 'R0' ? 0.5 ** (k0 + 1) : null,
    iterations,
    filled,
    method: fit.method,
    ci: fit.ci,
    level,
    tau2: fit.tau2,
    I2: fit.I2,
    H2: fit.H2,
    Q: fit.Q,
    Q_df: fit.Q_df,
    Q_p: fit.Q_p,
    transformed: summary.transformed,
    proportion: summary.proportion,
    warnings,
  };
}
