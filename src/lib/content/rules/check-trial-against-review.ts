/**
 * A trial against the protocol: its outcome ids, populations and report releases must be those
 * of review.yaml; every number sits under a cohort of its outcome's population (otherwise it
 * would be pooled nowhere); a report cannot be dated after the cut-off of the release it
 * enters (or is pending for the release being prepared, the one after the last); an included trial gives the characteristic behind every subgroup variable; a
 * registration is given when the review requires one.
 */
import type { Review, Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';
import { subgroupLevel, valueOf } from '../../review/characteristics.ts';

export function checkTrialAgainstReview({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const outcomeIds = review.outcomes.map((o) => o.id);
  const populationIds = review.populations.map((p) => p.id);

  if (review.studies.registration === 'required' && data.registrations.length === 0) {
    problems.push(at(source, ['registrations'], messages.registrationRequired()));
  }
  if (data.status === 'included') {
    // Every pooled row needs a subgroup level: from the trial, or from each cohort that feeds an analysis.
    const pooled = data.cohorts.filter((c) => c.population !== undefined);
    for (const variable of review.subgroups) {
      // A variable without a valid characteristic is reported once, against review.yaml.
      if (!review.characteristics.some((c) => c.id === variable.characteristic && c.type === 'category')) continue;
      const placed = pooled.length > 0 ? pooled.every((c) => subgroupLevel(variable, data, c) !== undefined) : subgroupLevel(variable, data) !== undefined;
      const given = pooled.length > 0 ? pooled.every((c) => valueOf(data, variable.characteristic, c) !== undefined) : valueOf(data, variable.characteristic) !== undefined;
      // A value that is given but falls in no level is reported against review.yaml
      // (subgroupLevelLeftOut); a required characteristic left out is reported as such.
      const required = review.characteristics.find((c) => c.id === variable.characteristic)?.required === true;
      if (!placed && !given && !required) {
        problems.push(at(source, ['characteristics'], messages.missingSubgroupCharacteristic(variable.id, variable.characteristic, variable.levels.flatMap((l) => l.includes))));
      }
    }
  }
  data.cohorts.forEach((cohort, i) => {
    if (cohort.population !== undefined && !populationIds.includes(cohort.population)) {
      problems.push(at(source, ['cohorts', i, 'population'], messages.unknownPopulation(cohort.population, populationIds, closest(cohort.population, populationIds))));
    }
  });

  const releaseNumbers = review.releases.map((r) => r.number);
  data.reports.forEach((report, i) => {
    for (const [cohort, values] of Object.entries(report.data)) {
      for (const outcome of Object.keys(values)) {
        const known = review.outcomes.find((o) => o.id === outcome);
        if (!known) {
          problems.push(at(source, ['reports', i, 'data', cohort, outcome], messages.unknownOutcome(outcome, outcomeIds, closest(outcome, outcomeIds))));
          continue;
        }
        // A number under a cohort of another population would be pooled nowhere. (A cohort of no
        // population is only described: its numbers are listed, not pooled, by design.)
        const c = data.cohorts.find((x) => x.id === cohort);
        if (c?.population !== undefined && c.population !== known.population && populationIds.includes(c.population) && populationIds.includes(known.population)) {
          problems.push(at(source, ['reports', i, 'data', cohort, outcome], messages.outcomeOutsideCohortPopulation(outcome, known.population, cohort, c.population)));
        }
      }
    }
    const release = review.releases.find((r) => r.number === report.release);
    // The release after the last one is the release being prepared: its reports are on file but
    // in no published release until `npm run release` cuts it (and checks their dates then).
    const coming = Math.max(0, ...releaseNumbers) + 1;
    if (!release && report.release === coming) {
      // accepted as pending
    } else if (!release) {
      problems.push(at(source, ['reports', i, 'release'], messages.unknownRelease(report.release, releaseNumbers)));
    } else if (report.date > release.cutoff) {
      const fitting = review.releases.find((r) => r.number > release.number && r.cutoff >= report.date);
      problems.push(at(source, ['reports', i, 'date'], messages.reportAfterCutoff(report.date, release.number, release.cutoff, fitting?.number)));
    }
  });
  return problems;
}
