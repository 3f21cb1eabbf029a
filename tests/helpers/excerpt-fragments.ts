/**
 * What counts as a table-cell fragment in a search excerpt (the browser tests of search check that
 * none appears). An excerpt is cut at word boundaries, so its first and last pieces may be cut
 * short and are not judged; of the pieces between sentence stops in between (a stop closing an
 * abbreviation such as "et al." ends no sentence), a fragment is
 * - a piece with no word of three or more letters: a cell of numbers ("40.9 (14.0 to 71.2).",
 *   "5.", "0255075100"), or
 * - anywhere, a forest-plot row: events/n, a percentage and its interval ("12/18 66.7 [41.0, 86.7]").
 */

/** The table-cell fragments in an excerpt's text (its <mark>s removed), empty when it reads as prose. */
export function excerptFragments(excerpt: string): string[] {
  const text = excerpt.replace(/<\/?mark>/g, '').replace(/\s+/g, ' ').trim();
  const rows = [...text.matchAll(/\b\d+\/\d+\s+\d+(?:\.\d+)?\s*[[(]\d[^\])]*[\])]/g)].map((m) => m[0]);
  // A stop ends a sentence unless it closes an abbreviation ("Zhou et al. 1999", "e.g. 5").
  const pieces = text.split(/(?<=(?<!\b(?:al|e\.g|i\.e|vs|cf|Fig|fig|No|no|approx))[.!?])\s+/);
  const inner = pieces.slice(1, -1);
  const wordless = inner.filter((piece) => !/\p{L}{3,}/u.test(piece));
  return [...rows, ...wordless];
}
