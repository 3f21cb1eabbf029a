/**
 * The search page (src/pages/search.astro, public/scripts/search.js): each result names its kind
 * of page, the kinds filter the results (with the keyboard too), excerpts read as sentences rather
 * than table cells (tests/helpers/excerpt-fragments.ts), titles carry no site name, and the page
 * passes axe with results shown, at phone and desktop widths.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { excerptFragments } from '../helpers/excerpt-fragments.ts';
import { test, type Context } from './harness.ts';

interface ShownResult {
  type: string;
  title: string;
  path: string;
  excerpt: string;
}

/** The results the page shows, once the status line says how many there are. */
async function shownResults(page: Page): Promise<ShownResult[]> {
  await page.waitForFunction(() => /result|No /.test(document.querySelector('[data-search-status]')?.textContent ?? ''), undefined, { timeout: 15_000 });
  return page.$$eval('.search-result', (items) =>
    items.map((li) => ({
      type: li.querySelector('.search-type')?.textContent?.trim() ?? '',
      title: li.querySelector('h2')?.textContent?.trim() ?? '',
      path: new URL((li.querySelector('h2 a') as HTMLAnchorElement).href).pathname,
      excerpt: li.querySelector('.search-excerpt')?.innerHTML ?? '',
    })),
  );
}

async function search(ctx: Context, query: string, width = 1280): Promise<{ page: Page; results: ShownResult[]; errors: string[] }> {
  const { page, errors } = await ctx.open(`/search/?q=${encodeURIComponent(query)}`, { width, height: 900 });
  return { page, results: await shownResults(page), errors };
}

/** A study that is in the pooled analysis, or any study. */
function aStudy(ctx: Context) {
  const study = ctx.content.trials.find((t) => t.data.status === 'included') ?? ctx.content.trials[0];
  if (!study) throw new Error('the review has no study');
  return study;
}

test("a search for a study's label lists its page, labelled as a trial, titled without the site's name", async (ctx) => {
  const study = aStudy(ctx);
  for (const width of [390, 1280]) {
    const { page, results, errors } = await search(ctx, study.data.label, width);
    await page.close();
    const hit = results.find((r) => r.path.endsWith(`/trials/${study.slug}/`));
    if (!hit) throw new Error(`"${study.data.label}" at ${width}px does not list /trials/${study.slug}/ (${results.map((r) => r.path).join(', ') || 'no results'})`);
    if (hit.type !== 'Trial') throw new Error(`the study's result is labelled "${hit.type}", not Trial`);
    if (hit.title !== study.data.label) throw new Error(`the study's result is titled "${hit.title}", not "${study.data.label}"`);
    const unlabelled = results.filter((r) => !r.type);
    if (unlabelled.length > 0) throw new Error(`results without a type: ${unlabelled.map((r) => r.path).join(', ')}`);
    const suffixed = results.filter((r) => r.title.includes(' · '));
    if (suffixed.length > 0) throw new Error(`titles with the site's name: ${suffixed.map((r) => r.title).join('; ')}`);
    if (errors.length > 0) throw new Error(errors.join('\n'));
  }
});

test('search excerpts read as sentences: no table-cell fragments for a study, an outcome or a common word', async (ctx) => {
  const outcome = Object.values(ctx.latest.outcomes)[0];
  const queries = [aStudy(ctx).data.label, ...(outcome ? [outcome.label] : []), 'patients'];
  const problems: string[] = [];
  for (const query of queries) {
    const { page, results } = await search(ctx, query);
    await page.close();
    if (results.length === 0) problems.push(`"${query}" finds nothing`);
    for (const r of results) {
      const fragments = excerptFragments(r.excerpt);
      if (fragments.length > 0) problems.push(`"${query}" → ${r.path} (${r.type}): ${fragments.slice(0, 3).map((f) => JSON.stringify(f)).join(', ')} in "${r.excerpt.replace(/<\/?mark>/g, '')}"`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

test('the type filter narrows the results to one kind, by mouse and by keyboard, and is kept in the address', async (ctx) => {
  const study = aStudy(ctx);
  const { page, results, errors } = await search(ctx, study.data.label);
  const kinds = [...new Set(results.map((r) => r.type))];
  if (kinds.length < 2) throw new Error(`"${study.data.label}" finds only ${kinds.join(', ')}: no filter to try`);
  const all = await page.$eval('[data-search-status]', (s) => s.textContent ?? '');
  await page.click('.search-types label[data-type="Trial"]');
  await page.waitForFunction((before) => document.querySelector('[data-search-status]')?.textContent !== before, all);
  const trials = await shownResults(page);
  if (trials.length === 0 || trials.some((r) => r.type !== 'Trial')) throw new Error(`filtered to Trial, the results are: ${trials.map((r) => r.type).join(', ')}`);
  if (trials.length >= results.length && !/ of kind /.test((await page.textContent('[data-search-status]')) ?? '')) throw new Error('the Trial filter did not narrow the results');
  if (new URL(page.url()).searchParams.get('type') !== 'Trial') throw new Error(`the address does not keep the filter: ${page.url()}`);
  // Keyboard: from the search box, Tab to the button, Tab into the kinds; the arrows choose another kind.
  await page.focus('#search-q');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
  if (focused !== 'type') throw new Error(`Tab from the search button reaches "${focused}", not the type filter`);
  const before = await page.$eval('[data-search-status]', (s) => s.textContent ?? '');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((b) => document.querySelector('[data-search-status]')?.textContent !== b, before);
  const chosen = await page.$eval('input[name="type"]:checked', (i) => (i as HTMLInputElement).value || 'All');
  const now = await shownResults(page);
  if (chosen !== 'All' && now.some((r) => r.type !== chosen)) throw new Error(`chose ${chosen} with the keyboard, results are ${now.map((r) => r.type).join(', ')}`);
  await page.close();
  if (errors.length > 0) throw new Error(errors.join('\n'));
});

test('the search page with results passes axe at 390 and 1280 px', async (ctx) => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const problems: string[] = [];
  for (const width of [390, 1280]) {
    const { page } = await search(ctx, aStudy(ctx).data.label, width);
    // Evaluated through the debugging protocol: the site's Content-Security-Policy blocks inline scripts.
    await page.evaluate(readFileSync(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    await page.close();
    problems.push(...violations.map((v) => `${width}px: ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`));
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
