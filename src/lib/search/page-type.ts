/**
 * What kind of page a search result is (a trial, a result, a chapter, a table…), named for the
 * reader beside the result and offered as a filter, and how the page's tables are indexed.
 * The kind follows the page's section of the navigation (navSection), so a page is labelled as
 * the navigation places it. Pure: no Node built-ins.
 */
import { navSection } from '../site/nav.ts';

/**
 * How a page's tables enter the search index:
 * - `out`: left out, as their cells read as fragments in an excerpt ("12/18. 66.7 [41.0, 86.7]");
 *   the page stays findable by its title, headings and prose. (Row headers alone would not do:
 *   the index runs neighbouring header cells together into one word.)
 * - `in`: reference tables whose cells are sentences (field descriptions) stay as they are.
 */
export type SearchTables = 'out' | 'in';

export interface SearchPageType {
  /** The label shown beside a result and in the type filter, e.g. "Trial". */
  label: string;
  tables: SearchTables;
}

/** The name of the Pagefind filter (and result metadata) that holds the page's type. */
export const SEARCH_TYPE_FILTER = 'type';

/** A page of no section of the navigation. */
const OTHER: SearchPageType = { label: 'Page', tables: 'out' };

/** The release pages (what changed in a release): not a navigation item of their own. */
const RELEASE: SearchPageType = { label: 'Release', tables: 'out' };

/** Each navigation section's type, by the section's path (see NAV). */
const BY_SECTION: Readonly<Record<string, SearchPageType>> = {
  '/': { label: 'Overview', tables: 'out' },
  '/chapters/': { label: 'Chapter', tables: 'out' },
  '/outcomes/': { label: 'Result', tables: 'out' },
  '/tables/': { label: 'Table', tables: 'out' },
  '/trials/': { label: 'Trial', tables: 'out' },
  '/prisma/': { label: 'PRISMA', tables: 'out' },
  '/curators/': { label: "Curators' guide", tables: 'in' },
  '/search/': { label: 'Search', tables: 'out' },
  '/about/': { label: 'About', tables: 'in' },
};

/** Every type a page can have, in the navigation's order (the order of the type filter). */
export const SEARCH_PAGE_TYPES: readonly SearchPageType[] = [...Object.values(BY_SECTION), RELEASE, OTHER];

/**
 * The type of the page at `pathname` (below the site root, e.g. "/trials/smith-2024/"):
 * its navigation section's, "Release" for the release pages, "Page" for a page of no section.
 * @example searchPageType('/outcomes/response/').label // 'Result'
 */
export function searchPageType(pathname: string): SearchPageType {
  const section = navSection(pathname);
  if (section !== null) return BY_SECTION[section] ?? OTHER;
  return /^\/releases(\/|$)/.test(pathname) ? RELEASE : OTHER;
}

/** The attribute of a page's <main> that says how its tables are indexed (a SearchTables). */
export const SEARCH_TABLES_ATTRIBUTE = 'data-search-tables';

/**
 * The CSS selectors of what the search index leaves out of every page: navigation, buttons and
 * forms, plot markup and what is hidden from screen readers (the compact plots drawn in HTML),
 * provenance popovers, text meant for screen readers only (the symbols' names in risk-of-bias
 * cells), the breadcrumb line above the title, and the tables as the page's type says (by
 * SEARCH_TABLES_ATTRIBUTE on its <main>).
 */
export function searchExcludeSelectors(): string[] {
  const tables = (policy: SearchTables) => `[${SEARCH_TABLES_ATTRIBUTE}="${policy}"]`;
  return [
    'svg',
    'nav',
    'button',
    'form',
    'noscript',
    '[popover]',
    '[hidden]',
    '[aria-hidden="true"]',
    '.eyebrow',
    '.visually-hidden',
    `${tables('out')} table`,
    // Keys and legends that repeat on every page of a kind (the methods in words, the
    // risk-of-bias symbols): a query for a method's name would otherwise answer every outcome.
    '.sf-legend',
    '#robustness-methods',
    '.rob-key',
  ];
}

/**
 * The attributes of a page's <main> for the search index: the indexed region
 * (data-pagefind-body), the result's title (the page's own title, without the site's name), its
 * type as metadata and as a filter, and how its tables are indexed. None for a page left out of
 * the index (`searchable` false).
 * @param pathname the page's path below the site root, e.g. "/trials/smith-2024/"
 */
export function searchMainAttributes(pathname: string, title: string, searchable = true): Record<string, string> {
  if (!searchable) return {};
  const type = searchPageType(pathname);
  return {
    'data-pagefind-body': '',
    'data-pagefind-meta': `title[data-search-title], ${SEARCH_TYPE_FILTER}[data-search-type]`,
    'data-pagefind-filter': `${SEARCH_TYPE_FILTER}[data-search-type]`,
    'data-search-title': title,
    'data-search-type': type.label,
    [SEARCH_TABLES_ATTRIBUTE]: type.tables,
  };
}
