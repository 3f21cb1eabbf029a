/**
 * The site's full-text search index: Pagefind reads the built HTML of a folder and writes its
 * index and search UI into `<folder>/pagefind/`, which the search page loads. It runs after the
 * Astro build, on the staging folder, so the index always matches the pages it is swapped in with.
 *
 * Pagefind's binary ships inside an npm package of its own (@pagefind/<platform>), so nothing is
 * downloaded at build time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import type { TrialSearchRecord } from '../../src/lib/search/trial-record.ts';
import { SEARCH_TYPE_FILTER, searchExcludeSelectors, searchPageType } from '../../src/lib/search/page-type.ts';

export interface SearchIndexOptions {
  /** Top-level folders left out of the index. */
  skip?: readonly string[];
  /**
   * Above this many pages Pagefind bundles the excerpts of several pages into one file: writing
   * one small file per page was most of the indexing time of a review of thousands of trials.
   */
  maxFragments?: number;
  /**
   * `records`: the trial pages (`trials/<slug>/`) are left out, their entries being in the
   * trials' own bundle (writeTrialIndex), which the search page merges in. Default `html`: they
   * are indexed from their HTML like every other page.
   */
  trialPages?: 'html' | 'records';
}

/** Where the trials' own bundle lives, beside /pagefind/; the search page merges it in. */
export const TRIAL_INDEX_FOLDER = 'pagefind-trials';

const MAX_FRAGMENTS = 500;

export interface SearchIndexResult {
  /** Pages indexed. */
  pages: number;
  /** Where the index was written. */
  outputPath: string;
}

/**
 * The pages of a top-level folder that the index reads, when not all of them: its own index.html
 * (`1`), also its subfolders' (`2`), or those at the paths given (`*` standing for one folder).
 */
type Shallow = 1 | 2 | readonly string[];

/** The page paths, below its folder, that a Shallow setting reads. */
function shallowPatterns(depth: Shallow): readonly string[] {
  if (depth === 1) return ['index.html'];
  if (depth === 2) return ['index.html', '*/index.html'];
  return depth;
}

/**
 * Every `.html` file under `dir` that the index reads, as paths relative to it with `/`
 * separators: none in the `skip` folders, and in a `shallow` folder only the pages its setting
 * names.
 */
function htmlFiles(dir: string, skip: ReadonlySet<string>, shallow: Readonly<Record<string, Shallow>>, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (prefix === '' && skip.has(entry.name)) continue;
      const depth = prefix === '' ? shallow[entry.name] : undefined;
      if (depth === undefined) out.push(...htmlFiles(dir, skip, shallow, relative));
      else out.push(...shallowFiles(dir, relative, depth));
    } else if (entry.name.endsWith('.html')) {
      out.push(relative);
    }
  }
  return out.sort();
}

