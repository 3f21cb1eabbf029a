/**
 * No page scrolls sideways on a phone: at 390 px wide, for every kind of page, the document is
 * no wider than the screen, and whatever is wider than its box sits in a scroller a screen
 * reader can name (role="region" with a label) that a keyboard can reach, in which a table keeps
 * its first column in view, or is stacked into cards. Prints what it finds on each page.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { layOutWholePage, test, type Context } from './harness.ts';

/** The phone the layout is checked on (an iPhone 12 to 15's CSS width). */
export const PHONE = { width: 390, height: 844 } as const;

/**
 * Plot containers exempt from the rules: the forest plot's phone layout is its own piece of work.
 * Its static and interactive plots scroll inside figure.forest (the static one a keyboard-reachable
 * group named after the plot), and its compact phone figure is drawn to the figure's width. They
 * are measured and reported, then set aside so that they are not blamed on the page around them.
 */
export const PLOT_SCROLLERS = ['figure.forest .forest-static', 'figure.forest .forest-interactive', 'figure.forest .forest-compact'] as const;

/** What one page measures at phone width. */
export interface PhoneLayout {
  /** document.documentElement.scrollWidth and clientWidth. */
  scrollWidth: number;
  clientWidth: number;
  /** Sideways scrollers: a description, their scroll and client widths, and their kind. */
  scrollers: { what: string; scrollWidth: number; clientWidth: number; kind: 'region' | 'plot' }[];
  /** Whatever breaks the rules, one line each. */
  problems: string[];
  /** Tables on the page: how each is laid out at this width. */
  tables: { what: string; layout: 'stacked' | 'fits' | 'sticky-first' | 'scrolls' }[];
}

/**
 * Measures the page as it is laid out now: the document's width, every element wider than its
 * box, the scroller each lives in, and whether a scrolled table keeps its first column in view
 * (checked by scrolling each scroller to its far end and back).
 */
