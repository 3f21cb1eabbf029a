/**
 * A small harness for the browser tests: one Chromium (Debian's /usr/bin/chromium, never a
 * downloaded build), one static server over dist/, tests registered with `test()`, and a
 * closing line "N passed, N failed".
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Server } from 'node:http';
import { serveStatic } from '../../scripts/lib/static-server.ts';

export interface Context {
  browser: Browser;
  /** Absolute URL of the site root, ending in '/'. */
  root: string;
  distDir: string;
  base: string;
  /** A new page that records console errors and failed requests. */
  open(path: string, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

type TestFn = (ctx: Context) => Promise<void>;
const tests: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
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

export async function runAll(distDir: string, base: string): Promise<number> {
  const { server, url } = await serveStatic(distDir, base);
  const browser = await launchChromium();
  const ctx: Context = {
    browser,
    root: url,
    distDir,
    base,
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
  for (const t of tests) {
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
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed;
}
