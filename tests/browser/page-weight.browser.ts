/**
 * Page weight: every page's first load (HTML, stylesheets and scripts, gzip) stays within the
 * budget, and what the browser fetches on first load is exactly what the count includes: the
 * interactive plot's runtime only arrives when asked for.
 */
import { PAGE_WEIGHT_BUDGET_KB, pageWeights, weightReport } from '../../scripts/page-weight.ts';
import { test } from './harness.ts';

test(`every page's first load is at most ${PAGE_WEIGHT_BUDGET_KB} kB of gzip HTML, CSS and JS`, async (ctx) => {
  const weights = pageWeights(ctx.distDir, ctx.base);
  if (weights.length < 3) throw new Error(`expected built pages, found ${weights.length}`);
  const over = weights.filter((w) => w.total > PAGE_WEIGHT_BUDGET_KB * 1000);
  if (over.length > 0) throw new Error(weightReport(weights, PAGE_WEIGHT_BUDGET_KB, Math.min(over.length, 20)).join('\n'));
});

test('an outcome page fetches only the counted stylesheets and scripts, and the plot runtime on demand', async (ctx) => {
  const weights = pageWeights(ctx.distDir, ctx.base);
  const outcome = weights.find((w) => /^\/outcomes\/[^/]+\/$/.test(w.page));
  if (!outcome) throw new Error('no outcome page in the built site');
  const page = await ctx.browser.newPage();
  const fetched: string[] = [];
  page.on('request', (req) => {
    if (['script', 'stylesheet'].includes(req.resourceType())) fetched.push(new URL(req.url()).pathname);
  });
  await page.goto(new URL(outcome.page.slice(1), ctx.root).href, { waitUntil: 'networkidle' });
  const base = ctx.base.endsWith('/') ? ctx.base : `${ctx.base}/`;
  const counted = new Set(outcome.assets.map((a) => `${base}${a.slice(1)}`));
  const uncounted = fetched.filter((f) => !counted.has(f));
  if (uncounted.length > 0) throw new Error(`fetched on first load but not counted: ${uncounted.join(', ')}`);
  const button = page.locator('[data-forest-open]').first();
  if ((await button.count()) === 0) throw new Error(`no interactive plot button on ${outcome.page}`);
  const before = fetched.length;
  await button.click();
  await page.waitForSelector('.forest-interactive svg, .forest-interactive canvas', { timeout: 15_000 });
  if (fetched.length === before) throw new Error('opening the interactive plot fetched no script: is its runtime part of the first load?');
  await page.close();
});
