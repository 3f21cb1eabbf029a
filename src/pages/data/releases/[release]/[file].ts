/**
 * Public data of every release: analyses.json (the pooled results), studies.csv and
 * results.csv (tidy tables) and reproduce.R (recomputes results.csv with metafor). `npm run
 * build` writes the two large ones itself (src/lib/review/release-files.ts); this endpoint
 * serves them otherwise.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getEntry } from 'astro:content';
import { drivenByBuild } from '#generated/trials-file';
import { allReleases, releaseData } from '../../../../lib/review/release-data.ts';
import { reproduceR, resultsCsv } from '../../../../lib/review/exports.ts';
import { analysesJson, LARGE_RELEASE_FILES, releaseStudiesCsv } from '../../../../lib/review/release-files.ts';

const FILES = [...(drivenByBuild ? [] : LARGE_RELEASE_FILES), 'results.csv', 'reproduce.R'] as const;

export const getStaticPaths = (() =>
  allReleases().flatMap((r) => FILES.map((file) => ({ params: { release: String(r.release), file } })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const data = releaseData(Number(params.release));
  const review = (await getEntry('review', 'review'))!.data;
  const variables = review.subgroups.map((v) => v.id);
  const base = new URL(import.meta.env.BASE_URL, site ?? 'https://example.org').href;
  switch (params.file) {
    case 'analyses.json':
      return new Response(analysesJson(data), { headers: { 'content-type': 'application/json' } });
    case 'studies.csv':
      return new Response(releaseStudiesCsv(review, data), { headers: { 'content-type': 'text/csv' } });
    case 'results.csv':
      return new Response(resultsCsv(data), { headers: { 'content-type': 'text/csv' } });
    default:
      return new Response(reproduceR(data, base, variables), { headers: { 'content-type': 'text/plain' } });
  }
};
