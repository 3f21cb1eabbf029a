/** Every built page loads without a console error, and every internal link it has resolves. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveFile } from '../../scripts/lib/static-server.ts';
import { test } from './harness.ts';

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
  for (const p of pages) {
    const { page, errors } = await ctx.open(p);
    // SVG links (the PRISMA diagram) expose href as an SVGAnimatedString.
    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => (a instanceof SVGAElement ? new URL(a.href.baseVal, document.baseURI).href : (a as HTMLAnchorElement).href)),
    );
    for (const link of links) {
      const u = new URL(link);
      if (u.origin !== new URL(ctx.root).origin) continue;
      if (!resolveFile(ctx.distDir, ctx.base, u.pathname)) problems.push(`${p}: broken link ${u.pathname}`);
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
