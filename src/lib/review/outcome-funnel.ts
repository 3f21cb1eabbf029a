/**
 * The funnel plot and trim-and-fill of one outcome for analyses.json: each row's effect and
 * standard error on the transformed scale, the pooled estimate, the pseudo-confidence region,
 * Egger's line, and trim-and-fill by both estimators (L0 and R0) with the studies they impute.
 * Every part costs O(k) per iteration of a fit (plus one sort of the rows per trimming step),
 * so a review of thousands of trials stays fast.
 */
import { funnelData } from '../stats/analysis/funnel-data.ts';
import { trimAndFill, type FunnelSide, type TrimFillEstimator } from '../stats/analysis/trim-and-fill.ts';
import { harmonicMean } from '../stats/transforms/harmonic-mean.ts';
import { messages } from '../stats/messages.ts';
import { MODEL_METHODS, type PftBackTransform, type Transform } from '../stats/methods.ts';
import type { MetaProportionsInput } from '../stats/types.ts';

/** Trim-and-fill by one estimator. */
export interface FunnelTrimFill {
  estimator: TrimFillEstimator;
  /** studies estimated missing (filled), and the standard error of that estimate (null where undefined) */
  k0: number;
  k0_se: number | null;
  /** side of the funnel on which studies are taken to be missing */
  side: FunnelSide;
  /** pooled estimate of observed and filled studies, proportion (0-1), with its confidence interval */
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  /** the same on the transformed scale (the plot's x) */
  estimate_transformed: number;
  /** the imputed studies (transformed scale), each the mirror image of the row labelled `mirrors` */
  filled: { yi: number; sei: number; mirrors: string }[];
  warnings: string[];
}

/** Funnel plot data and trim-and-fill of an outcome's overall analysis. */
export interface FunnelSummary {
  k: number;
  /** the model of the estimate and of trim-and-fill: the review's, or REML when it is not an inverse-variance model (see warnings) */
  method: string;
  /** scale of yi and of the plot's x axis, and how it maps back to proportions */
  transform: Transform;
  back_transform: PftBackTransform;
  /** harmonic mean of the rows' sizes (PFT with Miller's inverse maps the axis back with it) */
  harmonic_n: number;
  /** confidence level of the region, and its normal quantile */
  level: number;
  z: number;
  /** one point per row, in input order */
  studies: { label: string; yi: number; sei: number }[];
  /** pooled estimate of the review's model (transformed scale) */
  estimate: number;
  /** pseudo-confidence region: estimate ± z·se for se from 0 to se_max (lower and upper at se_max) */
  region: { se_max: number; lower: number; upper: number };
  /** Egger's line, effect = intercept + slope·se; null below the minimum number of rows or without spread in precision */
  egger: { intercept: number; slope: number } | null;
  /** trim-and-fill by each estimator; null where it cannot be computed (one row, or the trimming failed) */
  trim_and_fill: { L0: FunnelTrimFill | null; R0: FunnelTrimFill | null };
  warnings: string[];
}

/** Options of {@link funnelSummary}. */
export interface FunnelSummaryOptions {
  /** fewest rows for Egger's line (analysis.egger_min_k; never fewer than 3) */
  eggerMinK: number;
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * The funnel plot coordinates and trim-and-fill (metafor `funnel()`, `regtest(model = "lm")`
 * and `trimfill()` with estimators L0 and R0) of an outcome, ready for analyses.json.
 *
 * Reference: Duval S, Tweedie R (2000). Trim and fill: a simple funnel-plot-based method of
 * testing and adjusting for publication bias in meta-analysis. Biometrics 56(2), 455-463.
 * https://doi.org/10.1111/j.0006-341X.2000.00455.x
 *
 * @param input the outcome's overall analysis (counts and the review's options)
 * @param labels the label of each row, in input order (the input's own labels, then "Study i", where missing)
 * @param options the fewest rows for Egger's line
 * @returns the summary, or null for input the engine refuses (e.g. no rows)
 * @example funnelSummary({ events: [4, 9, 16, 40], n: [10, 15, 20, 45], transform: 'PLO', method: 'REML' }, ['A', 'B', 'C', 'D'], { eggerMinK: 10 })?.egger // null
 */
export function funnelSummary(input: MetaProportionsInput, labels: readonly string[], options: FunnelSummaryOptions): FunnelSummary | null {
  const k = input.events.length;
  if (k === 0) return null;
  const labelOf = (i: number): string => labels[i] ?? input.labels?.[i] ?? `Study ${i + 1}`;
  const warnings: string[] = [];
  const trimFill = (estimator: TrimFillEstimator): FunnelTrimFill | null => {
    if (k < 2) return null;
    try {
      const r = trimAndFill(input, { estimator });
      return {
        estimator,
        k0: r.k0,
        k0_se: finite(r.k0_se),
        side: r.side,
        estimate: r.proportion.estimate,
        ci_lower: r.proportion.ci_lower,
        ci_upper: r.proportion.ci_upper,
        estimate_transformed: r.transformed.estimate,
        filled: r.filled.map((f) => ({ yi: f.yi, sei: Math.sqrt(f.vi), mirrors: labelOf(f.mirrors) })),
        warnings: [...r.warnings],
      };
    } catch (error) {
      // the trimming did not converge or left no study (metafor stops there too)
      warnings.push(`${estimator}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  let data;
  try {
    data = funnelData(input);
  } catch {
    return null;
  }
  const inverseVariance = (MODEL_METHODS as readonly string[]).includes(input.method);
  if (!inverseVariance) warnings.push(messages.trimFillOnInverseVariance(String(input.method)));
  const L0 = trimFill('L0');
  const R0 = trimFill('R0');
  return {
    k,
    method: inverseVariance ? input.method : 'REML',
    transform: input.transform,
    back_transform: input.backTransform ?? 'miller',
    harmonic_n: harmonicMean(input.n),
    level: data.level,
    z: data.z,
    studies: data.studies.map((s, i) => ({ label: labelOf(i), yi: s.yi, sei: s.sei })),
    estimate: data.estimate,
    region: { ...data.region },
    egger: k >= Math.max(3, options.eggerMinK) && data.egger ? { ...data.egger } : null,
    trim_and_fill: { L0, R0 },
    warnings,
  };
}
