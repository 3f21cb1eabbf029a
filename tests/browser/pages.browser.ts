/** Every built page loads without a console error, and every internal link it has resolves. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { layOutWholePage, test } from './harness.ts';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';

function htmlPages(dir: string, prefix = '/'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === '_astro' || name === 'pagefind') continue;
      out.push(...htmlPages(full, `${prefix}${name}/`));
    } else if (name === 'index.html') {
      out.push(prefix);
    }
  }
  return out;
}

test('every page loads without a console error or a broken internal link', async (ctx) => {
  const pages = htmlPages(ctx.distDir);
  if (pages.length < 3) throw new Error(`expected the built site to have pages, found ${pages.length}`);
  const problems: string[] = [];
  // Each internal address is asked of the server once: a link is broken unless it answers 200.
  const status = new Map<string, Promise<number>>();
  const statusOf = (href: string) => {
    let known = status.get(href);
    if (!known) status.set(href, (known = fetch(href, { method: 'HEAD' }).then((r) => r.status)));
    return known;
  };
  for (const p of pages) {
    const { page, errors } = await ctx.open(p);
    // SVG links (the PRISMA diagram) expose href as an SVGAnimatedString.
    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => (a instanceof SVGAElement ? new URL(a.href.baseVal, document.baseURI).href : (a as HTMLAnchorElement).href)),
    );
    for (const link of links) {
      const u = new URL(link);
      if (u.origin !== new URL(ctx.root).origin) continue;
      u.hash = '';
      const code = await statusOf(u.href);
      if (code !== 200) problems.push(`${p}: broken link ${u.pathname} (${code})`);
    }
    problems.push(...errors.map((e) => `${p}: ${e}`));
    await page.close();
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

test('the home page says what the review is and links to the trials', async (ctx) => {
  const { page } = await ctx.open('/');
  const h1 = await page.textContent('h1');
  if (!h1 || h1.length < 20) throw new Error(`home page heading too short: ${h1}`);
  const trialsLink = await page.$('main a[href$="/trials/"]');
  if (!trialsLink) throw new Error('home page has no link to the trials');
  await page.close();
});

test('a number on a trial page opens its source when tapped, on a phone-sized screen', async (ctx) => {
  const { page } = await ctx.open('/trials/', { width: 390, height: 844 });
  const first = await page.$('tbody th a');
  if (!first) throw new Error('no trial listed');
  await first.click();
  await page.waitForLoadState('load');
  const button = await page.$('button.provenance');
  if (!button) throw new Error('no number with provenance on the trial page');
  const target = await button.getAttribute('popovertarget');
  await button.click();
  const visible = await page.isVisible(`[id="${target}"]`);
  if (!visible) throw new Error('the provenance note did not open');
  const text = (await page.textContent(`[id="${target}"]`)) ?? '';
  if (!/Source:/.test(text)) throw new Error(`provenance note says: ${text}`);
  await page.close();
});

test("an outcome page names the model, gives τ² and both I² with their intervals, its diagnostics, and each estimate's notes on demand", async (ctx) => {
  const latest = JSON.parse(readFileSync(path.join(ctx.distDir, 'data/latest/analyses.json'), 'utf8')) as ReleaseAnalyses;
  // the outcome whose pooled estimate has the most notes, so that the notes are checked where there are some
  const outcome = Object.values(latest.outcomes)
    .filter((o) => o.overall !== null)
    .sort((a, b) => b.overall!.warnings.length - a.overall!.warnings.length)[0];
  if (!outcome) throw new Error('no outcome is pooled');
  const { page, errors } = await ctx.open(`/outcomes/${outcome.id}/`, { width: 390, height: 844 });
  const model = (await page.textContent('#model + p')) ?? '';
  if (!/Pooled with a (random-effects|common-effect|binomial)/.test(model)) throw new Error(`the model is not named: ${model.slice(0, 120)}`);
  if (outcome.overall!.k >= 2 && !(/I² \(from τ²\)/.test(model) && /I² \(from Q\)/.test(model))) throw new Error(`both I² are not named: ${model}`);
  for (const id of ['funnel', 'influence', 'robustness']) {
    if (!(await page.$(`h2#${id}`))) throw new Error(`no ${id} section on /outcomes/${outcome.id}/`);
  }
  const notes = outcome.overall!.warnings.length;
  if (notes > 0) {
    const summary = await page.$('#model ~ details.estimate-notes summary');
    if (!summary) throw new Error('the notes of the pooled estimate are not shown beside it');
    await summary.click();
    const items = await page.$$eval('#model ~ details.estimate-notes[open] li', (lis) => lis.map((li) => li.textContent ?? ''));
    if (items.length !== new Set(outcome.overall!.warnings).size) throw new Error(`expected ${notes} notes, the page lists ${items.length}`);
  }
  await layOutWholePage(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) throw new Error(`the page is ${overflow} px wider than a 390 px screen`);
  await page.close();
  if (errors.length > 0) throw new Error(errors.join('\n'));
});
