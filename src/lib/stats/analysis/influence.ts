import { chiSquareUpperTail } from '../distributions/chi-square-upper-tail.ts';
import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import { MODEL_METHODS, type CiMethod, type ModelMethod } from '../methods.ts';
import { fitModel } from '../models/fit-model.ts';
import type { MetaProportionsInput } from '../types.ts';
import { leaveOneOut } from './leave-one-out.ts';
import type { RefitRow } from './sequential-fit.ts';
import { prepareAnalysis } from './prepare-analysis.ts';
import { subsetData } from './subset-data.ts';

const DOUBLE_EPSILON = 2.220446049250313e-16;

/** The diagnostics of one study (metafor `influence()`), transformed scale. */
export interface InfluenceRow {
  /** the study, 0-based position in input order */
  readonly study: number;
  readonly label: string | null;
  /** its effect and sampling variance */
  readonly yi: number;
  readonly vi: number;
  /** externally studentized residual: (yᵢ − b₍₋ᵢ₎) over its standard error */
  readonly rstudent: number;
  /** DFFITS: change in the fitted value when the study is left out, standardized */
  readonly dffits: number;
  /** Cook's distance: (b − b₍₋ᵢ₎)² / var(b) */
  readonly cook_d: number;
  /** covariance ratio: var(b₍₋ᵢ₎) / var(b) */
  readonly cov_r: number;
  /** tau² and Cochran's Q of the model without the study */
  readonly tau2_del: number;
  readonly QE_del: number;
  /** leverage (diagonal of the hat matrix) */
  readonly hat: number;
  /** weight in percent */
  readonly weight: number;
  /** DFBETAS of the intercept */
  readonly dfbs: number;
  /** the pooled estimate without the study and its variance (s² of Hartung-Knapp included) */
  readonly estimate_del: number;
  readonly variance_del: number;
  /** influential by metafor's rule (its "*") */
  readonly inf: boolean;
}

/** The cut-offs of metafor's rule: a study is influential when any one is passed. */
export interface InfluenceCutoffs {
  /** |DFFITS| > 3 √(p / (k − p)) */
  readonly dffits: number;
  /** Cook's distance above the median of chi-square(p): pchisq(cook.d, p) > 0.5 */
  readonly cook_d_probability: number;
  /** hat > 3 p / k */
  readonly hat: number;
  /** |DFBETAS| > 1 */
  readonly dfbs: number;
}

/** Influence diagnostics of every study, with the full model they refer to. */
export interface InfluenceResult {
  readonly k: number;
  /** the model the diagnostics refer to (REML in place of a method they cannot use) */
  readonly method: ModelMethod;
  readonly ci: CiMethod;
  /** the full model: tau², pooled estimate, its variance (transformed scale), Cochran's Q */
  readonly tau2: number;
  readonly estimate: number;
  readonly variance: number;
  readonly QE: number;
  readonly cutoffs: InfluenceCutoffs;
  readonly rows: readonly InfluenceRow[];
  readonly warnings: readonly string[];
}

/** Σ 1 / (vⱼ + tau²) over all studies, summed over distinct variances (many studies share one). */
function weightSum(variances: Float64Array, counts: Float64Array, tau2: number): number {
  let sum = 0;
  for (let c = 0; c < variances.length; c++) sum += counts[c]! / (variances[c]! + tau2);
  return sum;
}

/**
 * Outlier and influence diagnostics of a meta-analysis of proportions, as metafor's
 * `influence(rma(...))` (metafor 3.8, `influence.rma.uni`): for each study, the externally
 * studentized residual, DFFITS, Cook's distance, covariance ratio, tau² and Q without the
 * study, leverage (hat), weight and DFBETAS, and the flag by metafor's rule: influential when
 * |DFFITS| > 3 √(1 / (k − 1)), pchisq(Cook's D, 1) > 0.5, hat > 3 / k or |DFBETAS| > 1.
 *
 * With bᵢ, vbᵢ, tau²ᵢ and s²ᵢ the estimate, its variance, tau² and the Hartung-Knapp factor
 * (1 for z) of the model without study i, and b, vb, hᵢ = wᵢ / Σ w of the full model:
 * rstudent = (yᵢ − bᵢ) / √(s²ᵢ (vᵢ + tau²ᵢ) + vbᵢ); DFFITS = (b − bᵢ) / √(s²ᵢ hᵢ (vᵢ + tau²ᵢ));
 * DFBETAS = (b − bᵢ) / √(s²ᵢ / Σⱼ 1 / (vⱼ + tau²ᵢ)) (the sum over all k studies);
 * Cook's D = (b − bᵢ)² / vb; cov.r = vbᵢ / vb.
 *
 * The k refits are those of leaveOneOut (cells of equal variance from CELL_REFIT_MIN_STUDIES
 * studies on), so the cost is that of leave-one-out plus O(k · distinct variances); a caller
 * that has already run leaveOneOut(input) passes its rows and the diagnostics cost only the
 * latter (Paule-Mandel refits the studies themselves, so its leave-one-out is the costly part
 * at thousands of studies). A method
 * outside MODEL_METHODS (one the diagnostics do not cover) is replaced by the inverse-variance
 * model of the same transform with REML, said in `warnings`. Groups are ignored.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @param refits leaveOneOut(input), when already computed (computed here when omitted)
 * @returns the diagnostics of every study in input order, the cut-offs and the full model
 * @throws StatsInputError for invalid input or fewer than two studies; Error when `refits`
 *   are not one row per study in input order
 * @example
 * influence({ events: [4, 9, 16, 3, 40], n: [10, 15, 20, 12, 45], transform: 'PLO', method: 'REML' }).rows[4].inf // true
 */
