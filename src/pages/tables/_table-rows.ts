/**
 * The rows of the efficacy, safety and characteristics tables, worked out once per build and
 * table and shared by all the table's pages and the route that counts them (a review of 20,000
 * trials has a hundred pages per table; working the rows out for each was quadratic). In dev
 * they are worked out afresh on every request, as content can change.
 */
import { getCollection, getEntry } from 'astro:content';
import { outcomeTableRows } from './_outcome-rows.ts';
import { characteristicsOrder } from './_characteristics-order.ts';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!import.meta.env.PROD) return load();
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) cache.set(key, (value = load()));
  return value;
}

/** Rows of the efficacy or safety table of a release. */
export function outcomeTable(kind: 'efficacy' | 'safety', release: number) {
  return once(`${kind}-${release}`, async () => {
    const review = (await getEntry('review', 'review'))!.data;
    const trials = (await getCollection('trials')).map((t) => ({ slug: t.id, data: t.data }));
    return outcomeTableRows(review, trials, release, kind);
  });
}

/** Groups and order of the study characteristics table. */
export function characteristicsTable() {
  return once('characteristics', async () => {
    const review = (await getEntry('review', 'review'))!.data;
    return characteristicsOrder(review, await getCollection('trials'));
  });
}

/** Rows of a table of the latest release, for counting its pages. */
export async function tableRowCount(kind: 'efficacy' | 'safety' | 'characteristics', release: number): Promise<number> {
  if (kind === 'characteristics') return (await characteristicsTable()).ordered.length;
  const { pooledRows, describedRows } = await outcomeTable(kind, release);
  return pooledRows.length + describedRows.length;
}
