/**
 * How heterogeneity is written wherever it appears (plots, captions, tables, outcome pages):
 * I² always says which definition it is, the one review.yaml's analysis.i2 chooses leads, and
 * the prediction interval is written only where the analysis shows it.
 */
import type { PooledResult } from '../review/analyses-types.ts';
import { i2Percent, pText, statistic, tau2Value } from './number-format.ts';

export type I2Definition = 'tau2' | 'Q';

/** The I² value of a result under a definition (results published before both existed carry only the τ²-based one). */
export function i2Of(r: Pick<PooledResult, 'I2' | 'I2_Q'>, definition: I2Definition): number {
  return definition === 'Q' ? (r.I2_Q ?? r.I2) : r.I2;
}

/** "I² (from τ²)" or "I² (from Q)". */
export function i2Name(definition: I2Definition): string {
  return definition === 'Q' ? 'I² (from Q)' : 'I² (from τ²)';
}

/** "I² (from τ²) = 63.3%" */
export function i2Text(r: Pick<PooledResult, 'I2' | 'I2_Q'>, definition: I2Definition): string {
  return `${i2Name(definition)} = ${i2Percent(i2Of(r, definition))}`;
}

/** "Heterogeneity: I² (from τ²) = 63.3%, τ² = 0.0312, Q = 20.15 (df = 7), p = 0.005" */
export function heterogeneityText(r: PooledResult, definition: I2Definition = 'tau2'): string {
  if (r.k < 2) return 'Heterogeneity: not applicable (one study)';
  return `Heterogeneity: ${i2Text(r, definition)}, τ² = ${tau2Value(r.tau2)}, Q = ${statistic(r.Q)} (df = ${r.Q_df}), ${pText(r.Q_p)}`;
}

/** Whether pages show the result's prediction interval (older data: from two studies). */
export function predictionShown(r: Pick<PooledResult, 'k' | 'prediction_shown'>): boolean {
  return r.prediction_shown ?? r.k >= 2;
}
