/**
 * The releases of review.yaml: numbered 1..N in order, published one after the other, each
 * with its cut-off on or before its date and not before the previous cut-off, each with its
 * own search.
 */
import type { Review } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';

export function checkReleases({ source, data }: ValidFile<Review>): Problem[] {
  const problems: Problem[] = [];
  const searchOwner = new Map<string, number>();
  data.releases.forEach((release, i) => {
    const path = ['releases', i];
    if (release.number !== i + 1) problems.push(at(source, [...path, 'number'], messages.releaseNumber(i + 1, release.number)));
    if (release.cutoff > release.date) {
      problems.push(at(source, [...path, 'cutoff'], messages.releaseCutoffAfterDate(release.number, release.cutoff, release.date)));
    }
    const previous = data.releases[i - 1];
    if (previous && release.date <= previous.date) {
      problems.push(at(source, [...path, 'date'], messages.releaseDateOrder(release.number, release.date, previous.number, previous.date)));
    }
    if (previous && release.cutoff < previous.cutoff) {
      problems.push(at(source, [...path, 'cutoff'], messages.releaseCutoffOrder(release.number, release.cutoff, previous.number, previous.cutoff)));
    }
    const owner = searchOwner.get(release.search);
    if (owner !== undefined) problems.push(at(source, [...path, 'search'], messages.releaseSearchShared(release.search, owner, release.number)));
    else searchOwner.set(release.search, release.number);
  });
  return problems;
}
