/** Atom feed of the trial reports: one entry per report that entered a release, newest first. */
import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { trialEntries } from '../../lib/content/trial-entries.ts';
import { atomFeed } from '../../lib/feeds/atom.ts';
import { pageUrl } from '../../lib/feeds/release-entries.ts';
import { trialReportEntries } from '../../lib/feeds/trial-entries.ts';

export const GET: APIRoute = async ({ site }) => {
  const review = (await getEntry('review', 'review'))!.data;
  const trials = (await trialEntries()).map((t) => ({ slug: t.id, data: t.data }));
  const root = new URL(import.meta.env.BASE_URL, site ?? 'https://example.org').href;
  const latest = review.releases[review.releases.length - 1]!;
  const xml = atomFeed({
    id: pageUrl(root, '/feeds/trials.xml'),
    title: `${review.short_title}: trial reports`,
    subtitle: 'Every trial report that entered the review, with what became of it.',
    updated: latest.date,
    authors: review.authors.map((name) => ({ name })),
    self: pageUrl(root, '/feeds/trials.xml'),
    alternate: pageUrl(root, '/trials/'),
    entries: trialReportEntries(review, trials, root),
  });
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
