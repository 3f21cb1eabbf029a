import { chiSquareUpperTail } from '../distributions/chi-square-upper-tail.ts';
import { criticalValue } from '../distributions/critical-value.ts';
import { estimateTau2 } from '../heterogeneity/estimate-tau2.ts';
import { createWorkspace, type Workspace } from '../heterogeneity/create-workspace.ts';
import { MOMENT, residualMoments } from '../heterogeneity/residual-moments.ts';
import { messages } from '../messages.ts';
import type { CiMethod, ModelMethod } from '../methods.ts';
import type { FitControl } from '../types.ts';
import type { EffectData } from './effect-data.ts';
import type { ModelFit } from './model-fit.ts';
import { copyFloat64 } from '../numeric/copy-float64.ts';

const DOUBLE_EPSILON = 2.220446049250313e-16;

/**
 * Fits the common-effect (FE) or random-effects model to effect sizes, with one coefficient
 * per level of the grouping, as metafor's `rma.uni()`: tau² by the named estimator, inverse-
 * variance weights 1 / (vᵢ + tau²), Wald z or Hartung-Knapp (t with k - p df, variances
 * scaled by s²_w = Σ wᵢ (yᵢ - b)² / (k - p), or by max(1, s²_w) with the ad hoc correction of
 * `hk-adhoc`) intervals, Cochran's Q at weights 1 / vᵢ, and
 * I² = 100 tau² / (v̄ + tau²), H² = tau² / v̄ + 1 with the typical within-study variance
 * v̄ = (k - p) / tr(P) (for FE: I² = (Q - df) / Q, H² = Q / df; these Q-based values are
 * also returned for every model as I2_Q and H2_Q).
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03;
 * Hartung J, Knapp G (2001), https://doi.org/10.1002/sim.791;
 * Knapp G, Hartung J (2003), https://doi.org/10.1002/sim.1482 (the ad hoc correction);
 * Higgins JPT, Thompson SG (2002), https://doi.org/10.1002/sim.1186
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param method FE or a tau² estimator
 * @param ci `z`, `hk` or `hk-adhoc`
 * @param level confidence level in (0, 1)
 * @param control convergence settings of the iterative estimators
 * @param workspace scratch arrays sized for the data (created when omitted); a caller that passes
 *   one may evaluate it again, so the fit copies its weights, while a workspace made here is
 *   the fit's own and its weights are kept as they are (one allocation fewer per fit)
 * @returns the fit on the transformed scale, with warnings
 * @throws never: the data are checked when the effects are computed
 * @example
 * fitModel(effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]), 'DL', 'z', 0.95, {}).coefficients[0] // 0.283477932855…
 */
export function fitModel(
  data: EffectData,
  method: ModelMethod,
  ci: CiMethod,
  level: number,
  control: FitControl,
  workspace?: Workspace,
): ModelFit {
  const ownWorkspace = workspace === undefined;
  const scratch = workspace ?? createWorkspace(data);
  const { k, groupCount: p } = data;
  const warnings: string[] = [];
  const residualDf = k - p;

  // heterogeneity at the common-effect weights 1 / vi
  let Q = 0;
  let typicalVariance = 0;
  if (residualDf > 0) {
    const moments = residualMoments(data, 0, scratch);
    Q = Math.max(0, moments[MOMENT.rss]!);
    typicalVariance = residualDf / moments[MOMENT.trP]!;
  }

  // tau²
  let tau2 = 0;
  let fitted: ModelMethod = method;
  if (method !== 'FE') {
    if (residualDf > 0) {
      const estimate = estimateTau2(data, scratch, method, control);
      tau2 = estimate.tau2;
      fitted = estimate.method;
      warnings.push(...estimate.warnings);
    } else if (k === 1) {
      warnings.push(messages.singleStudy());
    }
  }

  // coefficients and their variances
  const moments = residualMoments(data, tau2, scratch);
  const coefficients = scratch.coefficients.slice();
  const coefficientVariances = new Float64Array(p);
  for (let g = 0; g < p; g++) coefficientVariances[g] = 1 / scratch.levelSums[4 * g]!;
  let usedCi: CiMethod = ci;
  let scale = 1;
  if (ci === 'hk' || ci === 'hk-adhoc') {
    if (method === 'FE') warnings.push(messages.hartungKnappCommonEffect());
    if (residualDf < 1) {
      usedCi = 'z';
      warnings.push(messages.hartungKnappSingleStudy());
    } else {
      const rss = moments[MOMENT.rss]!;
      scale = rss <= DOUBLE_EPSILON ? 0 : rss / residualDf;
      // ad hoc correction (metafor test = "adhoc"): never narrower than the Wald-type interval
      if (ci === 'hk-adhoc') scale = Math.max(1, scale);
      for (let g = 0; g < p; g++) coefficientVariances[g] = coefficientVariances[g]! * scale;
    }
  }
  const df = usedCi === 'z' ? null : residualDf;
  const critical = criticalValue(level, df);

  let I2 = 0;
  let H2 = 1;
  if (residualDf > 0) {
    if (method === 'FE') {
      I2 = Math.max(0, (100 * (Q - residualDf)) / Q);
      H2 = Q / residualDf;
    } else {
      I2 = (100 * tau2) / (typicalVariance + tau2);
      H2 = tau2 / typicalVariance + 1;
    }
  }
  // I² and H² from Q alone (Higgins & Thompson 2002), whatever the model
  const I2_Q = residualDf > 0 ? Math.max(0, (100 * (Q - residualDf)) / Q) : 0;
  const H2_Q = residualDf > 0 ? Q / residualDf : 1;
  const weights = ownWorkspace ? scratch.weights : copyFloat64(scratch.weights);
  return {
    k,
    p,
    method: fitted,
    ci: usedCi,
    tau2,
    coefficients,
    coefficientVariances,
    critical,
    df,
    scale,
    Q,
    Q_df: residualDf,
    Q_p: residualDf > 0 ? chiSquareUpperTail(Q, residualDf) : 1,
    I2,
    H2,
    I2_Q,
    H2_Q,
    typicalVariance,
    weights,
    warnings,
  };
}
