/**
 * The rows of the efficacy, safety and characteristics tables, worked out once per build and
 * table and shared by all the table's pages and the route that counts them (a review of 20,000
 * trials has a hundred pages per table; working the rows out for each was quadratic). In dev
 * they are worked out afresh on every request, as content can change.
 */
import { getEntry } from 'astro:content';
import { trialEntries } from '../../lib/content/trial-entries.ts';
import { outcomeTableRows, type Row } from './_outcome-rows.ts';
import { characteristicsOrder } from './_characteristics-order.ts';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!import.meta.env.PROD) return load();
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) cache.set(key, (value = load()));
  return value;
}

const trialCount = (rows: readonly Row[]) => new Set(rows.map((r) => r.slug)).size;
const sumN = (rows: readonly Row[]) => rows.reduce((s, r) => s + (r.n ?? 0), 0);

/**
 * Rows of the efficacy or safety table of a release, in table order, with the groups of the
 * first subgroup variable and their counts: each page then only looks at its own rows.
 */
export function outcomeTable(kind: 'efficacy' | 'safety', release: number) {
  return once(`${kind}-${release}`, async () => {
    const review = (await getEntry('review', 'review'))!.data;
    const trials = (await trialEntries()).map((t) => ({ slug: t.id, data: t.data }));
    const table = outcomeTableRows(review, trials, release, kind);
    const { pooledRows, describedRows } = table;
    const variable = review.subgroups[0];
    const groups = (
      variable
        ? [
            ...variable.levels.map((level) => ({ id: level.id, label: level.label, level: level.id as string | undefined, rows: pooledRows.filter((r) => r.level === level.id) })),
            {
              id: 'unassigned',
              label: `No ${variable.label.toLowerCase()} given`,
              level: undefined,
              rows: pooledRows.filter((r) => r.level === undefined || !variable.levels.some((l) => l.id === r.level)),
            },
          ]
        : [{ id: 'all', label: 'Pooled trials', level: undefined, rows: pooledRows }]
    )
      .filter((g) => g.rows.length > 0)
      .map((g) => ({ ...g, trials: trialCount(g.rows), n: sumN(g.rows), last: g.rows[g.rows.length - 1]! }));
    return {
      ...table,
      /** pooled rows then described rows: the order of the pages */
      ordered: [...pooledRows, ...describedRows],
      groups,
      /** the group id of each pooled row (described rows have none) */
      groupOf: new Map(groups.flatMap((g) => g.rows.map((r) => [r, g.id] as const))),
      pooledTrials: trialCount(pooledRows),
      pooledN: sumN(pooledRows),
      describedTrials: trialCount(describedRows),
    };
  });
}

/** Groups and order of the study characteristics table: each row names its group, so pages look only at their own rows. */
export function characteristicsTable() {
  return once('characteristics', async () => {
    const review = (await getEntry('review', 'review'))!.data;
    const table = characteristicsOrder(review, await trialEntries());
    return {
      ...table,
      included: table.shown.filter((t) => t.data.status === 'included').length,
      described: table.shown.filter((t) => t.data.status === 'described').length,
    };
  });
}

/** Rows of a table of the latest release, for counting its pages. */
export async function tableRowCount(kind: 'efficacy' | 'safety' | 'characteristics', release: number): Promise<number> {
  if (kind === 'characteristics') return (await characteristicsTable()).ordered.length;
  return (await outcomeTable(kind, release)).ordered.length;
}
