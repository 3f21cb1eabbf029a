/**
 * The hosted review's published figures, on its built site: release 1 reproduces the search
 * counts and the pooled response rates of the source publication, and the site search finds
 * what readers of that review look for. These run only on the site of that review (its
 * review.yaml id); every other check runs on any review (site.browser.ts, pages.browser.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedReview } from '../../src/lib/content/load-review-fs.ts';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';
import { test, type Context } from './harness.ts';

/** The id in the hosted review's review.yaml. */
export const HOSTED_REVIEW_ID = 'allo-car-lbcl';
const hosted = { when: (content: LoadedReview) => content.review.id === HOSTED_REVIEW_ID };

function release(distDir: string, n: number): ReleaseAnalyses {
  return JSON.parse(readFileSync(path.join(distDir, `data/releases/${n}/analyses.json`), 'utf8')) as ReleaseAnalyses;
}

test(
  'the release-1 PRISMA flow shows the published search counts',
  async (ctx) => {
    const { page } = await ctx.open('/prisma/1/');
    const text = (await page.textContent('main')) ?? '';
    for (const n of ['888', '74', '955', '920', '35', '16', '19']) {
      if (!new RegExp(`\\b${n}\\b`).test(text)) throw new Error(`PRISMA page does not show ${n}`);
    }
    await page.close();
  },
  hosted,
);

test(
  'the release-1 analyses reproduce the published bORR and bCRR',
  async (ctx) => {
    const r1 = release(ctx.distDir, 1);
    const fmt = (p: number) => (p * 100).toFixed(2);
    const borr = r1.outcomes['borr']!.overall!.proportion;
    const bcrr = r1.outcomes['bcrr']!.overall!.proportion;
    const got = `${fmt(borr.estimate)} [${fmt(borr.ci_lower)}, ${fmt(borr.ci_upper)}] / ${fmt(bcrr.estimate)} [${fmt(bcrr.ci_lower)}, ${fmt(bcrr.ci_upper)}]`;
    if (got !== '52.52 [41.01, 63.88] / 32.77 [24.16, 42.02]') throw new Error(`release 1: ${got}`);
  },
  hosted,
);

/** The paths of the results the site search lists for a query. */
async function searchResults(ctx: Context, query: string): Promise<string[]> {
  const { page, errors } = await ctx.open(`/search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('.search-result', { timeout: 15_000 });
  const links = await page.$$eval('.search-result h2 a[href]', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.close();
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return links;
}

test(
  'the site search finds a report by its first author and a registered trial by its target',
  async (ctx) => {
    const byAuthor = await searchResults(ctx, 'Ghobadi');
    if (!byAuthor.some((l) => l.includes('/trials/ft596/'))) throw new Error(`"Ghobadi" does not list the FT596 trial page: ${byAuthor.join(', ')}`);
    const byTarget = await searchResults(ctx, 'CD70');
    if (byTarget.length === 0) throw new Error('"CD70" finds nothing');
  },
  hosted,
);

test(
  "the rare-harm pages show the binomial model's answer, and why it is the common-effect one",
  async (ctx) => {
    const latest = release(ctx.distDir, 2);
    const row = latest.outcomes['gvhd']!.robustness.find((r) => r.method === 'GLMM')!;
    const p = row.result!.proportion;
    const got = `${(p.estimate * 100).toFixed(2)} [${(p.ci_lower * 100).toFixed(2)}, ${(p.ci_upper * 100).toFixed(2)}] ${row.result!.method}`;
    // one event among 355 patients: the common-effect binomial fit (metafor rma.glmm method = "EE")
    if (got !== '0.28 [0.04, 1.97] GLMM-FE') throw new Error(`GvHD, GLMM row: ${got}`);
    const { page } = await ctx.open('/outcomes/gvhd/');
    const cell = page.locator('#robustness ~ .table-wrap tr', { hasText: 'Random effects, binomial-normal model (GLMM)' }).first();
    await cell.locator('summary').click();
    const text = (await cell.textContent()) ?? '';
    if (!/only one study has events, so tau² cannot be estimated/.test(text)) throw new Error(`the GLMM row does not say why: ${text}`);
    await page.close();
  },
  hosted,
);
