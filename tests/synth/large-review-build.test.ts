/**
 * A review large enough to need every paging rule, through a real `npm run build`: the events of
 * each release's changes page, the reports behind each PRISMA box and the trial tables are split
 * into pages that together list everything once; the cumulative analysis keeps a selection of
 * steps; and no page's first load goes over the weight budget.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { synthReview } from '../../src/lib/synth/synth-review.ts';
import { CHANGES_PAGE_SIZE, LIST_PAGE_SIZE, RECORDS_PAGE_SIZE, pageCount } from '../../src/lib/plots/display-limits.ts';
import { CUMULATIVE_MAX_STEPS } from '../../src/lib/review/cumulative-steps.ts';
import type { ReleaseAnalyses, ReleaseChanges } from '../../src/lib/review/analyses-types.ts';
import { PAGE_WEIGHT_BUDGET_KB, pageWeights } from '../../scripts/page-weight.ts';
import { buildSite, siteFiles, tempFolders } from '../build/site-files.ts';

const TRIALS = 320;
const temp = tempFolders('review-large-build-');
afterAll(temp.remove);
let out = '';
let files: string[] = [];
const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
/** The pages of a paged list: the first page's file, then page/2/, page/3/, … as long as they exist. */
const pagesOf = (first: string) => {
  const pages = [`${first}index.html`];
  for (let n = 2; files.includes(`${first}page/${n}/index.html`); n++) pages.push(`${first}page/${n}/index.html`);
  return pages;
};

beforeAll(() => {
  const dir = temp.make();
  const root = path.join(dir, 'content');
  for (const file of synthReview({ trials: TRIALS, seed: 11 })) {
    mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
    writeFileSync(path.join(root, file.path), file.text);
  }
  out = path.join(dir, 'site');
  buildSite(root, out);
  files = siteFiles(out);
}, 200_000);

describe(`a review of ${TRIALS} trials, built`, () => {
  test('each release lists its events over pages of at most CHANGES_PAGE_SIZE, every trial of an event on one of them', () => {
    let paged = 0;
    for (const file of files.filter((f) => /^data\/releases\/\d+\/changes\.json$/.test(f))) {
      const changes = JSON.parse(read(file)) as ReleaseChanges;
      const pages = pagesOf(`releases/${changes.release}/changes/`);
      expect(pages, `release ${changes.release}`).toHaveLength(pageCount(changes.events.length, CHANGES_PAGE_SIZE));
      if (pages.length > 1) paged++;
      const html = pages.map(read).join('\n');
      for (const event of changes.events) expect(html, `${event.kind} of ${event.trial}`).toContain(`/trials/${event.trial}/`);
      // the summary and the table of every estimate are on the first page only
      expect(read(pages[0]!)).toContain('id="estimates"');
      for (const page of pages.slice(1)) expect(read(page)).not.toContain('id="estimates"');
    }
    expect(paged, 'releases with more than one page of events').toBeGreaterThan(0);
  });

  test('the reports behind a PRISMA box are listed RECORDS_PAGE_SIZE to a page', () => {
    const firstPages = files.filter((f) => /^prisma\/records\/\d+\/[\w-]+\/index\.html$/.test(f));
    expect(firstPages.length).toBeGreaterThan(0);
    let paged = 0;
    for (const first of firstPages) {
      const pages = pagesOf(first.replace(/index\.html$/, ''));
      const total = Number(/\((\d+) reports?\b/.exec(read(first))?.[1]);
      expect(total, first).toBeGreaterThan(0);
      expect(pages, first).toHaveLength(pageCount(total, RECORDS_PAGE_SIZE));
      if (pages.length > 1) paged++;
    }
    expect(paged, 'boxes with more than one page of reports').toBeGreaterThan(0);
  });

  test('the trial tables have a page per LIST_PAGE_SIZE trials', () => {
    for (const kind of ['characteristics', 'efficacy', 'safety']) {
      const pages = pagesOf(`tables/${kind}/`);
      expect(pages.length, kind).toBeGreaterThan(1);
      const rows = pages.map((p) => (read(p).match(/<a href="[^"]*\/trials\/[^"/]+\/">/g) ?? []).length);
      for (const n of rows) expect(n, kind).toBeLessThanOrEqual(2 * LIST_PAGE_SIZE);
    }
  });

  test('the cumulative analysis keeps a selection of steps once there are more studies than CUMULATIVE_MAX_STEPS', () => {
    const latest = JSON.parse(read('data/latest/analyses.json')) as ReleaseAnalyses;
    const large = Object.values(latest.outcomes).filter((o) => o.studies.length > CUMULATIVE_MAX_STEPS);
    expect(large.length).toBeGreaterThan(0);
    for (const o of large) {
      expect(o.cumulative.length, o.id).toBeLessThanOrEqual(CUMULATIVE_MAX_STEPS + 3);
      expect(o.cumulative.at(-1)!.k, o.id).toBe(o.studies.length);
    }
  });

  test(`no page's first load is over ${PAGE_WEIGHT_BUDGET_KB} kB`, () => {
    const heavy = pageWeights(out).filter((w) => w.total > PAGE_WEIGHT_BUDGET_KB * 1000);
    expect(heavy.map((w) => `${w.page} ${(w.total / 1000).toFixed(1)} kB`)).toEqual([]);
  });
});
