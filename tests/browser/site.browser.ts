/**
 * What a reader sees, on the site of any review: forest plots with one row per study pooled,
 * PRISMA boxes with each search's numbers, no accessibility violations, the interactive plot
 * with its tooltip, and a search that finds a study by its label. What to expect comes from
 * the review's content and the site's own data files (ctx.content, ctx.latest).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { OutcomeAnalysis } from '../../src/lib/review/analyses-types.ts';
import { layOutWholePage, test, type Context } from './harness.ts';

/** The outcomes of the latest release that have a pooled result, in the review's order. */
function pooledOutcomes(ctx: Context): OutcomeAnalysis[] {
  return Object.values(ctx.latest.outcomes).filter((o) => o.overall !== null);
}

/** Whether the site has a page at this path. */
function built(ctx: Context, page: string): boolean {
  return existsSync(path.join(ctx.distDir, page, 'index.html'));
}

test('each forest plot draws one square and one table row per study pooled', async (ctx) => {
  const outcomes = pooledOutcomes(ctx);
  if (outcomes.length === 0) throw new Error('no outcome of the latest release has a pooled result');
  for (const outcome of outcomes) {
    const { page } = await ctx.open(`/outcomes/${outcome.id}/`);
    const rows = await page.$$eval('figure.forest details table tbody tr', (trs) => trs.length);
    // the risk-of-bias cells beside the plot are symbols too: left out by their mark's name
    const squares = await page.$$eval('figure.forest .forest-static .mark-symbol:not([class*="rob_cells"]) path', (ps) => ps.length);
    await page.close();
    const plots = Object.keys(outcome.subgroups).length || 1;
    const k = outcome.overall!.k;
    if (rows !== k * plots) throw new Error(`${outcome.id}: ${rows} table rows, expected k = ${k} per plot (${plots} plots)`);
    if (squares !== k * plots) throw new Error(`${outcome.id}: ${squares} squares, expected k = ${k} per plot (${plots} plots)`);
  }
});

