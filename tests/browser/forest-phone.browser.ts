/**
 * Forest plots on a phone: below 40rem each figure shows its compact form, in which a row's
 * label and its estimate [CI] are both on screen without scrolling sideways (the wide SVG, which
 * would scroll, is not shown); on a wide screen the SVG is back and the compact form is not
 * shown. The interactive plot opens at both widths (the compact form on a phone, the live chart
 * on a wide screen), takes keyboard focus, and re-orders its rows.
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
      if (!shown(figure.querySelector('[data-forest-open]'))) problems.push(`${name}: the interactive plot's button is not shown`);
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
  }));
  await page.close();
  if (!state.svg || state.compact) throw new Error(`at 1280 px: ${JSON.stringify(state)}`);
});

/** The labels of the study rows the opened interactive plot shows (compact rows or the chart's text). */
async function openedState(page: Page) {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.$eval('figure.forest', (f) => {
    const holder = f.querySelector<HTMLElement>('.forest-interactive')!;
    const visible = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
    return {
      holderShown: visible(holder),
      focused: document.activeElement === holder,
      name: holder.getAttribute('aria-label') ?? '',
      compactRows: [...holder.querySelectorAll('.forest-compact > li.forest-c-s > span:first-child > span:first-child')].map((el) => el.textContent ?? ''),
      chart: holder.querySelector('svg') !== null,
      staticShown: [...f.querySelectorAll(':scope > .forest-static, :scope > .forest-compact')].some(visible),
      rowOverflow: [...holder.querySelectorAll('.forest-compact > li > span:first-child > span')].some((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > window.innerWidth + 0.5);
      }),
    };
  });
}

test('the interactive forest plot opens on a phone as the compact plot and on a wide screen as a chart, with focus on it', async (ctx) => {
  const outcome = Object.values(ctx.latest.outcomes)
    .filter((o) => o.overall !== null)
    .sort((a, b) => b.studies.length - a.studies.length)[0];
  if (!outcome) throw new Error('no outcome of the latest release has a pooled result');
  const problems: string[] = [];
  for (const width of [390, 1280]) {
    const { page, errors } = await ctx.open(`/outcomes/${outcome.id}/`, { width, height: 900 });
    await page.click('figure.forest [data-forest-open]');
    await page.waitForSelector('figure.forest .forest-controls', { timeout: 20_000 });
    if (width > 640) await page.waitForSelector('figure.forest .forest-interactive svg', { timeout: 20_000 });
    const opened = await openedState(page);
    const at = `at ${width} px`;
    if (!opened.holderShown) problems.push(`${at}: the interactive plot is not shown`);
    if (!opened.focused) problems.push(`${at}: keyboard focus did not move to the opened plot`);
    if (!opened.name.includes(outcome.label)) problems.push(`${at}: the opened plot is not named after the outcome: "${opened.name}"`);
    if (opened.staticShown) problems.push(`${at}: the static plot is still shown beside the interactive one`);
    if (width <= 640) {
      if (opened.chart) problems.push(`${at}: a wide chart was drawn on a phone`);
      if (opened.compactRows.length !== outcome.studies.length) problems.push(`${at}: ${opened.compactRows.length} compact rows for ${outcome.studies.length} studies`);
      if (opened.rowOverflow) problems.push(`${at}: a row's text runs off the screen`);
      // Without subgroups and ordered by proportion, the rows follow the studies' estimates.
      await page.selectOption('figure.forest .forest-controls select >> nth=1', '');
      await page.selectOption('figure.forest .forest-controls select >> nth=0', 'estimate');
      const sorted = (await openedState(page)).compactRows;
      const expected = [...outcome.studies].sort((a, b) => a.proportion - b.proportion || a.label.localeCompare(b.label, 'en')).map((s) => s.label);
      if (JSON.stringify(sorted) !== JSON.stringify(expected)) problems.push(`${at}: ordered by proportion the rows read ${sorted.join(', ')}; expected ${expected.join(', ')}`);
    } else if (!opened.chart) {
      problems.push(`${at}: no chart was drawn`);
    }
    problems.push(...errors.map((e) => `${at}: ${e}`));
    await page.close();
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