export function influence(input: MetaProportionsInput, refits?: readonly RefitRow[]): InfluenceResult {
  const warnings: string[] = [];
  let request = input;
  if (!(MODEL_METHODS as readonly string[]).includes(input.method)) {
    warnings.push(messages.influenceOnInverseVariance(String(input.method)));
    request = { ...input, method: 'REML' };
  }
  const prepared = prepareAnalysis(request);
  const { settings, effects } = prepared;
  const k = effects.yi.length;
  if (k < 2) throw new StatsInputError(messages.tooFewForInfluence(k));
  const { yi, vi } = effects;

  // the full model
  const all = Array.from({ length: k }, (_, i) => i);
  const fit = fitModel(subsetData(prepared, all).data, settings.method, settings.ci, settings.level, settings.control);
  const beta = fit.coefficients[0]!;
  const vb = fit.coefficientVariances[0]!;
  const tau2 = fit.tau2;

  // distinct sampling variances and how many studies share each
  const byVariance = new Map<number, number>();
  for (let i = 0; i < k; i++) byVariance.set(vi[i]!, (byVariance.get(vi[i]!) ?? 0) + 1);
  const variances = Float64Array.from(byVariance.keys());
  const counts = Float64Array.from(byVariance.values());
  const fullWeightSum = weightSum(variances, counts, tau2);

  // The Hartung-Knapp factor of a refit (1 with z, or when one study is left and it falls
  // back to z): its estimate's variance is s² / Σ_{j≠i} wⱼ.
  const hartungKnapp = settings.ci === 'hk' && k - 1 >= 2;
  const sums = new Map<number, number>();
  const sumAt = (t: number): number => {
    let sum = sums.get(t);
    if (sum === undefined) {
      sum = weightSum(variances, counts, t);
      sums.set(t, sum);
    }
    return sum;
  };

  const cutoffs: InfluenceCutoffs = { dffits: 3 * Math.sqrt(1 / (k - 1)), cook_d_probability: 0.5, hat: 3 / k, dfbs: 1 };
  let deleted = refits;
  if (deleted === undefined || request !== input) deleted = leaveOneOut(request);
  else if (deleted.length !== k || deleted.some((row, i) => row.study !== i)) {
    throw new Error(messages.internalError('influence: the leave-one-out rows are not one per study in input order'));
  }
  const rows: InfluenceRow[] = deleted.map((refit, i) => {
    const tau2Del = refit.tau2;
    const betaDel = refit.transformed.estimate;
    const vbDel = refit.transformed.se * refit.transformed.se;
    const allSum = sumAt(tau2Del);
    const s2w = hartungKnapp ? vbDel * (allSum - 1 / (vi[i]! + tau2Del)) : 1;
    const w = 1 / (vi[i]! + tau2);
    let hat = w / fullWeightSum;
    if (hat > 1 - 10 * DOUBLE_EPSILON) hat = 1;
    const shift = beta - betaDel;
    let resid = yi[i]! - betaDel;
    if (Math.abs(resid) < 100 * DOUBLE_EPSILON) resid = 0;
    const dffits = shift / Math.sqrt(s2w * hat * (tau2Del + vi[i]!));
    const dfbs = shift / Math.sqrt(s2w / allSum);
    const cook = (shift * shift) / vb;
    const flagged = Math.abs(dffits) > cutoffs.dffits || chiSquareUpperTail(cook, 1) < 0.5 || hat > cutoffs.hat || Math.abs(dfbs) > cutoffs.dfbs;
    return {
      study: i,
      label: prepared.labels?.[i] ?? null,
      yi: yi[i]!,
      vi: vi[i]!,
      rstudent: resid / Math.sqrt(vi[i]! * s2w + vbDel + tau2Del * s2w),
      dffits,
      cook_d: cook,
      cov_r: vbDel / vb,
      tau2_del: tau2Del,
      QE_del: refit.Q,
      hat,
      weight: (100 * w) / fullWeightSum,
      dfbs,
      estimate_del: betaDel,
      variance_del: vbDel,
      inf: flagged,
    };
  });
  warnings.push(...fit.warnings);
  return { k, method: fit.method, ci: fit.ci, tau2, estimate: beta, variance: vb, QE: fit.Q, cutoffs, rows, warnings };
}
