import type { PooledAnalysis } from '../types.ts';

/** Subgroup analyses and the test between them. */
export interface BetweenSubgroups {
  readonly subgroups: Record<string, PooledAnalysis>;
  /** chi-square statistic, or F (common tau² with Hartung-Knapp) */
  readonly Q_between: number;
  readonly Q_between_df: number;
  /** denominator df of an F test, null for chi-square */
  readonly Q_between_df2: number | null;
  readonly Q_between_p: number;
  readonly warnings: string[];
}
