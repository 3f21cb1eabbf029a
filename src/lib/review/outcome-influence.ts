/**
 * Influence diagnostics of one outcome for analyses.json: per row, metafor's `influence()`
 * (studentized residual, DFFITS, Cook's distance, covariance ratio, tau² and Q without the row,
 * leverage, weight, DFBETAS) with its flag, and the coordinates of the Baujat plot. The k refits
 * are the engine's leave-one-out refits (on cells of equal variance for large k), so the cost
 * grows as k times the iterations of one fit, and a review of thousands of trials stays fast.
 */
import { baujat } from '../stats/analysis/baujat.ts';
import { influence } from '../stats/analysis/influence.ts';
import { chiSquareQuantile } from '../stats/distributions/chi-square-quantile.ts';
import { StatsInputError } from '../stats/errors.ts';
import type { RefitRow } from '../stats/analysis/sequential-fit.ts';
import type { MetaProportionsInput } from '../stats/types.ts';

/** Fewest rows with diagnostics: with two, leaving one out leaves a single study. */
export const INFLUENCE_MIN_ROWS = 3;

/** One pooled row: its diagnostics (null where undefined, e.g. a variance of 0), transformed scale. */
export interface InfluenceRowSummary {
  label: string;
  /** externally studentized residual */
  rstudent: number | null;
  dffits: number | null;
  cook_d: number | null;
  cov_r: number | null;
  /** tau² and Cochran's Q of the analysis without this row */
  tau2_del: number | null;
  QE_del: number | null;
  /** leverage */
  hat: number | null;
  /** weight in percent */
  weight: number | null;
  /** DFBETAS of the pooled estimate */
  dfbs: number | null;
  /** Baujat plot: contribution to the heterogeneity (squared Pearson residual; for a common-effect model its term of Q) */
  baujat_x: number | null;
  /** Baujat plot: influence on the pooled result, (b without the row − b)² / its variance */
  baujat_y: number | null;
  /** influential by metafor's rule: any one cut-off passed */
  influential: boolean;
}

/** The cut-offs of metafor's rule, as used (k is the number of rows). */
export interface InfluenceCutoffs {
  /** |DFFITS| above 3 √(1 / (k − 1)) */
  dffits: number;
  /** Cook's distance above the median of chi-square(1), 0.4549… */
  cook_d: number;
  /** hat above 3 / k */
  hat: number;
  /** |DFBETAS| above 1 */
  dfbs: number;
}

/** Influence diagnostics of an outcome's overall analysis. */
export interface InfluenceSummary {
  k: number;
  /** the model the diagnostics refer to (REML when the review's method is one they do not cover) */
  method: string;
  ci: string;
  cutoffs: InfluenceCutoffs;
  rows: InfluenceRowSummary[];
  warnings: string[];
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * The influence diagnostics and Baujat coordinates of an outcome's rows, as metafor's
 * `influence(rma(...))` and `baujat(rma(...))` give them, ready for analyses.json.
 *
 * Reference: Viechtbauer W, Cheung MWL (2010). Outlier and influence diagnostics for
 * meta-analysis. Research Synthesis Methods 1(2), 112-125. https://doi.org/10.1002/jrsm.11
 *
 * @param input the outcome's overall analysis (counts and the review's options)
 * @param labels the label of each row, in input order (the input's own labels when shorter)
 * @param refits leaveOneOut(input), when the caller has it already: the diagnostics then add
 *   O(k · distinct variances) to it instead of refitting k times again
 * @returns the summary, or null below INFLUENCE_MIN_ROWS rows or for input the engine refuses
 * @example influenceSummary({ events: [4, 9, 16, 40], n: [10, 15, 20, 45], transform: 'PLO', method: 'REML' }, ['A', 'B', 'C', 'D'])?.rows[3]?.influential // true
 */
export function influenceSummary(input: MetaProportionsInput, labels: readonly string[], refits?: readonly RefitRow[]): InfluenceSummary | null {
  if (input.n.length < INFLUENCE_MIN_ROWS) return null;
  let result;
  try {
    result = influence(input, refits);
  } catch (error) {
    if (error instanceof StatsInputError) return null;
    throw error;
  }
  const points = baujat(input, result);
  return {
    k: result.k,
    method: result.method,
    ci: result.ci,
    cutoffs: { dffits: result.cutoffs.dffits, cook_d: chiSquareQuantile(0.5, 1), hat: result.cutoffs.hat, dfbs: result.cutoffs.dfbs },
    rows: result.rows.map((row, i) => ({
      label: labels[i] ?? row.label ?? `Study ${i + 1}`,
      rstudent: finite(row.rstudent),
      dffits: finite(row.dffits),
      cook_d: finite(row.cook_d),
      cov_r: finite(row.cov_r),
      tau2_del: finite(row.tau2_del),
      QE_del: finite(row.QE_del),
      hat: finite(row.hat),
      weight: finite(row.weight),
      dfbs: finite(row.dfbs),
      baujat_x: finite(points[i]!.x),
      baujat_y: finite(points[i]!.y),
      influential: row.inf,
    })),
    warnings: [...result.warnings],
  };
}
