/**
 * What a reader sees: forest plots with one row per trial, PRISMA boxes with the search's
 * numbers, no accessibility violations, and the interactive plot with its tooltip.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';
import { test } from './harness.ts';

function latest(distDir: string): ReleaseAnalyses {
  return JSON.parse(readFileSync(path.join(distDir, 'data/latest/analyses.json'), 'utf8')) as ReleaseAnalyses;
}

function release(distDir: string, n: number): ReleaseAnalyses {
  return JSON.parse(readFileSync(path.join(distDir, `data/releases/${n}/analyses.json`), 'utf8')) as ReleaseAnalyses;
}

test('each forest plot draws one square and one table row per trial pooled', async (ctx) => {
  const data = latest(ctx.distDir);
  for (const [id, outcome] of Object.entries(data.outcomes)) {
    if (!outcome.overall) continue;
    const { page } = await ctx.open(`/outcomes/${id}/`);
    const rows = await page.$$eval('figure.forest details table tbody tr', (trs) => trs.length);
    const squares = await page.$$eval('figure.forest .forest-static .mark-symbol path', (ps) => ps.length);
    await page.close();
    const plots = Object.keys(outcome.subgroups).length || 1;
    if (rows !== outcome.overall.k * plots) throw new Error(`${id}: ${rows} table rows, expected k = ${outcome.overall.k} per plot`);
    if (squares !== outcome.overall.k * plots) throw new Error(`${id}: ${squares} squares, expected k = ${outcome.overall.k} per plot`);
  }
});

test('the release-1 PRISMA flow shows the search counts', async (ctx) => {
  const { page } = await ctx.open('/prisma/1/');
  const text = (await page.textContent('main')) ?? '';
  for (const n of ['888', '74', '955', '920', '35', '16', '19']) {
    if (!new RegExp(`\\b${n}\\b`).test(text)) throw new Error(`PRISMA page does not show ${n}`);
  }
  await page.close();
});

test('the release-1 analyses reproduce the published bORR and bCRR', async (ctx) => {
  const r1 = release(ctx.distDir, 1);
  const fmt = (p: number) => (p * 100).toFixed(2);
  const borr = r1.outcomes['borr']!.overall!.proportion;
  const bcrr = r1.outcomes['bcrr']!.overall!.proportion;
  const got = `${fmt(borr.estimate)} [${fmt(borr.ci_lower)}, ${fmt(borr.ci_upper)}] / ${fmt(bcrr.estimate)} [${fmt(bcrr.ci_lower)}, ${fmt(bcrr.ci_upper)}]`;
  if (got !== '52.52 [41.01, 63.88] / 32.77 [24.16, 42.02]') throw new Error(`release 1: ${got}`);
});

async function axeViolations(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ content: readFileSync(axePath, 'utf8') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

test('axe-core finds no accessibility violations on each kind of page', async (ctx) => {
  const pages = ['/', '/chapters/', '/outcomes/', '/outcomes/borr/', '/trials/', '/trials/cema-cel/', '/prisma/', '/prisma/2/'];
  for (const extra of ['/tables/', '/tables/efficacy/', '/tables/landscape/', '/about/', '/curators/fields/']) {
    try {
      readFileSync(path.join(ctx.distDir, extra, 'index.html'));
      pages.push(extra);
    } catch {
      // page not built in this review
    }
  }
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

test('the interactive forest plot loads on request and shows a tooltip', async (ctx) => {
  const { page, errors } = await ctx.open('/outcomes/borr/');
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