function shallowFiles(dir: string, folder: string, depth: Shallow): string[] {
  const subfolders = (): string[] =>
    readdirSync(path.join(dir, folder), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  const candidates = shallowPatterns(depth).flatMap((pattern) =>
    pattern.startsWith('*/') ? subfolders().map((name) => `${folder}/${name}/${pattern.slice(2)}`) : [`${folder}/${pattern}`],
  );
  return candidates.filter((file) => existsSync(path.join(dir, file)));
}

/** The glob that reads the same pages of a top-level folder as htmlFiles. */
function folderGlobs(name: string, depth: Shallow | undefined): string[] {
  if (depth === undefined) return [`${name}/**/*.html`];
  return shallowPatterns(depth).map((pattern) => `${name}/${pattern}`);
}

/** A Pagefind index with the site's settings. */
async function newIndex(maxFragments: number): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: 'en',
    // So that excerpts read as sentences: no navigation, buttons, plot markup or provenance
    // popovers, and tables as each kind of page needs (src/lib/search/page-type.ts).
    excludeSelectors: searchExcludeSelectors(),
    maxFragments,
  });
  if (!index) throw new Error(`search index: Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/**
 * Indexes the HTML pages of `siteDir` and writes the index to `siteDir/pagefind/`.
 * Only the part of a page marked `data-pagefind-body` (the layout's `<main>`) is indexed, so the
 * navigation and footer repeated on every page do not crowd the results; a page whose layout
 * leaves the mark out (a list that only repeats what has pages of its own) is read and skipped.
 * @throws Error naming Pagefind's messages when the index cannot be built or written.
 */
export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const site = path.resolve(siteDir);
  const skip = new Set(['pagefind', TRIAL_INDEX_FOLDER, '_astro', ...(options.skip ?? [])]);
  // Folders whose pages are read one level deep only (their own index.html, and at depth 2 their
  // subfolders'): the later pages of long lists and tables (page/<n>/) and the reports behind
  // PRISMA boxes (records/…) only repeat what has pages of its own (and leave themselves out of
  // the index: Base's searchable), but are the largest pages of a large review. The trial pages
  // themselves are left out when the trials have their own bundle. Of the releases, their list and
  // what changed in each are read; the frozen copies of their home page, chapters and results
  // (releases/<n>/, releases/<n>/outcomes/…) would answer every query twice, with outdated numbers.
  const shallow: Record<string, Shallow> = {
    trials: options.trialPages === 'records' ? 1 : 2,
    tables: 2,
    prisma: 2,
    releases: ['index.html', '*/changes/index.html'],
  };
  try {
    const index = await newIndex(options.maxFragments ?? MAX_FRAGMENTS);
    const files = htmlFiles(site, skip, shallow);
    if (files.length === 0) throw new Error(`search index: no HTML pages found in ${site}`);
    // Pagefind reads the folder itself (several times faster than handing it every page through
    // its pipe, which took minutes for 20,000 trial pages), given a glob that names the top-level
    // pages and folders to index; a name the glob cannot spell plainly is added page by page.
    const top = readdirSync(site, { withFileTypes: true }).filter((e) => !skip.has(e.name) && (e.isDirectory() || e.name.endsWith('.html')));
    const plain = top.filter((e) => /^[\w.-]+$/.test(e.name));
    const patterns = plain.flatMap((e) => (e.isDirectory() ? folderGlobs(e.name, shallow[e.name]) : [e.name]));
    let added = 0;
    if (patterns.length > 0) {
      const result = await index.addDirectory({ path: site, glob: patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}` });
      if (result.errors.length > 0) throw new Error(`search index: ${result.errors.join('; ')}`);
      added += result.page_count;
    }
    const rest = files.filter((file) => !plain.some((e) => file === e.name || file.startsWith(`${e.name}/`)));
    for (const file of rest) {
      // The page address Pagefind gives a result is worked out from this relative path.
      const result = await index.addHTMLFile({ sourcePath: file, content: readFileSync(path.join(site, file), 'utf8') });
      if (result.errors.length > 0) throw new Error(`search index: ${file}: ${result.errors.join('; ')}`);
      added++;
    }
    if (added !== files.length) throw new Error(`search index: ${added} of ${files.length} pages were indexed`);
    const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    return { pages: files.length, outputPath: written.outputPath };
  } finally {
    await pagefind.close();
  }
}

/**
 * Writes the trials' own search bundle into `outputPath` from their records (one per trial,
 * made from the validated files by trialSearchRecord), without waiting for any page to be built:
 * `npm run build` writes it while Astro renders the pages, on the machine's other core.
 * Call before buildSearchIndex (which closes Pagefind when done).
 * @returns the number of trials indexed
 * @throws Error naming Pagefind's messages when the bundle cannot be built or written.
 */
export async function writeTrialIndex(records: readonly TrialSearchRecord[], outputPath: string, maxFragments = MAX_FRAGMENTS): Promise<number> {
  const index = await newIndex(maxFragments);
  lowerPagefindPriority();
  // In batches: each record is a message to Pagefind's process, and thousands in flight at once
  // only queue up.
  for (let i = 0; i < records.length; i += 500) {
    const results = await Promise.all(
      records.slice(i, i + 500).map((r) => {
        // The same type, as metadata and filter, as the page at the record's address would have.
        const type = searchPageType(r.url).label;
        return index.addCustomRecord({
          url: r.url,
          content: r.content,
          language: 'en',
          meta: { title: r.title, [SEARCH_TYPE_FILTER]: type },
          filters: { [SEARCH_TYPE_FILTER]: [type] },
        });
      }),
    );
    const failed = results.flatMap((r) => r.errors);
    if (failed.length > 0) throw new Error(`search index: trial records: ${failed.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
  return records.length;
}

/**
 * Pagefind's process at a lower priority, so that while Astro renders the pages beside it, it
 * takes only the time Astro leaves: the pages are the longer job. Linux only (it finds the
 * process in /proc); elsewhere, or if the process is not found, nothing changes.
 */
function lowerPagefindPriority(): void {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid && /\(pagefind/.test(stat)) os.setPriority(Number(pid), 10);
    }
  } catch {
    // not Linux, or the process is gone: leave it as it is
  }
}

/** Stops Pagefind's process (buildSearchIndex does it when done; this is for a build that stops before). */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}

// `tsx scripts/lib/search-index.ts dist` indexes an already built folder.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2] ?? 'dist';
  buildSearchIndex(dir).then(
    (r) => console.log(`Indexed ${r.pages} pages for search into ${path.relative(process.cwd(), r.outputPath)}/`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
