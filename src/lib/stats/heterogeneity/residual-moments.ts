import type { EffectData } from '../models/effect-data.ts';
import type { Workspace } from './create-workspace.ts';

/** Positions in the moments array filled by {@link residualMoments}. */
export const MOMENT = {
  /** Y'PY = Σ wᵢ (yᵢ - b_g)², the generalised Q statistic */
  rss: 0,
  /** Y'PPY = Σ (wᵢ (yᵢ - b_g))² */
  ypp: 1,
  /** tr(P) = Σ_g (Σ w - Σ w² / Σ w) */
  trP: 2,
  /** tr(PP) = Σ_g (Σ w² - 2 Σ w³ / Σ w + (Σ w² / Σ w)²) */
  trPP: 3,
  /** Σ wᵢ */
  sumW: 4,
  /** Σ wᵢ² */
  sumW2: 5,
} as const;

/**
 * The quadratic forms and traces of P = W - W X (X'W X)⁻¹ X'W that every tau² estimator
 * needs, for W = diag(1 / (vᵢ + tau²)) and X the cell-means design of the grouping.
 * P is block-diagonal by level, so all of them are O(k) sums.
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators
 * in the random-effects model. Journal of Educational and Behavioral Statistics 30(3),
 * 261-293. https://doi.org/10.3102/10769986030003261
 *
 * @param data effect sizes (transformed scale) and grouping
 * @param tau2 between-study variance (transformed scale), ≥ 0
 * @param workspace scratch arrays from {@link createWorkspace}; the result is `workspace.moments`
 * @param scoring true for Fisher scoring, which reads only Y'PPY, tr P, tr PP, Σ w and Σ w²: the
 *   intercept-only model on the studies then skips Y'PY (NaN in the result) and the weights,
 *   which its steps never read; the values they read are the same to the bit
 * @returns `workspace.moments`, indexed by {@link MOMENT}
 * @throws never: the data are checked when the effects are computed
 */
export function residualMoments(data: EffectData, tau2: number, workspace: Workspace, scoring = false): Float64Array {
  if (data.multiplicity) return cellMoments(data, data.multiplicity, data.withinSquares!, tau2, workspace);
  return data.groupCount === 1 ? interceptMoments(data, tau2, workspace, scoring) : groupedMoments(data, tau2, workspace);
}

/**
 * The intercept-only case in a single pass over the studies, with the sums of squares
 * expanded about the weighted mean (the data are centred first, so the expansion loses
 * no precision). This is the hot path of Fisher scoring.
 */
function interceptMoments(data: EffectData, tau2: number, workspace: Workspace, scoring: boolean): Float64Array {
  const { k, yi, vi, centre } = data;
  const { weights } = workspace;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let sumWD = 0;
  let sumWDD = scoring ? NaN : 0;
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
    if (!scoring) {
      weights[i] = w;
      sumWDD += w * d * d;
    }
  }
  return momentsFromSums(centre, s1, s2, s3, sumWD, sumWDD, sumW2D, sumW2DD, workspace);
}

/**
 * The intercept-only case on the cell form (analysis/variance-cells.ts): a cell of m studies with mean
 * deviation d̄ and within-cell squares S adds m·w to Σ w, m·w·d̄ to Σ w d and w·(m·d̄² + S) to
 * Σ w d², and likewise for the powers of w.
 */
function cellMoments(data: EffectData, counts: Float64Array, within: Float64Array, tau2: number, workspace: Workspace): Float64Array {
  const { yi, vi, centre } = data;
  const { weights } = workspace;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let sumWD = 0;
  let sumWDD = 0;
  let sumW2D = 0;
  let sumW2DD = 0;
  for (let c = 0; c < yi.length; c++) {
    const w = 1 / (vi[c]! + tau2);
    weights[c] = w;
    const m = counts[c]!;
    const d = yi[c]! - centre;
    const squares = m * d * d + within[c]!;
    const w2 = w * w;
    s1 += m * w;
    s2 += m * w2;
    s3 += m * w2 * w;
    sumWD += m * w * d;
    sumWDD += w * squares;
    sumW2D += m * w2 * d;
    sumW2DD += w2 * squares;
  }
  return momentsFromSums(centre, s1, s2, s3, sumWD, sumWDD, sumW2D, sumW2DD, workspace);
}

/** Several levels: per-level sums, then the residuals about each level's weighted mean. */
function groupedMoments(data: EffectData, tau2: number, workspace: Workspace): Float64Array {
  const { k, yi, vi, group, groupCount } = data;
  const { weights, levelSums, coefficients, moments } = workspace;
  levelSums.fill(0);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    weights[i] = w;
    const offset = 4 * group[i]!;
    const w2 = w * w;
    levelSums[offset] = levelSums[offset]! + w;
    levelSums[offset + 1] = levelSums[offset + 1]! + w2;
    levelSums[offset + 2] = levelSums[offset + 2]! + w2 * w;
    levelSums[offset + 3] = levelSums[offset + 3]! + w * yi[i]!;
    sumW += w;
    sumW2 += w2;
  }
  let trP = 0;
  let trPP = 0;
  for (let g = 0; g < groupCount; g++) {
    const s1 = levelSums[4 * g]!;
    const s2 = levelSums[4 * g + 1]!;
    const s3 = levelSums[4 * g + 2]!;
    coefficients[g] = levelSums[4 * g + 3]! / s1;
    const ratio = s2 / s1;
    trP += s1 - ratio;
    trPP += s2 - (2 * s3) / s1 + ratio * ratio;
  }
  let rss = 0;
  let ypp = 0;
  for (let i = 0; i < k; i++) {
    const w = weights[i]!;
    const weightedResidual = w * (yi[i]! - coefficients[group[i]!]!);
    rss += weightedResidual * (yi[i]! - coefficients[group[i]!]!);
    ypp += weightedResidual * weightedResidual;
  }
  moments[MOMENT.rss] = rss;
  moments[MOMENT.ypp] = ypp;
  moments[MOMENT.trP] = trP;
  moments[MOMENT.trPP] = trPP;
  moments[MOMENT.sumW] = sumW;
  moments[MOMENT.sumW2] = sumW2;
  return moments;
}

/**
 * The intercept-only moments from the weighted sums about `centre` (Σw, Σw², Σw³, Σw d, Σw d²,
 * Σw² d, Σw² d²), shared by the study form and the cell form.
 */
function momentsFromSums(
  centre: number,
  s1: number,
  s2: number,
  s3: number,
  sumWD: number,
  sumWDD: number,
  sumW2D: number,
  sumW2DD: number,
  workspace: Workspace,
): Float64Array {
  const { levelSums, coefficients, moments } = workspace;
  const b = sumWD / s1;
  const ratio = s2 / s1;
  coefficients[0] = centre + b;
  levelSums[0] = s1;
  levelSums[1] = s2;
  levelSums[2] = s3;
  levelSums[3] = s1 * (centre + b);
  moments[MOMENT.rss] = sumWDD - b * sumWD;
  moments[MOMENT.ypp] = sumW2DD - 2 * b * sumW2D + b * b * s2;
  moments[MOMENT.trP] = s1 - ratio;
  moments[MOMENT.trPP] = s2 - (2 * s3) / s1 + ratio * ratio;
  moments[MOMENT.sumW] = s1;
  moments[MOMENT.sumW2] = s2;
  return moments;
}
