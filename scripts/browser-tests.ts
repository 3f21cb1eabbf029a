/**
 * Browser tests over the built site (`npm run build` first): Debian Chromium driven by
 * playwright-core. Usage: npm run test:browser [-- --dist dist]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runAll } from '../tests/browser/harness.ts';
import '../tests/browser/pages.browser.ts';
import '../tests/browser/site.browser.ts';
import '../tests/browser/injection.browser.ts';
import '../tests/browser/page-weight.browser.ts';

const args = process.argv.slice(2);
const distIndex = args.indexOf('--dist');
const dist = path.resolve(distIndex >= 0 ? (args[distIndex + 1] ?? 'dist') : 'dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`No built site in ${dist}: run npm run build first.`);
  process.exit(2);
}
const base = process.env['SITE_BASE'] ?? '/';
const failed = await runAll(dist, base);
process.exit(failed > 0 ? 1 : 0);
