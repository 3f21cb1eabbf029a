/**
 * Browser tests over the built site (`npm run build` first): Debian Chromium driven by
 * playwright-core. Usage: npm run test:browser [-- --dist dist] [--no-fixtures]
 *
 * The site is tested against the review it was built from: the content folder REVIEW_CONTENT
 * names (content/ by default), so that another review's site is tested with
 *   REVIEW_CONTENT=examples/pritz1997 npm run test:browser -- --dist dist-example
 * --no-fixtures leaves out the tests that build a fixture of their own (the injection tests),
 * which need to run once, not once per site; --only TEXT runs the tests whose name contains TEXT.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contentRoot } from '../src/content-root.ts';
import { ContentError, formatProblems } from '../src/lib/content/index.ts';
import { loadReview, type LoadedReview } from '../src/lib/content/load-review-fs.ts';
import type { ReleaseAnalyses } from '../src/lib/review/analyses-types.ts';
import { runAll } from '../tests/browser/harness.ts';
import { commandLineOrExit } from './lib/cli-args.ts';
import '../tests/browser/pages.browser.ts';
import '../tests/browser/site.browser.ts';
import '../tests/browser/hosted-review.browser.ts';
import '../tests/browser/injection.browser.ts';
import '../tests/browser/page-weight.browser.ts';
import '../tests/browser/print-dark.browser.ts';
import '../tests/browser/phone-layout.browser.ts';
import '../tests/browser/popover.browser.ts';
import '../tests/browser/forest-phone.browser.ts';
import '../tests/browser/page-kinds.browser.ts';
import '../tests/browser/search.browser.ts';

const USAGE = 'usage: npm run test:browser [-- --dist dist] [--no-fixtures] [--only TEXT]';
const args = commandLineOrExit(process.argv.slice(2), { strings: ['dist', 'only'], flags: ['no-fixtures'], positional: { max: 0 } }, USAGE);
const dist = path.resolve(args.strings.get('dist') ?? 'dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`No built site in ${dist}: run npm run build first.`);
  process.exit(2);
}
const root = contentRoot();
let content: LoadedReview;
try {
  content = loadReview(root);
} catch (error) {
  console.error(error instanceof ContentError ? formatProblems(error.problems) : String(error));
  console.error(`\nThe browser tests read what to expect from ${root}, which has problems: fix them, or set REVIEW_CONTENT to the folder the site was built from.`);
  process.exit(2);
}
const latest = JSON.parse(readFileSync(path.join(dist, 'data/latest/analyses.json'), 'utf8')) as ReleaseAnalyses;
if (latest.review !== content.review.id) {
  console.error(
    `The site in ${dist} was built from the review "${latest.review}", but ${root} holds "${content.review.id}": set REVIEW_CONTENT to the folder the site was built from.`,
  );
  process.exit(2);
}
console.log(`Browser tests of ${dist} (review "${content.review.id}" from ${root})`);
const base = process.env['SITE_BASE'] ?? '/';
const only = args.strings.get('only');
const failed = await runAll(dist, base, { content, latest, fixtures: !args.flags.has('no-fixtures'), ...(only !== undefined ? { only } : {}) });
process.exit(failed > 0 ? 1 : 0);
