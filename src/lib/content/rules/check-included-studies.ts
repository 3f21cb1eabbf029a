/**
 * The included studies as the PRISMA flow diagram counts them and as the pooling uses them
 * must be the same studies:
 *
 * - the search log of each release counts as many included studies (previous_studies +
 *   new_studies_included) as the trial files pool as of that release (`pooledTrialsAsOf`, the
 *   pooling's own rule), and previous_studies is what the previous release pooled;
 * - an included trial feeds the analysis: not every report of it is excluded, and as of every
 *   release in which it is pooled, its report gives numbers to at least one cohort with a
 *   population (otherwise PRISMA and the chapters count it while no forest plot shows it).
 *
 * The counts are compared only once everything else in the content is valid: a trial file
 * that failed its schema, or a search whose own sums do not add up, would make the comparison
 * wrong, and its own problem says what to fix first.
 */
import type { Review, Search, Trial } from '../../../schemas/index.ts';
import { isPooledCohort, pooledTrialsAsOf, primaryReportAsOf, type TrialRecord } from '../../review/evidence-set.ts';
import { at, type ValidFile } from '../content-files.ts';
import { plausibilityMessages as messages } from '../messages-plausibility.ts';
import type { Problem } from '../problems.ts';

export function checkPrismaStudies(review: ValidFile<Review>, searches: readonly ValidFile<Search>[], trials: readonly ValidFile<Trial>[]): Problem[] {
  const problems: Problem[] = [];
  const records: TrialRecord[] = trials.map((t) => ({ slug: t.source.name, data: t.data }));
  const releases = review.data.releases;
  for (const { source, data } of searches) {
    const index = releases.findIndex((r) => r.number === data.release && r.search === source.name);
    if (index < 0) continue;
    const release = releases[index]!;
    const previous = releases[index - 1];
    const pooled = pooledTrialsAsOf(records, release.number).length;
    const pooledBefore = previous ? pooledTrialsAsOf(records, previous.number).length : 0;
    if (previous && data.previous_studies !== pooledBefore) {
      problems.push(at(source, ['previous_studies'], messages.prismaPreviousStudies(release.number, data.previous_studies, previous.number, pooledBefore)));
    } else if (data.previous_studies + data.new_studies_included !== pooled) {
      problems.push(at(source, ['new_studies_included'], messages.prismaIncludedStudies(release.number, data.previous_studies, data.new_studies_included, pooled)));
    }
  }
  return problems;
}

/** An included trial is pooled in some release, and gives numbers whenever it is pooled. */
export function checkIncludedTrial({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  if (data.status !== 'included') return [];
  if (data.reports.every((r) => r.status === 'excluded')) {
    return [at(source, ['status'], messages.includedAllReportsExcluded(data.reports.map((r) => r.id)))];
  }
  // Releases in which the trial is pooled but feeds nothing, by report in use.
  const empty = new Map<string, number[]>();
  for (const release of review.releases) {
    const report = primaryReportAsOf(data, release.number);
    if (!report || data.cohorts.some((c) => isPooledCohort(c, report))) continue;
    empty.set(report.id, [...(empty.get(report.id) ?? []), release.number]);
  }
  const noPopulation = data.cohorts.every((c) => c.population === undefined);
  return [...empty].map(([id, releases]) => {
    const i = data.reports.findIndex((r) => r.id === id);
    return at(source, noPopulation ? ['cohorts'] : ['reports', i, 'data'], messages.includedFeedsNothing(id, releases, noPopulation));
  });
}
