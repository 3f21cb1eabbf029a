/**
 * Injected markup never runs. Builds tests/fixtures/injection (every free-text field holds
 * markup the schema lets through, every payload tries to set window.__injected and open an
 * alert) into .tmp/injection-site, serves it, and visits every page: no dialog opens,
 * window.__injected stays undefined, no element has an event-handler attribute, no link or
 * source is a javascript: address, and no script holds a payload. Then it does what a reader
 * does with the text: searches for it, opens the interactive forest plot and its tooltips,
 * opens the provenance popovers and tabs through the page.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { test } from './harness.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = path.join(REPO_ROOT, '.tmp/injection-site');

let built = false;
/** Builds the fixture once for the tests below, with the site at the server's root. */
function buildFixture(): void {
  if (built) return;
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/build.ts'), '--out', SITE], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, REVIEW_CONTENT: path.join(REPO_ROOT, 'tests/fixtures/injection'), SITE_BASE: '/' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`building the injection fixture failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  built = true;
}

function htmlPages(dir: string, prefix = '/'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '_astro' && name !== 'pagefind') out.push(...htmlPages(full, `${prefix}${name}/`));
    } else if (name === 'index.html') {
      out.push(prefix);
    }
  }
  return out;
}

/**
 * What the page shows of an injection: a set window.__injected, handlers, script links, payloads
 * in scripts. Kept as source text: the test runner renames functions in code it compiles, and
 * the renamed code would not run in the page.
 */
const PROBE = `(() => {
  const found = [];
  if (window.__injected !== undefined) found.push('window.__injected is ' + String(window.__injected));
  const schemeOf = (value) => (/^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\\t\\n\\r]/g, '').replace(/^[\\u0000-\\u0020]+/, '')) || [])[1];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push('<' + el.localName + ' ' + attr.name + '="' + attr.value.slice(0, 50) + '">');
      // A link may never be javascript:; elsewhere only the page's own code may use one (Pagefind's
      // search form has action="javascript:void(0);"), never a payload.
      const script = /^(href|src|action|formaction|xlink:href|data|poster)$/i.test(attr.name) && (schemeOf(attr.value) || '').toLowerCase() === 'javascript';
      if (script && (el.localName === 'a' || el.localName === 'area' || /INJ\\d|__injected/.test(attr.value))) {
        found.push('<' + el.localName + ' ' + attr.name + '="' + attr.value.slice(0, 50) + '">');
      }
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (a.protocol === 'javascript:') found.push('a link to ' + a.href.slice(0, 50));
  }
  for (const s of document.scripts) {
    if (s.type !== 'application/json' && /INJ\\d|__injected/.test(s.textContent || '')) found.push('a script holding a payload: ' + (s.textContent || '').slice(0, 60));
  }
  return found;
})()`;

async function injectionsIn(page: Page): Promise<string[]> {
  return page.evaluate(PROBE) as Promise<string[]>;
}

/** Opens a page of the fixture with every dialog recorded (and dismissed). */
async function openPage(browser: Browser, root: string, p: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => {
    problems.push(`${p}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(new URL(p.replace(/^\//, ''), root).href, { waitUntil: 'load' });
  return page;
}

async function withFixture(fn: (root: string) => Promise<void>): Promise<void> {
  buildFixture();
  const { server, url } = await serveStatic(SITE, '/');
  try {
    await fn(url);
  } finally {
    await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
  }
}

test('injection fixture: on no page does a payload run, open a dialog or become a javascript: link', async (ctx) => {
  await withFixture(async (root) => {
    const pages = htmlPages(SITE);
    if (pages.length < 40) throw new Error(`expected the fixture's site to have its pages, found ${pages.length}`);
    const problems: string[] = [];
    for (const p of pages) {
      const page = await openPage(ctx.browser, root, p, problems);
      // focus handlers and autofocus would fire while tabbing through the page
      for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
      await page.waitForTimeout(20);
      problems.push(...(await injectionsIn(page)).map((found) => `${p}: ${found}`));
      await page.close();
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
}, { fixture: true });

test('injection fixture: search results, forest plot tooltips and provenance popovers keep payloads as text', async (ctx) => {
  await withFixture(async (root) => {
    const problems: string[] = [];

    // Search: Pagefind shows titles and excerpts of the matching pages.
    const search = await openPage(ctx.browser, root, '/search/?q=INJ31', problems);
    await search.waitForSelector('.search-result', { timeout: 15_000 });
    const results = await search.$$eval('.search-result', (els) => els.map((el) => el.textContent ?? ''));
    if (!results.some((text) => text.includes('INJ31'))) problems.push(`search: no result shows the payload as text (${results.length} results)`);
    problems.push(...(await injectionsIn(search)).map((found) => `search: ${found}`));
    await search.close();

    // The interactive forest plot: labels in the chart and in every tooltip.
    const outcome = await openPage(ctx.browser, root, '/outcomes/borr/', problems);
    await outcome.click('figure.forest [data-forest-open]');
    await outcome.waitForSelector('figure.forest .forest-interactive svg .mark-symbol path', { timeout: 20_000 });
    for (const mark of await outcome.$$('figure.forest .forest-interactive svg .mark-symbol path')) {
      await mark.hover();
      await outcome.waitForTimeout(100);
      const tooltipMarkup = await outcome.$$eval('#vg-tooltip-element img, #vg-tooltip-element svg, #vg-tooltip-element script', (els) => els.length);
      if (tooltipMarkup > 0) problems.push('forest plot: a tooltip holds markup from a payload');
    }
    problems.push(...(await injectionsIn(outcome)).map((found) => `forest plot: ${found}`));
    await outcome.close();

    // Provenance popovers on a trial page: the source and how the numbers were inferred.
    const trial = await openPage(ctx.browser, root, '/trials/alpha-cel/', problems);
    for (const button of await trial.$$('button.provenance')) {
      await button.click();
      await trial.waitForTimeout(50);
      await trial.keyboard.press('Escape');
    }
    problems.push(...(await injectionsIn(trial)).map((found) => `trial page: ${found}`));
    await trial.close();

    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
}, { fixture: true });
