/**
 * A small harness for the browser tests: one Chromium (Debian's /usr/bin/chromium, never a
 * downloaded build), one static server over dist/, tests registered with `test()`, and a
 * closing line "N passed, N failed" (with "N skipped" when some did not apply).
 *
 * The tests run on the site of any review: they read what to expect from the review's content
 * (the folder the site was built from) and from the site's own data files. A test that checks
 * one review's published figures says so with `when`, and is skipped for other reviews.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Server } from 'node:http';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import type { LoadedReview } from '../../src/lib/content/load-review-fs.ts';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';

export interface Context {
  browser: Browser;
  /** Absolute URL of the site root, ending in '/'. */
  root: string;
  distDir: string;
  base: string;
  /** The review the site was built from, as its content folder holds it. */
  content: LoadedReview;
  /** The latest release's analyses, as the site publishes them (data/latest/analyses.json). */
  latest: ReleaseAnalyses;
  /** A new page that records console errors and failed requests. */
  open(path: string, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

type TestFn = (ctx: Context) => Promise<void>;

export interface TestOptions {
  /** Runs only on the site of a review this accepts (e.g. the published figures of one review). */
  when?: (content: LoadedReview) => boolean;
  /** The test builds and serves a fixture of its own rather than testing the site given. */
  fixture?: boolean;
}

const tests: { name: string; fn: TestFn; options: TestOptions }[] = [];

export function test(name: string, fn: TestFn, options: TestOptions = {}): void {
  tests.push({ name, fn, options });
}

export interface RunOptions {
  content: LoadedReview;
  latest: ReleaseAnalyses;
  /** Whether to run the tests that build their own fixture (once per CI run is enough). */
  fixtures: boolean;
  /** Runs only the tests whose name contains this text (case-insensitive). */
  only?: string;
}

/**
 * Lays out the whole page, as printing does: the site lets the browser skip blocks far below the
 * screen (content-visibility: auto), and a skipped block neither overflows nor has a size, so a
 * test that measures widths first asks for every block.
 */
export async function layOutWholePage(page: Page): Promise<void> {
  await page.addStyleTag({ content: 'main > * { content-visibility: visible !important; }' });
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export async function runAll(distDir: string, base: string, options: RunOptions): Promise<number> {
  const { server, url } = await serveStatic(distDir, base);
  const browser = await launchChromium();
  const ctx: Context = {
    browser,
    root: url,
    distDir,
    base,
    content: options.content,
    latest: options.latest,
    async open(path, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
      page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
      page.on('response', (res) => {
        if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      await page.goto(new URL(path.replace(/^\//, ''), url).href, { waitUntil: 'load' });
      return { page, errors };
    },
  };
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const only = options.only?.toLowerCase();
  for (const t of tests) {
    if (only !== undefined && !t.name.toLowerCase().includes(only)) continue;
    if ((t.options.when && !t.options.when(options.content)) || (t.options.fixture && !options.fixtures)) {
      skipped++;
      console.log(`  - ${t.name} (${t.options.fixture && !options.fixtures ? 'fixtures not run' : `not for review ${options.content.review.id}`})`);
      continue;
    }
    const started = Date.now();
    try {
      await t.fn(ctx);
      passed++;
      console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${t.name}\n    ${(error instanceof Error ? error.message : String(error)).split('\n').join('\n    ')}`);
    }
  }
  await browser.close();
  await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
  console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed;
}
