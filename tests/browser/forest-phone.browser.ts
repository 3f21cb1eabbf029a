/**
 * Forest plots on a phone: below 40rem each figure shows its compact form, in which a row's
 * label and its estimate [CI] are both on screen without scrolling sideways (the wide SVG, which
 * would scroll, is not shown, nor the button of the interactive plot); on a wide screen the SVG
 * is back and the compact form is not shown.
 */
import type { Page } from 'playwright-core';
import { layOutWholePage, test, type Context } from './harness.ts';

/** The outcome pages with a forest plot: every outcome of the latest release with a pooled result. */
function outcomePages(ctx: Context): string[] {
  return Object.values(ctx.latest.outcomes)
    .filter((o) => o.overall !== null)
    .map((o) => `/outcomes/${o.id}/`);
}

/** What is wrong with the page's forest figures at this width (none when all is well). */
async function phoneProblems(page: Page, width: number): Promise<string[]> {
  // tsx keeps function names with a __name() helper that the page does not have: give it one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await layOutWholePage(page);
  return page.evaluate((w) => {
    const problems: string[] = [];
    const shown = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
    const figures = [...document.querySelectorAll('figure.forest')];
    if (figures.length === 0) problems.push('no forest figure');
    figures.forEach((figure, i) => {
      const name = `figure ${i + 1} (${figure.id})`;
      if (shown(figure.querySelector('.forest-static'))) problems.push(`${name}: the wide plot is shown`);
      if (shown(figure.querySelector('[data-forest-open]'))) problems.push(`${name}: the interactive plot's button is shown`);
      if (!shown(figure.querySelector('.forest-narrow'))) problems.push(`${name}: does not say that the interactive plot needs a wider screen`);
      const row = figure.querySelector('.forest-compact > li.forest-c-s, .forest-compact > li.forest-c-all');
      if (!row) {
        problems.push(`${name}: no compact row`);
        return;
      }
      const label = row.querySelector(':scope > span:first-child > span:nth-child(1)');
      const estimate = row.querySelector(':scope > span:first-child > span:nth-child(3)');
      const bar = row.querySelector(':scope > span:nth-child(2)');
      for (const [what, el] of [['label', label], ['estimate', estimate], ['bar', bar]] as const) {
        if (!el || !shown(el)) {
          problems.push(`${name}: the first row's ${what} is not shown`);
          continue;
        }
        const box = el.getBoundingClientRect();
        if (box.left < 0 || box.right > w + 0.5) problems.push(`${name}: the first row's ${what} "${el.textContent}" spans ${Math.round(box.left)} to ${Math.round(box.right)} px, outside 0 to ${w}`);
      }
    });
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`the page is ${doc.scrollWidth - doc.clientWidth} px wider than the screen`);
    return problems;
  }, width);
}

test('on a 390 px phone, every forest plot shows each row’s label and estimate without scrolling sideways', async (ctx) => {
  const pages = outcomePages(ctx);
  if (pages.length === 0) throw new Error('no outcome of the latest release has a pooled result');
  const problems: string[] = [];
  for (const p of pages) {
    // every page at 390 px; the first also at the narrowest and the widest phone
    for (const width of p === pages[0] ? [320, 390, 430] : [390]) {
      const { page, errors } = await ctx.open(p, { width, height: 844 });
      problems.push(...(await phoneProblems(page, width)).map((x) => `${p} at ${width} px: ${x}`));
      problems.push(...errors.map((e) => `${p} at ${width} px: ${e}`));
      await page.close();
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

test('on a wide screen the forest plot is the SVG, and its compact form is not shown', async (ctx) => {
  const first = outcomePages(ctx)[0];
  if (!first) throw new Error('no outcome of the latest release has a pooled result');
  const { page } = await ctx.open(first);
  const state = await page.$eval('figure.forest', (f) => ({
    svg: getComputedStyle(f.querySelector('.forest-static')!).display !== 'none',
    compact: getComputedStyle(f.querySelector('.forest-compact')!).display !== 'none',
    note: getComputedStyle(f.querySelector('.forest-narrow')!).display !== 'none',
  }));
  await page.close();
  if (!state.svg || state.compact || state.note) throw new Error(`at 1280 px: ${JSON.stringify(state)}`);
});
