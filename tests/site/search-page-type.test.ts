/**
 * The kind of page each search result is (src/lib/search/page-type.ts): named after the page's
 * section of the navigation, written on <main> for the index with the title without the site's
 * name, and deciding which tables stay out of the excerpts. Also the trial record's sentences.
 */
import { describe, expect, test } from 'vitest';
import {
  SEARCH_PAGE_TYPES,
  SEARCH_TABLES_ATTRIBUTE,
  searchExcludeSelectors,
  searchMainAttributes,
  searchPageType,
} from '../../src/lib/search/page-type.ts';
import { asSentence } from '../../src/lib/search/trial-record.ts';
import { excerptFragments } from '../helpers/excerpt-fragments.ts';
import { NAV, navSection } from '../../src/lib/site/nav.ts';

describe('searchPageType', () => {
  test.each([
    ['/', 'Overview'],
    ['/trials/', 'Trial'],
    ['/trials/smith-2024/', 'Trial'],
    ['/outcomes/', 'Result'],
    ['/outcomes/response/', 'Result'],
    ['/timeline/', 'Result'],
    ['/chapters/methods/', 'Chapter'],
    ['/tables/efficacy/', 'Table'],
    ['/prisma/2/', 'PRISMA'],
    ['/curators/fields/', "Curators' guide"],
    ['/about/', 'About'],
    ['/releases/', 'Release'],
    ['/releases/2/', 'Release'],
    ['/releases/2/changes/', 'Release'],
    ['/releases/2/outcomes/response/', 'Result'],
    ['/somewhere-else/', 'Page'],
  ])('%s is a %s page', (path, label) => {
    expect(searchPageType(path).label).toBe(label);
  });

  test('every section of the navigation has a type of its own, as navSection places its pages', () => {
    const labels = NAV.map((item) => searchPageType(item.path).label);
    expect(new Set(labels).size).toBe(NAV.length);
    expect(labels).not.toContain('Page');
    for (const item of NAV) expect(navSection(item.path)).toBe(item.path);
  });

  test('the type list holds every label once', () => {
    const labels = SEARCH_PAGE_TYPES.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('tables stay in only where their cells are sentences (the curators’ reference, About)', () => {
    const kept = SEARCH_PAGE_TYPES.filter((t) => t.tables === 'in').map((t) => t.label);
    expect(kept.sort()).toEqual(['About', "Curators' guide"]);
    expect(searchPageType('/tables/landscape/').tables).toBe('out');
    expect(searchPageType('/outcomes/response/').tables).toBe('out');
  });
});

describe('searchMainAttributes', () => {
  test("a page's <main> carries the indexed region, its title, its type as metadata and filter, and its table rule", () => {
    const attrs = searchMainAttributes('/outcomes/response/', 'Response rate, grade 3', true);
    expect(attrs).toEqual({
      'data-pagefind-body': '',
      'data-pagefind-meta': 'title[data-search-title], type[data-search-type]',
      'data-pagefind-filter': 'type[data-search-type]',
      'data-search-title': 'Response rate, grade 3',
      'data-search-type': 'Result',
      [SEARCH_TABLES_ATTRIBUTE]: 'out',
    });
  });

  test('a page left out of the index gets no attribute, so Pagefind skips it', () => {
    expect(searchMainAttributes('/trials/page/2/', 'Trials (page 2 of 3)', false)).toEqual({});
  });
});

describe('searchExcludeSelectors', () => {
  const selectors = searchExcludeSelectors();

  test('navigation, buttons, forms, plots, popovers and hidden text stay out of every page', () => {
    for (const s of ['nav', 'button', 'form', 'svg', '[popover]', '[aria-hidden="true"]', '.visually-hidden', '.eyebrow']) {
      expect(selectors).toContain(s);
    }
  });

  test("tables stay out by the page's table rule only", () => {
    expect(selectors).toContain(`[${SEARCH_TABLES_ATTRIBUTE}="out"] table`);
    expect(selectors.filter((s) => /\btable\b/.test(s))).toHaveLength(1);
  });
});

describe('asSentence', () => {
  test.each([
    ['Phase 1', 'Phase 1.'],
    ['  Sponsor Acme (Spain) ', 'Sponsor Acme (Spain).'],
    ['Interim results.', 'Interim results.'],
    ['Why it was excluded:', 'Why it was excluded:'],
    ['A quoted title."', 'A quoted title."'],
    ['(Registration NCT00000000.)', '(Registration NCT00000000.)'],
  ])('%j reads as %j', (line, sentence) => {
    expect(asSentence(line)).toBe(sentence);
  });
});

describe('excerptFragments (the browser tests of search judge excerpts by it)', () => {
  test('prose, cut at either end, has none', () => {
    expect(excerptFragments('0.064. The point estimates favor <mark>CAR-T</mark> cells, but the comparison is between trials. 52.0% (95% CI 41.1 to 62.9; 18 trials, 256 patients). 11 of 18')).toEqual([]);
    expect(excerptFragments('ADI-001. Included in the meta-analysis. Phase 1. Sponsor Acme (Spain). Registration NCT01234567.')).toEqual([]);
  });

  test('a stop that closes an abbreviation ends no sentence', () => {
    expect(excerptFragments('as metadat gives them (from Zhou et al. 1999). The searches behind it, e.g. 5 of them. And more')).toEqual([]);
  });

  test('cells of numbers between sentence stops are fragments', () => {
    expect(excerptFragments('in release 1. 5. 40.9 (14.0 to 71.2). NKX019 Dec 2022. release 1. 6. 40.6 (18.6 to 64.9). end')).toEqual(['5.', '40.9 (14.0 to 71.2).', '6.', '40.6 (18.6 to 64.9).']);
  });

  test('a forest-plot row is a fragment wherever it is', () => {
    expect(excerptFragments('CAR-T (including CAR-NKT). <mark>ADI-001</mark> 12/18 66.7 [41.0, 86.7] Azer-cel (PBCAR0191) 4/9 44.4 [13.7, 78.8] CB-010')).toEqual([
      '12/18 66.7 [41.0, 86.7]',
      '4/9 44.4 [13.7, 78.8]',
    ]);
  });
});