test("each release's PRISMA flow shows its search's counts", async (ctx) => {
  const problems: string[] = [];
  for (const release of ctx.content.review.releases) {
    const search = ctx.content.searches.find((s) => s.id === release.search)!.data;
    const counts: [string, number][] = [
      ...[...search.databases, ...search.registers, ...search.other_sources].map((s): [string, number] => [s.name, s.records]),
      ['duplicates removed', search.duplicates_removed],
      ['records screened', search.records_screened],
      ['records excluded', search.records_excluded],
      ['reports sought', search.reports_sought],
      ['reports assessed', search.reports_assessed],
      ...search.reports_excluded.map((r): [string, number] => [`excluded: ${r.reason}`, r.count]),
      ['new studies included', search.new_studies_included],
      ['new reports included', search.new_reports_included],
    ];
    const { page } = await ctx.open(`/prisma/${release.number}/`);
    const text = ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
    await page.close();
    for (const [what, n] of counts) {
      if (!text.includes(`(n = ${n})`)) problems.push(`/prisma/${release.number}/ does not show ${what} (n = ${n})`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

async function axeViolations(page: Page): Promise<string[]> {
  // every block laid out, so that axe judges what a reader scrolling down sees
  await layOutWholePage(page);
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated through the browser's debugging protocol: a script tag added to the page would be
  // an inline script, which the site's Content-Security-Policy blocks.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // target-size (WCAG 2.2 AA) as well, which Lighthouse scores on phones
    return axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

test('axe-core finds no accessibility violations on each kind of page', async (ctx) => {
  const { content } = ctx;
  // The richest pages of each kind: the first pooled outcome, the study with the most reports,
  // the first chapter, the latest release's PRISMA flow.
  const outcome = pooledOutcomes(ctx)[0];
  const trial = [...content.trials].sort((a, b) => b.data.reports.length - a.data.reports.length || (a.slug < b.slug ? -1 : 1))[0];
  const latest = content.review.releases.at(-1)!.number;
  const pages = ['/', '/chapters/', '/outcomes/', '/trials/', '/prisma/', `/prisma/${latest}/`];
  if (outcome) pages.push(`/outcomes/${outcome.id}/`);
  if (trial) pages.push(`/trials/${trial.slug}/`);
  for (const extra of ['/tables/', '/tables/efficacy/', '/tables/safety/', '/tables/characteristics/', '/tables/landscape/', '/about/', '/curators/fields/', '/timeline/']) {
    if (built(ctx, extra)) pages.push(extra);
  }
  const chapter = pagesUnder(ctx, 'chapters')[0];
  if (chapter) pages.push(`/chapters/${chapter}/`);
  const problems: string[] = [];
  for (const p of pages) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { page } = await ctx.open(p, viewport);
      problems.push(...(await axeViolations(page)).map((v) => `${p} at ${viewport.width}px: ${v}`));
      await page.close();
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
});

/** The pages directly under a folder of the site (their folder names, sorted). */
function pagesUnder(ctx: Context, folder: string): string[] {
  const dir = path.join(ctx.distDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'index.html')))
    .sort();
}

test('the interactive forest plot loads on request and shows a tooltip', async (ctx) => {
  const outcome = pooledOutcomes(ctx)[0];
  if (!outcome) throw new Error('no outcome of the latest release has a pooled result');
  const { page, errors } = await ctx.open(`/outcomes/${outcome.id}/`);
  const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /forest-interactive/.test(n)).length);
  if (before !== 0) throw new Error('the vega runtime was loaded before the reader asked for it');
  await page.click('figure.forest [data-forest-open]');
  await page.waitForSelector('figure.forest .forest-interactive svg .mark-symbol path', { timeout: 20_000 });
  const square = await page.$('figure.forest .forest-interactive svg .mark-symbol path');
  await square!.hover();
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
  const tip = (await page.textContent('#vg-tooltip-element')) ?? '';
  if (!/Events\/n/.test(tip)) throw new Error(`tooltip says: ${tip}`);
  await page.selectOption('figure.forest .forest-controls select >> nth=0', 'weight');
  await page.waitForTimeout(300);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  await page.close();
});

test("the site search finds a study by its label and links to the study's page", async (ctx) => {
  const study = ctx.content.trials.find((t) => t.data.status === 'included') ?? ctx.content.trials[0];
  if (!study) throw new Error('the review has no study');
  const { page, errors } = await ctx.open(`/search/?q=${encodeURIComponent(study.data.label)}`);
  await page.waitForSelector('.search-result', { timeout: 15_000 });
  const links = await page.$$eval('.search-result h2 a[href]', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.close();
  if (!links.some((l) => l.replace(/index\.html$/, '').endsWith(`/trials/${study.slug}/`))) {
    throw new Error(`searching for "${study.data.label}" does not list /trials/${study.slug}/ (results: ${links.slice(0, 8).join(', ') || 'none'})`);
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
});

test('the home page leads with the summary of findings, whose numbers are the pooled results; every outcome page shows its certainty', async (ctx) => {
  const outcomes = pooledOutcomes(ctx);
  if (outcomes.length === 0) return;
  const { page } = await ctx.open('/');
  const firstSection = await page.$eval('main h2', (h) => h.textContent ?? '');
  if (!firstSection.startsWith('Summary of findings')) throw new Error(`the home page's first section is "${firstSection}", not the summary of findings`);
  const rows = await page.$$eval('table.sof-table tbody tr', (trs) =>
    trs.map((tr) => ({ outcome: tr.querySelector('th')?.textContent?.trim() ?? '', cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? '') })),
  );
  const today = await page.$$eval('.sof figcaption', (f) => f.some((x) => (x.textContent ?? '').includes("today's appraisal")));
  await page.close();
  const { percentWithInterval } = await import('../../src/lib/format/numbers.ts');
  const { CERTAINTY_LABELS } = await import('../../src/lib/appraisal/certainty.ts');
  const all = Object.values(ctx.latest.outcomes);
  if (rows.length !== all.length) throw new Error(`${rows.length} summary-of-findings rows, expected ${all.length}`);
  all.forEach((o, i) => {
    const row = rows[i]!;
    if (row.outcome !== o.label) throw new Error(`row ${i + 1} is "${row.outcome}", expected "${o.label}"`);
    const pooled = o.overall ? percentWithInterval(o.overall.proportion) : 'not estimable';
    if (row.cells[0] !== pooled) throw new Error(`${o.id}: the table says ${row.cells[0]}, the pooled result is ${pooled}`);
    const rating = o.certainty?.rating;
    if (!today && rating && !row.cells[3]!.includes(CERTAINTY_LABELS[rating])) throw new Error(`${o.id}: certainty cell "${row.cells[3]}", expected ${CERTAINTY_LABELS[rating]}`);
  });
  for (const o of outcomes) {
    const { page: p } = await ctx.open(`/outcomes/${o.id}/`);
    const certainty = await p.$('#certainty');
    const rob = await p.$('#risk-of-bias');
    await p.close();
    if (!certainty) throw new Error(`${o.id}: no certainty section`);
    if (ctx.latest.appraisal?.tool && !rob) throw new Error(`${o.id}: the review declares a risk-of-bias tool, but the page has no risk-of-bias panel`);
  }
});
