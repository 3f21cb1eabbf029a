import { normalQuantile } from '../distributions/normal-quantile.ts';
import { MODEL_METHODS } from '../methods.ts';
import type { MetaProportionsInput } from '../types.ts';
import { eggerTest } from './egger-test.ts';
import { poolStudies } from './pool-studies.ts';
import { prepareAnalysis } from './prepare-analysis.ts';
import type { TrimAndFillResult } from './trim-and-fill.ts';

/** A point of the funnel plot: an effect (transformed scale) and its standard error. */
export interface FunnelPoint {
  readonly yi: number;
  readonly sei: number;
}

/** What a funnel plot draws, all on the transformed scale. */
export interface FunnelData {
  /** one point per study, in input order */
  readonly studies: readonly FunnelPoint[];
  /** the pooled estimate of the analysis' model (the vertical line) */
  readonly estimate: number;
  /** the level of the pseudo-confidence region and its normal quantile z */
  readonly level: number;
  readonly z: number;
  /**
   * The pseudo-confidence region estimate ± z·se for se from 0 to `se_max` (the largest
   * standard error): a triangle with its apex at (estimate, 0) and its base from `lower` to
   * `upper` at se_max.
   */
  readonly region: { readonly se_max: number; readonly lower: number; readonly upper: number };
  /**
   * Egger's regression line in funnel coordinates, effect = intercept + slope·se (metafor
   * `regtest(model = "lm")`); null with fewer than 3 studies or studies of equal precision.
   */
  readonly egger: { readonly intercept: number; readonly slope: number } | null;
  /** the studies trim-and-fill imputed, when its result was given; null otherwise */
  readonly filled: readonly (FunnelPoint & { readonly mirrors: number })[] | null;
}

/**
 * The coordinates of a funnel plot as metafor's `funnel()` draws it for an `rma()` fit: each
 * study's effect yᵢ against its standard error √vᵢ, the model's pooled estimate, the
 * pseudo-confidence region estimate ± z·se (z the normal quantile of the analysis' level,
 * whatever its interval, and without tau², as `funnel(addtau2 = FALSE)`) for se from 0 to the
 * largest standard error, Egger's regression line (the fit of eggerTest) and, when given,
 * the studies trim-and-fill imputed (filled studies have standard errors of observed ones, so
 * the region is unchanged). Groups are ignored; a `method` outside MODEL_METHODS is replaced by
 * REML, as trimAndFill does.
 *
 * Reference: Sterne JAC, Egger M (2001). Funnel plots for detecting bias in meta-analysis:
 * guidelines on choice of axis. Journal of Clinical Epidemiology 54(10), 1046-1055.
 * https://doi.org/10.1016/S0895-4356(01)00377-8
 *
 * @param input the same request as metaProportions (groups are ignored)
 * @param trimFill the result of trimAndFill on the same input, to add its filled studies
 * @returns the plot's coordinates on the transformed scale
 * @throws StatsInputError for invalid input
 * @example
 * funnelData({ events: [2, 9, 16, 30], n: [10, 15, 20, 60], transform: 'PLO', method: 'DL' }).studies.length // 4
 */
export function funnelData(input: MetaProportionsInput, trimFill?: TrimAndFillResult): FunnelData {
  // a model the engine does not fit by inverse variance: its inverse-variance analogue, as trimAndFill
  const request: MetaProportionsInput = (MODEL_METHODS as readonly string[]).includes(input.method) ? input : { ...input, method: 'REML' };
  const prepared = prepareAnalysis(request);
  const { yi, vi } = prepared.effects;
  const k = yi.length;
  const studies: FunnelPoint[] = [];
  let seMax = 0;
  for (let i = 0; i < k; i++) {
    const sei = Math.sqrt(vi[i]!);
    studies.push({ yi: yi[i]!, sei });
    if (sei > seMax) seMax = sei;
  }
  const indices = Array.from({ length: k }, (_, i) => i);
  const estimate = poolStudies(prepared, indices).transformed.estimate;
  const level = prepared.settings.level;
  const z = -normalQuantile((1 - level) / 2);
  let egger: FunnelData['egger'] = null;
  if (k >= 3) {
    try {
      const test = eggerTest(request);
      egger = { intercept: test.limit_estimate, slope: test.slope };
    } catch {
      // studies of equal precision: no line
      egger = null;
    }
  }
  return {
    studies,
    estimate,
    level,
    z,
    region: { se_max: seMax, lower: estimate - z * seMax, upper: estimate + z * seMax },
    egger,
    filled: trimFill ? trimFill.filled.map((f) => ({ yi: f.yi, sei: Math.sqrt(f.vi), mirrors: f.mirrors })) : null,
  };
}
