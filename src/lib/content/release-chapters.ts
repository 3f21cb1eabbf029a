/**
 * The chapters a page shows, in reading order: a locked release's chapters as its lock holds
 * them (the `releaseChapters` collection, entries `<release>/<slug>`), today's chapters for the
 * current pages and for a release without a lock.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type ChapterEntry = CollectionEntry<'chapters'> | CollectionEntry<'releaseChapters'>;

export interface ShownChapter {
  slug: string;
  entry: ChapterEntry;
}

/** The chapters of `release` (today's when undefined or not locked), by their order. */
export async function chaptersOf(release?: number): Promise<ShownChapter[]> {
  const prefix = `${release}/`;
  const locked =
    release === undefined
      ? []
      : (await getCollection('releaseChapters')).filter((c) => c.id.startsWith(prefix)).map((entry) => ({ slug: entry.id.slice(prefix.length), entry }));
  const shown: ShownChapter[] = locked.length > 0 ? locked : (await getCollection('chapters')).map((entry) => ({ slug: entry.id, entry }));
  return shown.sort((a, b) => a.entry.data.order - b.entry.data.order);
}
