/** Atom feed of the review's releases: one entry per release, linking to what it changed. */
import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { trialEntries } from '../../lib/content/trial-entries.ts';
import { allReleases, releaseData } from '../../lib/review/release-data.ts';
import { allReleaseChanges } from '../../lib/review/release-changes.ts';
import { atomFeed } from '../../lib/feeds/atom.ts';
import { pageUrl, releaseEntries } from '../../lib/feeds/release-entries.ts';

export const GET: APIRoute = async ({ site }) => {
  const review = (await getEntry('review', 'review'))!.data;
  const trials = (await trialEntries()).map((t) => ({ slug: t.id, data: t.data }));
  const root = new URL(import.meta.env.BASE_URL, site ?? 'https://example.org').href;
  const latest = review.releases[review.releases.length - 1]!;
  const xml = atomFeed({
    id: pageUrl(root, '/feeds/releases.xml'),
    title: `${review.short_title}: releases`,
    subtitle: `Each release of the living review "${review.title}" and what it changed.`,
    updated: latest.date,
    authors: review.authors.map((name) => ({ name })),
    self: pageUrl(root, '/feeds/releases.xml'),
    alternate: pageUrl(root, '/releases/'),
    // Each release's intervals named at the level it was pooled at.
    entries: releaseEntries(review, allReleaseChanges(review, trials, allReleases()), root, (n) => releaseData(n).method?.level ?? review.analysis.level),
  });
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
