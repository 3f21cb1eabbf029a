import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';
import type { Tau2Estimate } from './tau2-estimate.ts';

/**
 * DerSimonian-Laird method-of-moments estimator of tau²:
 * (Q - (k - p)) / tr(P), with Q and P at the common-effect weights 1 / vᵢ, truncated at 0.
 *
 * Reference: DerSimonian R, Laird N (1986). Meta-analysis in clinical trials. Controlled
 * Clinical Trials 7(3), 177-188. https://doi.org/10.1016/0197-2456(86)90046-2
 *
 * @param data effect sizes and sampling variances (transformed scale)
 * @param workspace scratch arrays for the data
 * @returns tau² (transformed scale) and its untruncated value
 * @throws never; all vᵢ must be > 0 (checked when the effects are computed)
 * @example
 * const data = effectData([0.1, 0.5, 0.3], [0.01, 0.02, 0.015]);
 * derSimonianLaird(data, createWorkspace(data)).tau2 // 0.025555555555…
 */
export function derSimonianLaird(data: EffectData, workspace: Workspace): Tau2Estimate {
  const moments = residualMoments(data, 0, workspace);
  const raw = (moments[MOMENT.rss]! - (data.k - data.groupCount)) / moments[MOMENT.trP]!;
  return { tau2: Math.max(0, raw), raw, iterations: 0, converged: true };
}
