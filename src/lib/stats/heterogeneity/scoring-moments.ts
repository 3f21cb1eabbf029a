import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';
import { MOMENT, residualMoments } from './residual-moments.ts';

/**
 * The moments Fisher scoring reads at each step (Y'PPY, tr P, tr PP, Σ w, Σ w²), in the same
 * operations as {@link residualMoments}, so the steps are the same to the last bit. For the
 * intercept-only model on the studies it skips what the steps never read (Y'PY, the weights and
 * the level sums), a fifth of the work of the hottest loop; `MOMENT.rss` is then NaN. Other
 * data get {@link residualMoments} in full.
 *
 * @param data effect sizes (transformed scale) and grouping
 * @param tau2 between-study variance (transformed scale), ≥ 0
 * @param workspace scratch arrays from {@link createWorkspace}; the result is `workspace.moments`
 * @returns `workspace.moments`, indexed by {@link MOMENT}
 * @throws never: the data are checked when the effects are computed
 */
export function scoringMoments(data: EffectData, tau2: number, workspace: Workspace): Float64Array {
  if (data.multiplicity || data.groupCount !== 1) return residualMoments(data, tau2, workspace);
  const { k, yi, vi, centre } = data;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let sumWD = 0;
  let sumW2D = 0;
  let sumW2DD = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    const d = yi[i]! - centre;
    const w2 = w * w;
    s1 += w;
    s2 += w2;
    s3 += w2 * w;
    sumWD += w * d;
    sumW2D += w2 * d;
    sumW2DD += w2 * d * d;
  }
  const { moments } = workspace;
  const b = sumWD / s1;
  const ratio = s2 / s1;
  moments[MOMENT.rss] = NaN;
  moments[MOMENT.ypp] = sumW2DD - 2 * b * sumW2D + b * b * s2;
  moments[MOMENT.trP] = s1 - ratio;
  moments[MOMENT.trPP] = s2 - 2 * s3 / s1 + ratio * ratio;
  moments[MOMENT.sumW] = s1;
  moments[MOMENT.sumW2] = s2;
  return moments;
}
