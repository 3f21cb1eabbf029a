/**
 * Releases and searches name each other: each release's search file exists, and each search
 * file belongs to a release that names it. A search is run for its release: on or before the
 * day the release is published, and after the cut-off of the release before (whose search
 * covered everything up to then). That each cut-off is on or before its release's date is
 * checked with the releases (check-releases.ts).
 */
import type { Review, Search } from '../../../schemas/index.ts';
import { at, type SourceFile, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import { plausibilityMessages } from '../messages-plausibility.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

/**
 * `searchFiles` are all search files found (also those that could not be read, so that a
 * release naming a broken file is not told the file is missing); `valid` those that parsed.
 */
export function checkSearchLinks(
  review: ValidFile<Review>,
  searchFiles: readonly SourceFile[],
  valid: readonly ValidFile<Search>[],
): Problem[] {
  const problems: Problem[] = [];
  const ids = searchFiles.map((s) => s.name);
  const releases = review.data.releases;
  // A typo suggestion only among search files no release names yet.
  const unnamed = ids.filter((id) => !releases.some((r) => r.search === id));
  releases.forEach((release, i) => {
    if (!ids.includes(release.search)) {
      problems.push(
        at(review.source, ['releases', i, 'search'], messages.releaseSearchMissing(release.number, release.search, ids, closest(release.search, unnamed))),
      );
    }
  });
  const known = releases.map((r) => r.number);
  for (const { source, data } of valid) {
    const release = releases.find((r) => r.number === data.release);
    if (!release) problems.push(at(source, ['release'], messages.searchReleaseUnknown(data.release, known)));
    else if (release.search !== source.name) problems.push(at(source, ['release'], messages.searchNotNamed(source.name, release.number, release.search)));
    else {
      if (data.date > release.date) problems.push(at(source, ['date'], plausibilityMessages.searchAfterRelease(source.name, data.date, release.number, release.date)));
      const previous = releases[releases.indexOf(release) - 1];
      if (previous && data.date <= previous.cutoff) {
        problems.push(at(source, ['date'], plausibilityMessages.searchBeforePreviousCutoff(source.name, data.date, previous.number, previous.cutoff)));
      }
    }
  }
  return problems;
}
