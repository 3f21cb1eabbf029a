/**
 * The PRISMA flow of every release, read from the content collections (for the pages only;
 * the model itself, prisma-flow.ts, takes plain data).
 */
import { getCollection, getEntry } from 'astro:content';
import { trialEntries } from '../content/trial-entries.ts';
import type { Release, Review } from '../../schemas/index.ts';
import { prismaFlow, type PrismaFlow } from './prisma-flow.ts';

export interface ReleaseFlow {
  release: Release;
  /** The flow, or undefined when the release's search log is not on file. */
  flow?: PrismaFlow;
  /** What the search log says was searched and how (its description), when it says. */
  searchDescription?: string;
}

export interface PrismaSiteData {
  review: Review;
  releases: ReleaseFlow[];
  /** The newest release that has a flow. */
  latest?: ReleaseFlow;
}

let cached: Promise<PrismaSiteData> | undefined;

async function load(): Promise<PrismaSiteData> {
  const review = (await getEntry('review', 'review'))!.data;
  const trials = (await trialEntries()).map((t) => ({ slug: t.id, data: t.data }));
  const searches = new Map((await getCollection('searches')).map((s) => [s.id, s.data]));
  const ordered = [...review.releases].sort((a, b) => a.number - b.number);
  const releases = ordered.map((release, i): ReleaseFlow => {
    const search = searches.get(release.search);
    if (!search) return { release };
    const previous = i > 0 ? ordered[i - 1]!.number : null;
    const flow = prismaFlow({ release: release.number, searchId: release.search, search, trials, previousRelease: previous });
    return { release, flow, ...(search.description?.trim() ? { searchDescription: search.description } : {}) };
  });
  const withFlow = releases.filter((r) => r.flow);
  const latest = withFlow[withFlow.length - 1];
  return { review, releases, ...(latest ? { latest } : {}) };
}

/** Every release with its flow, computed once per build (afresh on every request in dev). */
export function prismaSiteData(): Promise<PrismaSiteData> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}
