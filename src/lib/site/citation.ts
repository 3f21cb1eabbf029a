/**
 * How to cite one release of the review as one line of text: authors (family name and
 * initials), title, release number and date, search cut-off, address of the release's page.
 * The "Cite this version" block and the footer of printed pages say it the same way.
 */
import { longDate } from '../format/numbers.ts';

/** What a citation needs of the review. */
export interface CitedReview {
  title: string;
  /** Full names as they should be cited, e.g. "Judith S. Hecker". */
  authors: readonly string[];
}

/** What a citation needs of a release: its number, date and search cut-off (YYYY-MM-DD). */
export interface CitedRelease {
  number: number;
  date: string;
  cutoff: string;
}

/**
 * A name's family name (its last word) and initials of the given names.
 * @example citedName('Judith S. Hecker') // 'Hecker JS'
 */
export function citedName(name: string): string {
  const words = name.trim().split(/\s+/);
  const family = words[words.length - 1] ?? '';
  const initials = words
    .slice(0, -1)
    .join(' ')
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^\p{L}]/gu, '').charAt(0))
    .join('');
  return `${family} ${initials}`.trim();
}

/**
 * The plain-text citation of one release.
 * @example releaseCitation({ title: 'T', authors: ['Ann Lee'] }, { number: 2, date: '2026-09-15', cutoff: '2026-08-31' }, 'https://example.org/releases/2/')
 * // 'Lee A. T. Release 2, 15 September 2026 (search cut-off 31 August 2026). https://example.org/releases/2/'
 */
export function releaseCitation(review: CitedReview, release: CitedRelease, url: string): string {
  const authors = review.authors.map(citedName).join(', ');
  return `${authors}. ${review.title}. Release ${release.number}, ${longDate(release.date)} (search cut-off ${longDate(release.cutoff)}). ${url}`;
}
