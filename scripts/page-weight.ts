/**
 * npm run bench:web reports it; tests/browser/page-weight.browser.ts enforces it. Usage:
 *   tsx scripts/page-weight.ts [dist] [--budget 60] [--top 10]
 *
 * The first-load weight of every page of a built site: the gzip size of its HTML plus that of
 * every stylesheet and script the page loads before any interaction (link rel=stylesheet,
 * script src, link rel=modulepreload, and the static imports of those scripts, followed through
 * the module graph). What a page only fetches on demand (a dynamic import(), such as the
 * interactive forest plot's vega runtime) does not count. Plots drawn as inline SVG are part of
 * the HTML, so they count. Sizes are gzip at level 6, what GitHub Pages serves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { commandLineOrExit } from './lib/cli-args.ts';

/** The first-load budget of a page, in kilobytes (1 kB = 1,000 bytes) of gzip. */
export const PAGE_WEIGHT_BUDGET_KB = 60;

export interface PageWeight {
  /** The page's address below the site root, e.g. /outcomes/response/ */
  page: string;
  /** gzip bytes: the HTML alone, and HTML plus the stylesheets and scripts of its first load */
  html: number;
  total: number;
  /** The stylesheets and scripts counted, as site paths. */
  assets: string[];
}

const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).length;

function htmlFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(dir, relative));
    else if (entry.name.endsWith('.html')) out.push(relative);
  }
  return out;
}

/** Attribute value of a tag, or undefined. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The stylesheets and scripts an HTML page loads first, as URLs as written. */
export function firstLoadReferences(html: string): string[] {
  const refs: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const hrefValue = attribute(tag, 'href');
    if (hrefValue && (rel.includes('stylesheet') || rel.includes('modulepreload'))) refs.push(hrefValue);
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src');
    if (src) refs.push(src);
  }
  return refs;
}

/** The static imports of a script (import … from "x", import "x", export … from "x"), not import(). */
export function staticImports(js: string): string[] {
  const out: string[] = [];
  const pattern = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'`]([^"'`]+)["'`]/g;
  for (const match of js.matchAll(pattern)) out.push(match[1]!);
  return out;
}

/**
 * The first-load weight of every page of the site built in `dist` (served below `base`).
 * @returns one entry per HTML page, heaviest first
 */
export function pageWeights(dist: string, base = '/'): PageWeight[] {
  const root = path.resolve(dist);
  const basePath = base.endsWith('/') ? base : `${base}/`;
  const assetCache = new Map<string, { size: number; imports: string[] }>();
  /** A site path (below the root, starting with /) for a reference made from `from` (a site path). */
  const resolve = (ref: string, from: string): string | undefined => {
    if (/^(?:[a-z]+:)?\/\//i.test(ref) || ref.startsWith('data:')) return undefined;
    const url = new URL(ref, `http://site${from}`);
    let p = decodeURIComponent(url.pathname);
    if (p.startsWith(basePath)) p = `/${p.slice(basePath.length)}`;
    return p;
  };
  const asset = (sitePath: string) => {
    let entry = assetCache.get(sitePath);
    if (!entry) {
      const file = path.join(root, sitePath);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        bytes = Buffer.alloc(0);
      }
      const imports = sitePath.endsWith('.js') || sitePath.endsWith('.mjs') ? staticImports(bytes.toString('utf8')) : [];
      entry = { size: bytes.length > 0 ? gzipped(bytes) : 0, imports };
      assetCache.set(sitePath, entry);
    }
    return entry;
  };
  const weights: PageWeight[] = [];
  for (const file of htmlFiles(root)) {
    const bytes = readFileSync(path.join(root, file));
    const page = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
    const seen = new Set<string>();
    const queue = firstLoadReferences(bytes.toString('utf8')).flatMap((ref) => resolve(ref, `${basePath}${file}`) ?? []);
    let total = gzipped(bytes);
    const html = total;
    while (queue.length > 0) {
      const sitePath = queue.shift()!;
      if (seen.has(sitePath)) continue;
      seen.add(sitePath);
      const { size, imports } = asset(sitePath);
      total += size;
      for (const ref of imports) {
        const next = resolve(ref, `${basePath}${sitePath.slice(1)}`);
        if (next) queue.push(next);
      }
    }
    weights.push({ page, html, total, assets: [...seen] });
  }
  return weights.sort((a, b) => b.total - a.total);
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** A summary in lines: pages, the heaviest, those over the budget. */
export function weightReport(weights: readonly PageWeight[], budgetKb = PAGE_WEIGHT_BUDGET_KB, top = 10): string[] {
  const over = weights.filter((w) => w.total > budgetKb * 1000);
  const lines = [
    `${weights.length} pages; heaviest first load ${weights[0] ? `${kb(weights[0].total)} (${weights[0].page})` : '-'}; budget ${budgetKb} kB; ${over.length} over budget`,
  ];
  for (const w of weights.slice(0, top)) lines.push(`  ${kb(w.total).padStart(9)}  html ${kb(w.html).padStart(9)}  ${w.page}`);
  if (over.length > top) lines.push(`  … and ${over.length - Math.min(top, over.length)} more over budget`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const USAGE = 'usage: tsx scripts/page-weight.ts [dist] [--budget <kB>] [--top <pages>]';
  const args = commandLineOrExit(process.argv.slice(2), { numbers: ['budget'], counts: ['top'], positional: { max: 1 } }, USAGE);
  const dist = args.positional[0] ?? 'dist';
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`page-weight: no built site in ${dist}`);
    process.exit(2);
  }
  const budget = args.numbers.get('budget') ?? PAGE_WEIGHT_BUDGET_KB;
  const weights = pageWeights(dist, process.env['SITE_BASE'] ?? '/');
  for (const line of weightReport(weights, budget, args.numbers.get('top') ?? 10)) console.log(line);
  process.exit(weights.some((w) => w.total > budget * 1000) ? 1 : 0);
}
