/**
 * What each release changed: data/releases/<n>/changes.json. The events of the release report
 * by report, and every outcome and subgroup estimate before and after with the trials that
 * moved it. A static file name, so it takes precedence over the [file] route beside it.
 * `npm run build` writes it itself (src/lib/review/release-files.ts); this endpoint serves it
 * otherwise.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getEntry } from 'astro:content';
import { trialEntries } from '../../../../lib/content/trial-entries.ts';
import { allReleases } from '../../../../lib/review/release-data.ts';
import { drivenByBuild } from '#generated/trials-file';
import { allReleaseChanges } from '../../../../lib/review/release-changes.ts';
import { changesJson } from '../../../../lib/review/release-files.ts';

export const getStaticPaths = (() =>
  drivenByBuild ? [] : allReleases().map((r) => ({ params: { release: String(r.release) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const review = (await getEntry('review', 'review'))!.data;
  const trials = (await trialEntries()).map((t) => ({ slug: t.id, data: t.data }));
  const changes = allReleaseChanges(review, trials, allReleases()).find((c) => c.release === Number(params.release));
  if (!changes) return new Response('release not found', { status: 404 });
  return new Response(changesJson(changes), { headers: { 'content-type': 'application/json' } });
};
