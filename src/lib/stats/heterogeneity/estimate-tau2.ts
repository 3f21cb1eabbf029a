import { messages } from '../messages.ts';
import type { Tau2Method } from '../methods.ts';
import { chooseTau2, type Tau2Estimators } from './choose-tau2.ts';
import type { EffectData } from '../models/effect-data.ts';
import type { FitControl } from '../types.ts';
import { derSimonianLaird } from './dersimonian-laird.ts';
import { fisherScoring, type Likelihood } from './fisher-scoring.ts';
import { hedges } from './hedges.ts';
import { logLikelihood } from './log-likelihood.ts';
import { METAFOR_ROOT_TOLERANCE, pauleMandel } from './paule-mandel.ts';
import type { Workspace } from './create-workspace.ts';
import { sidikJonkman } from './sidik-jonkman.ts';

/**
 * Defaults of {@link FitControl}: the settings under which the engine is checked against
 * metafor (`control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5)`). Following
 * the same Fisher-scoring path matters where tau² ends at the boundary or the typical
 * within-study variance is tiny: there metafor's own answer depends on where it stopped.
 */
export const DEFAULT_CONTROL = {
  threshold: 1e-12,
  maxIterations: 5000,
  stepAdjustment: 0.5,
  rootTolerance: METAFOR_ROOT_TOLERANCE,
} as const;

/** tau² with the method that produced it and anything worth telling the reader. */
export interface Tau2Result {
  readonly tau2: number;
  /** the method used: the requested one, or DL after a fallback */
  readonly method: Tau2Method;
  readonly warnings: string[];
}

/** metafor's check that REML/ML did not stop below the likelihood at tau² = 0 (its `ll0check`). */
function stuckBelowZero(data: EffectData, workspace: Workspace, likelihood: Likelihood, tau2: number, threshold: number): boolean {
  if (!(tau2 > threshold)) return false;
  const atZero = logLikelihood(data, workspace, likelihood, 0);
  const atEstimate = logLikelihood(data, workspace, likelihood, tau2);
  return atZero - atEstimate > METAFOR_ROOT_TOLERANCE;
}

/** REML or ML: Fisher scoring from the HE estimate (or control.start); DL when it does not converge. */
function maximumLikelihood(data: EffectData, workspace: Workspace, likelihood: Likelihood, control: FitControl): Tau2Result {
  const threshold = control.threshold ?? DEFAULT_CONTROL.threshold;
  const start = control.start !== undefined && control.start >= 0 ? control.start : hedges(data).tau2;
  const result = fisherScoring(
    data,
    workspace,
    likelihood,
    start,
    threshold,
    control.maxIterations ?? DEFAULT_CONTROL.maxIterations,
    control.stepAdjustment ?? DEFAULT_CONTROL.stepAdjustment,
  );
  if (result.converged) {
    if (stuckBelowZero(data, workspace, likelihood, result.tau2, threshold)) {
      return { tau2: 0, method: likelihood, warnings: [messages.localMaximum(likelihood)] };
    }
    return { tau2: result.tau2, method: likelihood, warnings: [] };
  }
  // REML fallback, as metafor's method = c("REML", "DL")
  const fallback = derSimonianLaird(data, workspace);
  const warnings = [messages.iterationFallback(likelihood, result.iterations, 'DL')];
  if (fallback.raw < 0) warnings.push(messages.tau2Truncated('DL', fallback.raw));
  return { tau2: fallback.tau2, method: 'DL', warnings };
}

/**
 * Estimates tau² with the named method, as metafor's `rma.uni()` defines each estimator,
 * and says in `warnings` when it truncated a negative estimate, fell back to DL because
 * REML/ML did not converge, or set tau² to 0 after a local maximum.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes and sampling variances (transformed scale), k > p
 * @param workspace scratch arrays for the data
 * @param method DL, REML, ML, PM, HE or SJ
 * @param control convergence settings
 * @returns tau² (transformed scale), the method used, warnings
 * @throws never: the data are checked when the effects are computed
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * estimateTau2(data, createWorkspace(data), 'DL', {}).tau2 // 0.025555555555…
 */
export function estimateTau2(data: EffectData, workspace: Workspace, method: Tau2Method, control: FitControl): Tau2Result {
  return chooseTau2(method, new CellEstimators(data, workspace, control));
}

/**
 * The tau² estimators of cell-means data, as chooseTau2 calls them. Methods of a class rather
 * than closures made per fit: a closure per estimator and fit was a measurable share of a
 * k = 20 analysis (five function objects, each named at run time by the TypeScript loader).
 */
class CellEstimators implements Tau2Estimators {
  private readonly data: EffectData;
  private readonly workspace: Workspace;
  private readonly control: FitControl;

  constructor(data: EffectData, workspace: Workspace, control: FitControl) {
    this.data = data;
    this.workspace = workspace;
    this.control = control;
  }

  likelihood(likelihood: Likelihood): Tau2Result {
    return maximumLikelihood(this.data, this.workspace, likelihood, this.control);
  }

  pauleMandel(): ReturnType<Tau2Estimators['pauleMandel']> {
    return pauleMandel(this.data, this.workspace, this.control.rootTolerance ?? DEFAULT_CONTROL.rootTolerance);
  }

  derSimonianLaird(): ReturnType<Tau2Estimators['derSimonianLaird']> {
    return derSimonianLaird(this.data, this.workspace);
  }

  hedges(): ReturnType<Tau2Estimators['hedges']> {
    return hedges(this.data);
  }

  sidikJonkman(): ReturnType<Tau2Estimators['sidikJonkman']> {
    return sidikJonkman(this.data, this.workspace);
  }
}
