import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { MetaProportionsInput, PooledAnalysis, ProportionEstimate, TransformedEstimate } from '../types.ts';
import { metaProportions } from './meta-proportions.ts';

/** The fields of one analysis in a batch answer. */
export interface BatchSummary {
  readonly k: number;
  readonly tau2: number;
  readonly I2: number;
  readonly H2: number;
  readonly Q: number;
  readonly Q_p: number;
  readonly transformed: TransformedEstimate;
  readonly proportion: ProportionEstimate;
  readonly warnings: readonly string[];
}

/** One line of batch output: a result, or the reason the case was refused. */
export type BatchRecord =
  | ({ readonly id: unknown } & BatchSummary & {
      readonly subgroups?: Record<string, BatchSummary>;
      readonly Q_between?: number;
      readonly Q_between_df?: number;
      readonly Q_between_p?: number;
    })
  | { readonly id: unknown; readonly error: string };

function summary(analysis: PooledAnalysis): BatchSummary {
  const { k, tau2, I2, H2, Q, Q_p, transformed, proportion, warnings } = analysis;
  return { k, tau2, I2, H2, Q, Q_p, transformed, proportion, warnings };
}

/** The id and summary of an analysis in one object literal (spreading a summary into it costs more). */
function identified(id: unknown, analysis: PooledAnalysis): { readonly id: unknown } & BatchSummary {
  const { k, tau2, I2, H2, Q, Q_p, transformed, proportion, warnings } = analysis;
  return { id, k, tau2, I2, H2, Q, Q_p, transformed, proportion, warnings };
}

/**
 * Runs one case of the batch interface (`meta --batch`): `{ id, events, n, transform,
 * method, ci, groups? }` in, the result fields or `{ id, error }` out. Input errors and
 * unexpected failures both become an error record, so a batch goes on after a refused case.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param value a parsed JSON line (counts on the count scale)
 * @returns the batch record for that case
 * @throws never: a refused or failed case becomes an error record
 * @example
 * batchCase({ id: 'a', events: [3], n: [2], transform: 'PAS', method: 'DL', ci: 'z' })
 * // { id: 'a', error: 'study 1: events (3) exceed n (2)' }
 */
export function batchCase(value: unknown): BatchRecord {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const id: unknown = isObject ? (value as { id?: unknown }).id ?? null : null;
  try {
    if (!isObject) throw new StatsInputError(messages.notAnObject());
    const result = metaProportions(value as MetaProportionsInput);
    if (result.subgroups === undefined) return identified(id, result);
    const subgroups: Record<string, BatchSummary> = {};
    for (const [name, analysis] of Object.entries(result.subgroups)) subgroups[name] = summary(analysis);
    return {
      ...identified(id, result),
      subgroups,
      Q_between: result.Q_between!,
      Q_between_df: result.Q_between_df!,
      Q_between_p: result.Q_between_p!,
    };
  } catch (error) {
    if (error instanceof StatsInputError) return { id, error: error.message };
    return { id, error: messages.internalError(error instanceof Error ? error.message : String(error)) };
  }
}
