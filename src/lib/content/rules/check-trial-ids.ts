/**
 * Identifiers inside one trial file: report ids and cohort ids are unique, and every block of
 * numbers is filed under a cohort the trial defines.
 */
import type { Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

export function checkTrialIds({ source, data }: ValidFile<Trial>): Problem[] {
  const problems: Problem[] = [];
  const firstReport = new Map<string, number>();
  data.reports.forEach((report, i) => {
    const first = firstReport.get(report.id);
    if (first === undefined) firstReport.set(report.id, i);
    else problems.push(at(source, ['reports', i, 'id'], messages.duplicateReportId(report.id, source.locate(['reports', first, 'id']))));
  });
  const firstCohort = new Map<string, number>();
  data.cohorts.forEach((cohort, i) => {
    const first = firstCohort.get(cohort.id);
    if (first === undefined) firstCohort.set(cohort.id, i);
    else problems.push(at(source, ['cohorts', i, 'id'], messages.duplicateCohortId(cohort.id, source.locate(['cohorts', first, 'id']))));
  });
  const cohortIds = [...firstCohort.keys()];
  data.reports.forEach((report, i) => {
    for (const cohort of Object.keys(report.data)) {
      if (!firstCohort.has(cohort)) {
        problems.push(at(source, ['reports', i, 'data', cohort], messages.unknownCohort(cohort, cohortIds, closest(cohort, cohortIds))));
      }
    }
  });
  return problems;
}
