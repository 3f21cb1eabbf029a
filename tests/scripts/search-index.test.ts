/**
 * The search index (scripts/lib/search-index.ts) over a small built site: which pages it reads,
 * what it leaves out of each (navigation, buttons, plots, popovers, hidden text, and tables but on
 * the reference pages), and the type each page and trial record carries as filter and metadata.
 * Runs Pagefind's own binary, as the build does, and reads back the fragments it writes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSearchIndex, TRIAL_INDEX_FOLDER, writeTrialIndex } from '../../scripts/lib/search-index.ts';
import { searchMainAttributes } from '../../src/lib/search/page-type.ts';

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** The fragments Pagefind wrote into a bundle: gzip, a signature, then JSON. */
function fragments(bundle: string): Fragment[] {
  const dir = path.join(bundle, 'fragment');
  return readdirSync(dir).flatMap((file) => {
    const data = gunzipSync(readFileSync(path.join(dir, file))).toString('utf8');
    if (!data.startsWith('pagefind_dcd')) throw new Error(`${file} is not a Pagefind fragment`);
    const parsed = JSON.parse(data.slice('pagefind_dcd'.length)) as Fragment | Record<string, Fragment>;
    return 'url' in parsed ? [parsed as Fragment] : Object.values(parsed as Record<string, Fragment>);
  });
}

/** A page as the layout writes it: header and footer outside <main>, the search attributes on it. */
function page(site: string, at: string, title: string, body: string, searchable = true): void {
  const attrs = Object.entries(searchMainAttributes(at, title, searchable))
    .map(([k, v]) => (v === '' ? k : `${k}="${v.replace(/"/g, '&quot;')}"`))
    .join(' ');
  const html = `<!doctype html><html lang="en"><head><title>${title} · Site</title></head><body>
<header><nav aria-label="Main"><a href="/">Overview</a> HEADERNAV</nav></header>
<main id="main" ${attrs}>${body}</main><footer>FOOTERTEXT</footer></body></html>`;
  const file = path.join(site, at, 'index.html');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}

const TABLE = '<table><caption>CAPTIONTEXT</caption><thead><tr><th>Trial</th><th>Events/n</th></tr></thead><tbody><tr><th scope="row">ROWHEADER</th><td>CELLTEXT 12/18</td></tr></tbody></table>';

let site: string;
let pages: Fragment[];
let trials: Fragment[];
let indexed: number;

beforeAll(async () => {
  site = mkdtempSync(path.join(os.tmpdir(), 'search-index-'));
  page(site, '/', 'Site', `<h1>Review title</h1><p>Overview prose.</p>${TABLE}`);
  page(
    site,
    '/outcomes/response/',
    'Response, grade 3',
    `<p class="eyebrow"><a href="/outcomes/">Results</a> · release 2</p><h1>Response, grade 3</h1><p>Outcome prose sentence.</p>
     <figure><svg><text>SVGTEXT</text></svg><ol aria-hidden="true"><li>COMPACTPLOT 12/18</li></ol><figcaption>Figure caption.</figcaption>
     <button type="button">BUTTONTEXT</button><span popover id="p1">POPOVERTEXT</span><span class="visually-hidden">SRONLY</span></figure>${TABLE}`,
  );
  page(site, '/tables/efficacy/', 'Efficacy by trial', `<h1>Efficacy by trial</h1><p>Table page prose.</p><form><label>Status <select><option>FORMOPTION</option></select></label></form>${TABLE}`);
  page(site, '/curators/fields/', 'Field reference', `<h1>Field reference</h1><p>Reference prose.</p>${TABLE}`);
  page(site, '/trials/', 'Trials', '<h1>Trials</h1><p>Trial list prose.</p>');
  page(site, '/trials/alpha/', 'Alpha', '<h1>Alpha</h1><p>TRIALPAGEHTML</p>');
  page(site, '/trials/page/2/', 'Trials (page 2 of 2)', '<h1>Trials</h1><p>LATERPAGE</p>', false);
  page(site, '/releases/', 'Releases', '<h1>Releases</h1><p>Release list prose.</p>');
  page(site, '/releases/1/', 'Release 1', '<h1>Release 1</h1><p>FROZENHOME</p>');
  page(site, '/releases/1/changes/', 'What changed in release 1', '<h1>What changed in release 1</h1><p>Changes prose.</p>');
  page(site, '/releases/1/outcomes/response/', 'Response, grade 3', '<h1>Response</h1><p>FROZENOUTCOME</p>');
  await writeTrialIndex([{ url: '/trials/alpha/', title: 'Alpha', content: 'Alpha.\nPhase 1.' }], path.join(site, TRIAL_INDEX_FOLDER));
  indexed = (await buildSearchIndex(site, { trialPages: 'records' })).pages;
  pages = fragments(path.join(site, 'pagefind'));
  trials = fragments(path.join(site, TRIAL_INDEX_FOLDER));
}, 60_000);

afterAll(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

const at = (url: string) => pages.find((p) => p.url === url);

test('it reads each page once, leaving out the trial pages (records instead), later list pages and the frozen copies of a release', () => {
  expect(pages.map((p) => p.url).sort()).toEqual(['/', '/curators/fields/', '/outcomes/response/', '/releases/', '/releases/1/changes/', '/tables/efficacy/', '/trials/']);
  // pages read: those, and no other (trials/page/2/ lies below the one level of trials/ read)
  expect(indexed).toBe(7);
});

test("every page carries its type as filter and metadata, and its title without the site's name", () => {
  expect(at('/outcomes/response/')).toMatchObject({ meta: { title: 'Response, grade 3', type: 'Result' }, filters: { type: ['Result'] } });
  expect(at('/tables/efficacy/')?.filters).toEqual({ type: ['Table'] });
  expect(at('/releases/1/changes/')?.filters).toEqual({ type: ['Release'] });
  expect(at('/')?.meta.title).toBe('Site');
});

test('a trial record gets the same type as a trial page would', () => {
  expect(trials).toHaveLength(1);
  expect(trials[0]).toMatchObject({ url: '/trials/alpha/', meta: { title: 'Alpha', type: 'Trial' }, filters: { type: ['Trial'] } });
});

test('navigation, header, footer, buttons, forms, plots, popovers and hidden text stay out of the index', () => {
  const all = pages.map((p) => p.content).join('\n');
  for (const word of ['HEADERNAV', 'FOOTERTEXT', 'BUTTONTEXT', 'FORMOPTION', 'SVGTEXT', 'COMPACTPLOT', 'POPOVERTEXT', 'SRONLY', 'release 2']) {
    expect(all, word).not.toContain(word);
  }
  expect(at('/outcomes/response/')?.content).toContain('Outcome prose sentence.');
  expect(at('/outcomes/response/')?.content).toContain('Figure caption.');
});

test('tables stay out of data pages and in on the reference pages, whose cells are sentences', () => {
  for (const url of ['/', '/outcomes/response/', '/tables/efficacy/']) {
    expect(at(url)?.content, url).not.toMatch(/CELLTEXT|ROWHEADER|CAPTIONTEXT/);
  }
  expect(at('/tables/efficacy/')?.content).toContain('Table page prose.');
  expect(at('/curators/fields/')?.content).toMatch(/CELLTEXT/);
});
