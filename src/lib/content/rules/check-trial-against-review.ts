/**
 * A trial against the protocol: its outcome ids, populations, subgroup variables and levels,
 * and report releases must be those of review.yaml; a report cannot be dated after the
 * cut-off of the release it enters; an included trial has a level for every subgroup.
 */
import type { Review, Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { FieldPath, Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

export function checkTrialAgainstReview({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const outcomeIds = review.outcomes.map((o) => o.id);
  const populationIds = review.populations.map((p) => p.id);
  const variableIds = review.subgroups.map((v) => v.id);

  const checkLevels = (levels: Record<string, string>, path: FieldPath) => {
    for (const [variable, level] of Object.entries(levels)) {
      const known = review.subgroups.find((v) => v.id === variable);
      if (!known) {
        problems.push(at(source, [...path, variable], messages.unknownSubgroupVariable(variable, variableIds, closest(variable, variableIds))));
        continue;
      }
      const levelIds = known.levels.map((l) => l.id);
      if (!levelIds.includes(level)) {
        problems.push(at(source, [...path, variable], messages.unknownSubgroupLevel(variable, level, levelIds, closest(level, levelIds))));
      }
    }
  };

  checkLevels(data.subgroups, ['subgroups']);
  if (data.status === 'included') {
    // A variable may be left to the cohorts when every pooled cohort gives its own level.
    const pooled = data.cohorts.filter((c) => c.population !== undefined);
    const missing = review.subgroups.filter(
      (v) => data.subgroups[v.id] === undefined && !(pooled.length > 0 && pooled.every((c) => c.subgroups?.[v.id] !== undefined)),
    );
    if (missing.length > 0) {
      problems.push(at(source, ['subgroups'], messages.missingSubgroupLevel(missing.map((v) => v.id), missing.map((v) => v.levels.map((l) => l.id)))));
    }
  }
  data.cohorts.forEach((cohort, i) => {
    if (cohort.population !== undefined && !populationIds.includes(cohort.population)) {
      problems.push(at(source, ['cohorts', i, 'population'], messages.unknownPopulation(cohort.population, populationIds, closest(cohort.population, populationIds))));
    }
    if (cohort.subgroups) checkLevels(cohort.subgroups, ['cohorts', i, 'subgroups']);
  });

  const releaseNumbers = review.releases.map((r) => r.number);
  data.reports.forEach((report, i) => {
    for (const [cohort, values] of Object.entries(report.data)) {
      for (const outcome of Object.keys(values)) {
        if (!outcomeIds.includes(outcome)) {
          problems.push(at(source, ['reports', i, 'data', cohort, outcome], messages.unknownOutcome(outcome, outcomeIds, closest(outcome, outcomeIds))));
        }
      }
    }
    const release = review.releases.find((r) => r.number === report.release);
    if (!release) {
      problems.push(at(source, ['reports', i, 'release'], messages.unknownRelease(report.release, releaseNumbers)));
    } else if (report.date > release.cutoff) {
      const fitting = review.releases.find((r) => r.number > release.number && r.cutoff >= report.date);
      problems.push(at(source, ['reports', i, 'date'], messages.reportAfterCutoff(report.date, release.number, release.cutoff, fitting?.number)));
    }
  });
  return problems;
}
