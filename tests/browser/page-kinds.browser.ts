/**
 * Every kind of page (home, results, an outcome, tables, a table, trials, a trial, chapters, a
 * chapter, releases, a release, its changes, its frozen results, PRISMA, timeline, search,
 * curators' guide, about) as readers see it: at 390 and 1280 px, in the light and the dark
 * colour scheme, and laid out for print. Each view is screenshotted (into SCREENSHOTS_DIR when
 * it is set, for people to look at) and its layout facts are asserted:
 * - the document never scrolls sideways, and anything wider scrolls in a named region whose
 *   first column stays in view (measurePhoneLayout);
 * - in the dark the page is dark, plots sit on light panels, and text passes axe-core's
 *   colour-contrast rule;
 * - on an outcome page the first row of the forest plot shows its label and its estimate inside
 *   the window;
 * - on a page with provenance notes the first note opens inside the window, next to its number,
 *   with no text cut off;
 * - printed, no navigation or control shows and nothing is wider than A4's content box.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { layOutWholePage, test, type Context } from './harness.ts';
import { measurePhoneLayout, phonePages } from './phone-layout.browser.ts';
import { geometry, placeProblems } from './popover.browser.ts';
import { A4_CONTENT_WIDTH, contrast, luminance, printFacts } from './print-dark.browser.ts';

/** One page of each kind: the phone-layout test's list, with every outcome and table reduced to its first. */
export function pageKinds(ctx: Context): string[] {
  const seen = new Set<string>();
  const kinds: string[] = [];
  for (const p of phonePages(ctx)) {
    // "/outcomes/x/" and "/outcomes/y/" are one kind; "/releases/2/changes/" is its own.
    const kind = p.split('/').map((part, i) => (i >= 2 && part !== '' && !/^(changes|outcomes)$/.test(part) ? '*' : part)).join('/');
    if (seen.has(kind)) continue;
    seen.add(kind);
    kinds.push(p);
  }
  return kinds;
}

const VIEWS = [
  { scheme: 'light', width: 390, height: 844 },
  { scheme: 'light', width: 1280, height: 900 },
  { scheme: 'dark', width: 390, height: 844 },
  { scheme: 'dark', width: 1280, height: 900 },
] as const;

/** A file name for a page's screenshot: "/outcomes/x/" in dark at 390 px -> "outcomes-x.dark-390.png". */
function shotName(p: string, view: string): string {
  return `${p.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'home'}.${view}.png`;
}

/** The first forest-plot row's label and estimate, and whether each lies inside the window. */
async function forestRowProblems(page: Page, width: number): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate((w) => {
    const figure = document.querySelector('figure.forest');
    if (!figure) return [];
    const inside = (el: Element | null) => {
      if (!el || !el.checkVisibility()) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.left >= -0.5 && r.right <= w + 0.5;
    };
    if (w <= 640) {
      const row = figure.querySelector('.forest-compact > li.forest-c-s, .forest-compact > li.forest-c-all');
      const label = row?.querySelector(':scope > span:first-child > span:nth-child(1)') ?? null;
      const estimate = row?.querySelector(':scope > span:first-child > span:last-child') ?? null;
      return [...(inside(label) ? [] : ['the forest plot row label is not inside the window']), ...(inside(estimate) ? [] : ['the forest plot row estimate is not inside the window'])];
    }
    const plot = figure.querySelector('.forest-static');
    const svg = plot?.querySelector('svg') ?? null;
    if (!plot || !inside(svg)) return [`the forest plot (${Math.round(svg?.getBoundingClientRect().width ?? 0)} px) does not fit the ${w} px window`];
    return [];
  }, width);
}

test('every kind of page at 390 and 1280 px, light and dark, and printed: no sideways scrolling, dark where asked, forest rows and notes inside the window', async (ctx) => {
  const dir = process.env['SCREENSHOTS_DIR'];
  if (dir) mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  const kinds = pageKinds(ctx);
  for (const p of kinds) {
    for (const view of VIEWS) {
      const where = `${p} ${view.scheme} at ${view.width} px`;
      const { page, errors } = await ctx.open(p, { width: view.width, height: view.height });
      await page.emulateMedia({ colorScheme: view.scheme });
      const layout = await measurePhoneLayout(page);
      problems.push(...layout.problems.map((x) => `${where}: ${x}`));
      if (layout.scrollWidth > layout.clientWidth) problems.push(`${where}: the page scrolls sideways (${layout.scrollWidth} px in ${layout.clientWidth} px)`);
      problems.push(...(await forestRowProblems(page, view.width)).map((x) => `${where}: ${x}`));
      if (view.scheme === 'dark') {
        const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (luminance(body) > 0.05) problems.push(`${where}: the body's background ${body} is not dark`);
        const panels = await page.$$eval('.forest-static, .funnel-plot, .baujat-static, .rob-plot', (els) => els.filter((e) => e.checkVisibility()).map((e) => getComputedStyle(e).backgroundColor));
        for (const bg of panels) if (luminance(bg) < 0.8) problems.push(`${where}: a plot sits on ${bg}, not on a light panel`);
        problems.push(...(await contrast(page)).violations.map((v) => `${where}: ${v}`));
      }
      const note = page.locator('main button.provenance').first();
      if ((await note.count()) > 0) {
        await note.scrollIntoViewIfNeeded();
        await note.click();
        await page.waitForTimeout(50);
        problems.push(...placeProblems(await geometry(note), `${where}: the first provenance note`));
        await page.keyboard.press('Escape');
      }
      if (dir) await page.screenshot({ path: path.join(dir, shotName(p, `${view.scheme}-${view.width}`)), fullPage: true });
      problems.push(...errors.map((e) => `${where}: ${e}`));
      await page.close();
    }
    // Printed: A4's content width, print media.
    const { page } = await ctx.open(p, { width: A4_CONTENT_WIDTH, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    await layOutWholePage(page);
    const found = await printFacts(page);
    if (found.controls.length > 0) problems.push(`${p} printed: navigation or controls show: ${found.controls.slice(0, 5).join(', ')}`);
    if (found.wide.length > 0) problems.push(`${p} printed: ${found.wide.length} elements wider than the A4 content box of ${A4_CONTENT_WIDTH} px: ${found.wide.slice(0, 5).join(', ')}`);
    if (dir) await page.screenshot({ path: path.join(dir, shotName(p, 'print')), fullPage: true });
    await page.close();
  }
  console.log(`    ${kinds.length} kinds of page × 5 views (light and dark at 390 and 1280 px, print)${dir ? `; screenshots in ${dir}` : ''}: ${kinds.join(' ')}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
