/**
 * The latest release's analyses at a stable address: data/latest/analyses.json. `npm run build`
 * writes it itself (src/lib/review/release-files.ts); this endpoint serves it otherwise.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { drivenByBuild } from '#generated/trials-file';
import { releaseData } from '../../../lib/review/release-data.ts';
import { analysesJson } from '../../../lib/review/release-files.ts';

export const getStaticPaths = (() => (drivenByBuild ? [] : [{ params: { file: 'analyses.json' } }])) satisfies GetStaticPaths;

export const GET: APIRoute = () => new Response(analysesJson(releaseData()), { headers: { 'content-type': 'application/json' } });
