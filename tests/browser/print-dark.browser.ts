/**
 * Paper and the dark: a printed page drops navigation and controls, fits the width of A4 paper,
 * ends with the review's title, release and citation, and prints to PDF (the page counts and
 * widths are written to the output). The helpers here (print facts, luminance, axe colour
 * contrast) also serve page-kinds.browser.ts, which checks every kind of page in the dark and in
 * print.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { layOutWholePage, test, type Context } from './harness.ts';

/** A4 at 96 dpi less the page margins of src/styles/print.css (14 mm left and right). */
const MM = 96 / 25.4;
export const A4_CONTENT_WIDTH = Math.floor((210 - 2 * 14) * MM);

/** The pages of each kind to check: home, the first pooled outcome, the study with most reports, the first chapter. */
function samplePages(ctx: Context): { home: string; outcome?: string; trial?: string; chapter?: string } {
  const outcome = Object.values(ctx.latest.outcomes).find((o) => o.overall !== null);
  const trial = [...ctx.content.trials].sort((a, b) => b.data.reports.length - a.data.reports.length || (a.slug < b.slug ? -1 : 1))[0];
  const chapters = path.join(ctx.distDir, 'chapters');
  const chapter = existsSync(chapters)
    ? readdirSync(chapters)
        .filter((name) => existsSync(path.join(chapters, name, 'index.html')))
        .sort()[0]
    : undefined;
  return {
    home: '/',
    outcome: outcome && `/outcomes/${outcome.id}/`,
    trial: trial && `/trials/${trial.slug}/`,
    chapter: chapter && `/chapters/${chapter}/`,
  };
}

/** Relative luminance (WCAG) of a computed CSS colour such as "rgb(20, 23, 27)". */
export function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['255', '255', '255']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** axe-core's colour-contrast rule on the page: its violations, and how many nodes it could not decide. */
export async function contrast(page: Page): Promise<{ violations: string[]; incomplete: number }> {
  // every block laid out, so that axe judges what a reader scrolling down sees
  await layOutWholePage(page);
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // evaluated through the debugging protocol: the site's Content-Security-Policy blocks inline scripts
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    type Node = { target: string[]; any: { message: string }[] };
    type Result = { violations: { id: string; nodes: Node[] }[]; incomplete: { nodes: Node[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    return axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  });
  return {
    violations: result.violations.flatMap((v) => v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? v.id}`)),
    incomplete: result.incomplete.reduce((sum, r) => sum + r.nodes.length, 0),
  };
}

/**
 * What a page laid out for print shows (emulate print media first): controls still visible, the
 * elements wider than the A4 content box, the widest element's right edge, the page's width, the
 * print footer's text and the printed target of the first external link.
 */
export async function printFacts(page: Page) {
  return page.evaluate((limit) => {
    const controls = Array.from(document.querySelectorAll('nav, .skip-link, .site-search, button:not(.provenance), .button, [data-forest-open]'))
      .filter((e) => e.checkVisibility())
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    const wide: string[] = [];
    let widest = 0;
    for (const e of Array.from(document.querySelectorAll('body *'))) {
      if (!e.checkVisibility()) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      widest = Math.max(widest, r.right);
      if (r.right > limit + 1 || r.left < -1) wide.push(`${e.tagName.toLowerCase()}.${String(e.getAttribute('class') ?? '').split(' ')[0]} (${Math.round(r.left)} to ${Math.round(r.right)} px)`);
    }
    const footer = document.querySelector('.print-footer');
    const external = document.querySelector('main a[href^="http"]');
    return {
      controls,
      wide,
      widest: Math.round(widest),
      scrollWidth: document.documentElement.scrollWidth,
      footer: footer?.checkVisibility() ? (footer.textContent ?? '').replace(/\s+/g, ' ').trim() : null,
      linkTarget: external ? getComputedStyle(external, '::after').content : null,
    };
  }, A4_CONTENT_WIDTH);
}

test('a printed page has no navigation or controls, fits A4, ends with how to cite, and prints to PDF', async (ctx) => {
  const { outcome, chapter } = samplePages(ctx);
  const problems: string[] = [];
  // on screen the print footer is not shown
  {
    const { page } = await ctx.open('/');
    if (await page.$eval('.print-footer', (e) => e.checkVisibility()).catch(() => true)) problems.push('/: the print footer is missing or shown on screen');
    await page.close();
  }
  for (const p of [chapter, outcome].filter((x): x is string => x !== undefined)) {
    const { page } = await ctx.open(p, { width: A4_CONTENT_WIDTH, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    const found = await printFacts(page);
    if (found.controls.length > 0) problems.push(`${p}: printed with navigation or controls: ${found.controls.slice(0, 5).join(', ')}`);
    if (found.wide.length > 0) problems.push(`${p}: ${found.wide.length} elements wider than the A4 content box of ${A4_CONTENT_WIDTH} px: ${found.wide.slice(0, 5).join(', ')}`);
    if (found.scrollWidth > A4_CONTENT_WIDTH) problems.push(`${p}: the printed page is ${found.scrollWidth} px wide, more than ${A4_CONTENT_WIDTH} px`);
    const release = String(ctx.latest.release);
    if (!found.footer || !found.footer.includes(ctx.content.review.title) || !found.footer.includes(`Release ${release}`) || !found.footer.includes('How to cite')) {
      problems.push(`${p}: the printed page does not end with the title, release ${release} and how to cite it (footer: ${found.footer ?? 'not shown'})`);
    }
    if (found.linkTarget !== null && !found.linkTarget.includes('http')) problems.push(`${p}: an external link prints without its address (${found.linkTarget})`);
    const a4 = await page.pdf({ format: 'A4' });
    const letter = await page.pdf({ format: 'Letter' });
    const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (pages(a4) === 0) problems.push(`${p}: the A4 PDF has no pages`);
    console.log(
      `    print ${p}: content box ${A4_CONTENT_WIDTH} px, widest element ends at ${found.widest} px, page ${found.scrollWidth} px wide; PDF A4 ${pages(a4)} pages (${Math.round(a4.length / 1024)} kB), Letter ${pages(letter)} pages`,
    );
    await page.close();
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});
