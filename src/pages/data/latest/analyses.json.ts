/** The latest release's analyses at a stable address. */
import type { APIRoute } from 'astro';
import { releaseData } from '../../../lib/review/release-data.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(releaseData(), null, 1)}\n`, { headers: { 'content-type': 'application/json' } });
