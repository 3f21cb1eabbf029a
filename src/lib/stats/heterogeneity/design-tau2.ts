import { messages } from '../messages.ts';
import type { Tau2Method } from '../methods.ts';
import type { FitControl } from '../types.ts';
import type { DesignData } from './design-data.ts';
import { designHedges } from './design-hedges.ts';
import { designMoments } from './design-moments.ts';
import { designWorkspace, type DesignWorkspace } from './design-workspace.ts';
import { chooseTau2 } from './choose-tau2.ts';
import { DEFAULT_CONTROL, type Tau2Result } from './estimate-tau2.ts';
import { scoreTau2, type Likelihood } from './score-tau2.ts';
import { METAFOR_ROOT_TOLERANCE } from './paule-mandel.ts';
import { MOMENT } from './residual-moments.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';
import { pauleMandelRoot } from './paule-mandel-root.ts';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** DerSimonian-Laird: (Q - (k - p)) / tr P at the weights 1 / vᵢ, truncated at 0. */
function dersimonianLaird(data: DesignData, workspace: DesignWorkspace): Tau2Estimate {
  const moments = designMoments(data, 0, workspace);
  const raw = (moments[MOMENT.rss]! - (data.k - data.p)) / moments[MOMENT.trP]!;
  return { tau2: Math.max(0, raw), raw, iterations: 0, converged: true };
}

/** Sidik-Jonkman: tau₀² = Σ (yᵢ - ȳ)² / k (about the plain mean, as metafor), then tau₀² Y'PY / (k - p). */
function sidikJonkman(data: DesignData, workspace: DesignWorkspace): Tau2Estimate {
  const { k, yi } = data;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += yi[i]!;
  mean /= k;
  let start = 0;
  for (let i = 0; i < k; i++) start += (yi[i]! - mean) ** 2;
  start /= k;
  const tau2 = (start * designMoments(data, start, workspace)[MOMENT.rss]!) / (k - data.p);
  return { tau2, raw: tau2, iterations: 0, converged: true };
}

/** Log-likelihood (ML) or restricted log-likelihood (REML) at tau², as metafor's ll0 check writes them. */
function logLikelihood(data: DesignData, workspace: DesignWorkspace, likelihood: Likelihood, tau2: number): number {
  const rss = designMoments(data, tau2, workspace)[MOMENT.rss]!;
  let logVariances = 0;
  for (let i = 0; i < data.k; i++) logVariances += Math.log(data.vi[i]! + tau2);
  if (likelihood === 'ML') return -0.5 * data.k * LOG_TWO_PI - 0.5 * logVariances - 0.5 * rss;
  return -0.5 * (data.k - data.p) * LOG_TWO_PI - 0.5 * logVariances - 0.5 * workspace.logDeterminant - 0.5 * rss;
}

/** REML or ML with metafor's check against tau² = 0 and its fallback to DL. */
function maximumLikelihood(data: DesignData, workspace: DesignWorkspace, likelihood: Likelihood, control: FitControl): Tau2Result {
  const threshold = control.threshold ?? DEFAULT_CONTROL.threshold;
  const start = control.start !== undefined && control.start >= 0 ? control.start : designHedges(data).tau2;
  const result = scoreTau2(
    (tau2) => designMoments(data, tau2, workspace),
    likelihood,
    Number.isFinite(start) ? start : 0,
    threshold,
    control.maxIterations ?? DEFAULT_CONTROL.maxIterations,
    control.stepAdjustment ?? DEFAULT_CONTROL.stepAdjustment,
  );
  if (result.converged) {
    if (result.tau2 > threshold) {
      const atZero = logLikelihood(data, workspace, likelihood, 0);
      const atEstimate = logLikelihood(data, workspace, likelihood, result.tau2);
      if (atZero - atEstimate > METAFOR_ROOT_TOLERANCE) return { tau2: 0, method: likelihood, warnings: [messages.localMaximum(likelihood)] };
    }
    return { tau2: result.tau2, method: likelihood, warnings: [] };
  }
  // fallback, as metafor's method = c("REML", "DL")
  const fallback = dersimonianLaird(data, workspace);
  const warnings = [messages.iterationFallback(likelihood, result.iterations, 'DL')];
  if (fallback.raw < 0) warnings.push(messages.tau2Truncated('DL', fallback.raw));
  return { tau2: fallback.tau2, method: 'DL', warnings };
}

/**
 * Estimates tau² of a meta-regression (mixed-effects model with a general model matrix X) with
 * the named method, by metafor's `rma.uni()` formulas with moderators: DL
 * (Q - (k - p)) / tr P at the weights 1 / vᵢ; HE from the least-squares residuals; SJ
 * tau₀² Y'PY / (k - p); PM the root of Y'PY = k - p; REML and ML by Fisher scoring from the HE
 * estimate, with the check against tau² = 0 and the fallback to DL when they do not converge.
 * The estimate is the residual heterogeneity: what the moderators leave unexplained.
 *
 * Reference: Viechtbauer W, López-López JA, Sánchez-Meca J, Marín-Martínez F (2015). A
 * comparison of procedures to test for moderators in mixed-effects meta-regression models.
 * Psychological Methods 20(3), 360-374. https://doi.org/10.1037/met0000023
 *
 * @param data effect sizes, sampling variances and model matrix (full column rank), k > p
 * @param method DL, REML, ML, PM, HE or SJ
 * @param control convergence settings
 * @param workspace scratch arrays sized for the data (created when omitted)
 * @returns tau² (transformed scale), the method used, warnings
 * @throws never: the caller checks the data
 * @example
 * designTau2(designData([0.1, 0.5, 0.3, 0.9], [0.01, 0.02, 0.015, 0.01], [1, 0, 1, 1, 1, 2, 1, 3], 2), 'DL', {}).tau2 // 0.0381967213114…
 */
export function designTau2(
  data: DesignData,
  method: Tau2Method,
  control: FitControl,
  workspace: DesignWorkspace = designWorkspace(data),
): Tau2Result {
  return chooseTau2(method, {
    likelihood: (likelihood) => maximumLikelihood(data, workspace, likelihood, control),
    pauleMandel: () =>
      pauleMandelRoot((tau2) => designMoments(data, tau2, workspace)[MOMENT.rss]!, data.k - data.p, data.yi, control.rootTolerance ?? DEFAULT_CONTROL.rootTolerance),
    derSimonianLaird: () => dersimonianLaird(data, workspace),
    hedges: () => designHedges(data),
    sidikJonkman: () => sidikJonkman(data, workspace),
  });
}
