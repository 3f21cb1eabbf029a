import { chiSquareQuantile } from '../distributions/chi-square-quantile.ts';
import type { EffectData } from '../models/effect-data.ts';
import type { Tau2Interval } from '../types.ts';
import { createWorkspace, type Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';

const RELATIVE_TOLERANCE = 1e-13;
const MAX_ITERATIONS = 200;
const quantiles = new Map<number, Map<number, number>>();

/** Chi-square quantile, remembered per (p, df): every analysis asks for the same few. */
function cachedQuantile(p: number, df: number): number {
  let byDf = quantiles.get(p);
  if (byDf === undefined) {
    byDf = new Map();
    quantiles.set(p, byDf);
  }
  let value = byDf.get(df);
  if (value === undefined) {
    value = chiSquareQuantile(p, df);
    byDf.set(df, value);
  }
  return value;
}

/**
 * The tau² at which the generalised Q statistic falls to `target`. Q(tau²) decreases
 * (dQ/dtau² = -Σ (wᵢ (yᵢ - b))², the `ypp` moment), so Newton steps from the left of the
 * root move towards it; the bracket [low, high] and bisection keep every step safe.
 */
function crossing(data: EffectData, workspace: Workspace, target: number, atZero: number): number {
  if (atZero <= target) return 0;
  let low = 0;
  let high = Infinity;
  let tau2 = 0;
  let excess = atZero - target;
  let slope = residualMoments(data, 0, workspace)[MOMENT.ypp]!;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let next = tau2 + excess / slope;
    if (!(next > low && next < high)) next = Number.isFinite(high) ? 0.5 * (low + high) : 2 * tau2 + 1;
    if (Math.abs(next - tau2) <= RELATIVE_TOLERANCE * next) return next;
    tau2 = next;
    const moments = residualMoments(data, tau2, workspace);
    excess = moments[MOMENT.rss]! - target;
    slope = moments[MOMENT.ypp]!;
    if (excess === 0) return tau2;
    if (excess > 0) low = tau2;
    else high = tau2;
  }
  return tau2;
}

/**
 * Q-profile confidence interval of tau²: the values at which the generalised Q statistic
 * Σ wᵢ (yᵢ - b)², wᵢ = 1 / (vᵢ + tau²), equals the upper and lower α/2 quantiles of the
 * chi-square distribution with k - p df (a bound is 0 when Q at tau² = 0 is already below
 * its quantile), with the I² and H² those bounds imply (metafor `confint.rma.uni`). Roots
 * are found to 1e-13 relative, tighter than metafor's default tolerance.
 *
 * Reference: Viechtbauer W (2007). Confidence intervals for the amount of heterogeneity in
 * meta-analysis. Statistics in Medicine 26(1), 37-52. https://doi.org/10.1002/sim.2514
 *
 * @param data effect sizes and sampling variances (transformed scale), k > p
 * @param level confidence level in (0, 1)
 * @param typicalVariance typical within-study variance (transformed scale) for I² and H²
 * @param workspace scratch arrays sized for the data (created when omitted)
 * @returns the bounds of tau² (transformed scale), I² (percent) and H²
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * qProfileInterval(data, 0.95, 0.014444444444444444).tau2_upper // 1.564920882734…
 */
export function qProfileInterval(
  data: EffectData,
  level: number,
  typicalVariance: number,
  workspace: Workspace = createWorkspace(data),
): Tau2Interval {
  const df = data.k - data.groupCount;
  const alpha = 1 - level;
  const atZero = residualMoments(data, 0, workspace)[MOMENT.rss]!;
  const tau2Lower = crossing(data, workspace, cachedQuantile(1 - alpha / 2, df), atZero);
  const tau2Upper = crossing(data, workspace, cachedQuantile(alpha / 2, df), atZero);
  return {
    tau2_lower: tau2Lower,
    tau2_upper: tau2Upper,
    I2_lower: (100 * tau2Lower) / (typicalVariance + tau2Lower),
    I2_upper: (100 * tau2Upper) / (typicalVariance + tau2Upper),
    H2_lower: tau2Lower / typicalVariance + 1,
    H2_upper: tau2Upper / typicalVariance + 1,
  };
}
