import type { MetaProportionsInput } from '../types.ts';
import { influence, type InfluenceResult } from './influence.ts';

/** One study of a Baujat plot. */
export interface BaujatPoint {
  /** the study, 0-based position in input order */
  readonly study: number;
  readonly label: string | null;
  /** contribution to the heterogeneity: (yᵢ − b)² / (vᵢ + tau²), its term of Cochran's Q for FE */
  readonly x: number;
  /** influence on the pooled result: (b₍₋ᵢ₎ − b)² / var(b₍₋ᵢ₎) */
  readonly y: number;
}

/**
 * The coordinates of a Baujat plot, as metafor's `baujat(rma(...))` (metafor 3.8,
 * `baujat.rma`): x is the squared Pearson residual of each study in the fitted model,
 * (yᵢ − b)² / (vᵢ + tau²), which for the common-effect model is its contribution to Cochran's
 * Q; y is the influence of the study on the pooled result, (b₍₋ᵢ₎ − b)² / var(b₍₋ᵢ₎), with
 * b₍₋ᵢ₎ and its variance (Hartung-Knapp factor included) from the fitted model's method refitted
 * without the study. Both use the fitted model, not a common-effect one.
 *
 * Reference: Baujat B, Mahé C, Pignon JP, Hill C (2002). A graphical method for exploring
 * heterogeneity in meta-analyses: application to a meta-analysis of 65 trials. Statistics in
 * Medicine 21(18), 2641-2652. https://doi.org/10.1002/sim.1221
 *
 * @param input the same request as metaProportions (counts, options by name)
 * @param diagnostics influence(input), when already computed (its refits are reused)
 * @returns one point per study, in input order
 * @throws StatsInputError for invalid input or fewer than two studies
 * @example
 * baujat({ events: [4, 9, 16, 3, 40], n: [10, 15, 20, 12, 45], transform: 'PLO', method: 'FE' })[4].x // 8.025642164…
 */
export function baujat(input: MetaProportionsInput, diagnostics: InfluenceResult = influence(input)): BaujatPoint[] {
  const { estimate, tau2 } = diagnostics;
  return diagnostics.rows.map((row) => {
    const residual = row.yi - estimate;
    const shift = row.estimate_del - estimate;
    return {
      study: row.study,
      label: row.label,
      x: (residual * residual) / (tau2 + row.vi),
      y: (shift * shift) / row.variance_del,
    };
  });
}
