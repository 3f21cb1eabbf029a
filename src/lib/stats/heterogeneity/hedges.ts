import type { EffectData } from '../models/effect-data.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/**
 * Hedges' (HE) unweighted method-of-moments estimator of tau²:
 * (Σ (yᵢ - ȳ_g)² - Σ vᵢ (1 - 1/k_g)) / (k - p), truncated at 0. metafor also uses it as the
 * starting value of REML and ML.
 *
 * Reference: Hedges LV (1983). A random effects model for effect sizes. Psychological
 * Bulletin 93(2), 388-395. https://doi.org/10.1037/0033-2909.93.2.388
 *
 * @param data effect sizes and sampling variances (transformed scale), k > p
 * @returns tau² (transformed scale) and its untruncated value
 * @throws never: the data are checked when the effects are computed
 * @example
 * hedges(effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015])).tau2 // 0.025
 */
export function hedges(data: EffectData): Tau2Estimate {
  const { k, yi, vi, group, groupCount } = data;
  let rss = 0;
  let traceVariance = 0;
  if (data.multiplicity) {
    // cell form: Σ (y - c)² of a cell is m·d̄² + its within-cell squares
    const m = data.multiplicity;
    let sumV = 0;
    let sumD = 0;
    for (let c = 0; c < yi.length; c++) {
      const d = yi[c]! - data.centre;
      rss += m[c]! * d * d + data.withinSquares![c]!;
      sumV += m[c]! * vi[c]!;
      sumD += m[c]! * d;
    }
    rss -= (sumD * sumD) / k;
    traceVariance = sumV * (1 - 1 / k);
  } else if (groupCount === 1) {
    let sumV = 0;
    for (let i = 0; i < k; i++) {
      const d = yi[i]! - data.centre;
      rss += d * d;
      sumV += vi[i]!;
    }
    let sumD = 0;
    for (let i = 0; i < k; i++) sumD += yi[i]! - data.centre;
    rss -= (sumD * sumD) / k;
    traceVariance = sumV * (1 - 1 / k);
  } else {
    const sums = new Float64Array(2 * groupCount);
    for (let i = 0; i < k; i++) {
      const offset = 2 * group[i]!;
      sums[offset] = sums[offset]! + 1;
      sums[offset + 1] = sums[offset + 1]! + yi[i]!;
    }
    for (let i = 0; i < k; i++) {
      const offset = 2 * group[i]!;
      const count = sums[offset]!;
      const residual = yi[i]! - sums[offset + 1]! / count;
      rss += residual * residual;
      traceVariance += vi[i]! * (1 - 1 / count);
    }
  }
  const raw = (rss - traceVariance) / (k - groupCount);
  return { tau2: Math.max(0, raw), raw, iterations: 0, converged: true };
}