export async function measurePhoneLayout(page: Page): Promise<PhoneLayout> {
  // tsx keeps function names with a __name() helper that the page does not have: give it one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await layOutWholePage(page);
  return page.evaluate((plotSelectors: readonly string[]) => {
    const doc = document.documentElement;
    const scrollWidth = doc.scrollWidth;
    const headings = [...document.querySelectorAll('main h2, main h3')];
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const label = el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? '';
      // the last heading before the element says where on the page it is
      const heading = headings.filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1);
      const under = heading?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${label ? `[${label.slice(0, 50)}]` : ''}${under ? ` under "${under}"` : ''}`;
    };
    const scrollsSideways = (el: Element): boolean => {
      const o = getComputedStyle(el).overflowX;
      return o === 'auto' || o === 'scroll';
    };
    // A scroller is named by its own label, or by the caption of the one table it holds (what a
    // screen reader announces on entering it).
    const isNamedRegion = (el: Element): boolean =>
      (el.getAttribute('role') === 'region' && Boolean(el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')?.trim())) ||
      (el.querySelectorAll('table').length === 1 && Boolean(el.querySelector('table > caption')?.textContent?.trim()));
    // Hidden on purpose: clipped to nothing for screen readers only, or not rendered at all.
    const hiddenOnPurpose = (el: Element): boolean => {
      for (let e: Element | null = el; e && e !== doc; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
        if (s.clipPath.startsWith('inset(50%') || (s.position === 'absolute' && e.getBoundingClientRect().width <= 1)) return true;
      }
      return false;
    };
    const problems: string[] = [];
    const scrollers: PhoneLayout['scrollers'] = [];
    const seen = new Set<Element>();
    // The exempt plots: recorded when wider than their box, then out of the layout while the rest is measured.
    const plots = [...document.querySelectorAll(plotSelectors.join(', '))].filter((el) => el instanceof HTMLElement && !hiddenOnPurpose(el)) as HTMLElement[];
    for (const el of plots) {
      if (el.scrollWidth > el.clientWidth + 1) scrollers.push({ what: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, kind: 'plot' });
    }
    const displays = plots.map((el) => el.style.display);
    for (const el of plots) el.style.display = 'none';
    for (const el of document.body.querySelectorAll('*')) {
      if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
      if (hiddenOnPurpose(el)) continue;
      // The scroller that holds the overflow: the element itself or its nearest scrolling ancestor.
      let box: Element | null = el;
      while (box && box !== document.body && !scrollsSideways(box)) box = box.parentElement;
      const scroller = box && box !== document.body ? box : null;
      if (!scroller) {
        problems.push(`${describe(el)} is ${el.scrollWidth} px wide in a box of ${el.clientWidth} px, and nothing scrolls it`);
        continue;
      }
      if (seen.has(scroller)) continue;
      seen.add(scroller);
      if (scroller.scrollWidth <= scroller.clientWidth + 1) continue;
      if (!isNamedRegion(scroller)) {
        problems.push(`${describe(scroller)} scrolls sideways (${scroller.scrollWidth} px in ${scroller.clientWidth} px) but is not a region with a label`);
      } else if (scroller.getAttribute('tabindex') !== '0') {
        problems.push(`${describe(scroller)} scrolls sideways but a keyboard cannot reach it (no tabindex="0")`);
      }
      scrollers.push({ what: describe(scroller), scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, kind: 'region' });
    }
    // Every table: stacked into cards, fitting its box, or scrolling with its first column in view.
    const tables: PhoneLayout['tables'] = [];
    for (const table of document.querySelectorAll('main table')) {
      if (hiddenOnPurpose(table)) continue;
      const what = describe(table);
      if (getComputedStyle(table).display === 'block' && table.querySelector('tr') && getComputedStyle(table.querySelector('tr')!).display !== 'table-row') {
        tables.push({ what, layout: 'stacked' });
        continue;
      }
      let box: Element | null = table.parentElement;
      while (box && box !== document.body && !scrollsSideways(box)) box = box.parentElement;
      if (!box || box === document.body || box.scrollWidth <= box.clientWidth + 1) {
        tables.push({ what, layout: 'fits' });
        continue;
      }
      const before = box.scrollLeft;
      box.scrollLeft = box.scrollWidth;
      const frame = box.getBoundingClientRect();
      const hidden: string[] = [];
      for (const tr of table.querySelectorAll('tr')) {
        const first = tr.firstElementChild;
        if (!first || first.hasAttribute('colspan')) continue;
        const r = first.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < frame.left - 1 || r.left > frame.right - 24) hidden.push((first.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30));
      }
      box.scrollLeft = before;
      if (hidden.length > 0) {
        problems.push(`${what}: scrolled to its end, the first column goes out of view (${hidden.slice(0, 3).join('; ')}${hidden.length > 3 ? '; …' : ''})`);
        tables.push({ what, layout: 'scrolls' });
      } else {
        tables.push({ what, layout: 'sticky-first' });
      }
    }
    plots.forEach((el, i) => (el.style.display = displays[i]!));
    return { scrollWidth, clientWidth: doc.clientWidth, scrollers, problems, tables };
  }, PLOT_SCROLLERS);
}

/** The pages directly under a folder of the built site (their folder names, sorted). */
function pagesUnder(ctx: Context, folder: string): string[] {
  const dir = path.join(ctx.distDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'index.html')))
    .sort();
}

/** One page of each kind the site has (every outcome page, every table), as paths from the root. */
export function phonePages(ctx: Context): string[] {
  const built = (p: string) => existsSync(path.join(ctx.distDir, p, 'index.html'));
  const releases = ctx.content.review.releases.map((r) => r.number);
  const latest = releases.at(-1);
  const trial = [...ctx.content.trials].sort((a, b) => b.data.reports.length - a.data.reports.length || (a.slug < b.slug ? -1 : 1))[0];
  const pages = [
    '/',
    '/outcomes/',
    ...pagesUnder(ctx, 'outcomes').map((id) => `/outcomes/${id}/`),
    '/tables/',
    ...pagesUnder(ctx, 'tables').map((t) => `/tables/${t}/`),
    '/trials/',
    ...(trial ? [`/trials/${trial.slug}/`] : []),
    '/chapters/',
    ...pagesUnder(ctx, 'chapters').map((c) => `/chapters/${c}/`),
    '/releases/',
    ...(latest !== undefined ? [`/releases/${latest}/`, `/releases/${latest}/changes/`, `/releases/${latest}/outcomes/`, `/prisma/${latest}/`] : []),
    '/timeline/',
    '/search/',
    '/curators/',
    '/curators/fields/',
    '/about/',
  ];
  return [...new Set(pages)].filter(built);
}

test('no page scrolls sideways on a phone; what is wider scrolls in a named region with its first column in view', async (ctx) => {
  const problems: string[] = [];
  const plotPages: string[] = [];
  for (const p of phonePages(ctx)) {
    const { page } = await ctx.open(p, PHONE);
    const m = await measurePhoneLayout(page);
    await page.close();
    const regions = m.scrollers.filter((s) => s.kind === 'region');
    const plots = m.scrollers.filter((s) => s.kind === 'plot');
    if (plots.length > 0) plotPages.push(p);
    const counts = (['stacked', 'sticky-first', 'fits', 'scrolls'] as const)
      .map((l) => [l, m.tables.filter((t) => t.layout === l).length] as const)
      .filter(([, n]) => n > 0)
      .map(([l, n]) => `${n} ${l}`);
    console.log(
      `    ${p}: document ${m.scrollWidth}/${m.clientWidth} px; tables: ${counts.join(', ') || 'none'}; ` +
        `${regions.length} region scroller(s)${plots.length > 0 ? `, ${plots.length} forest plot scroller(s)` : ''}`,
    );
    for (const s of regions) console.log(`      scrolls: ${s.what} ${s.scrollWidth}/${s.clientWidth} px`);
    if (m.scrollWidth > m.clientWidth) problems.push(`${p}: the page scrolls sideways (${m.scrollWidth} px wide on a ${m.clientWidth} px screen)`);
    problems.push(...m.problems.map((x) => `${p}: ${x}`));
  }
  if (plotPages.length > 0) console.log(`    forest plots that scroll in their own container: ${plotPages.join(', ')}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
