/**
 * PRISMA 2020 arithmetic of one search run, box by box:
 *
 *   identified (databases + registers + other sources) − duplicates − other removed = screened
 *   screened − excluded at screening = sought
 *   sought − not retrieved = assessed
 *   assessed − Σ excluded at full text = new reports included
 *
 * The last identity, in an update, counts every report the search added, whether it belongs
 * to a new study or to a study already included (PRISMA 2020 for updated reviews keeps the
 * previous studies and reports in separate boxes, `previous_studies` and `previous_reports`).
 * New studies cannot outnumber the new reports.
 */
import type { Search } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';

export function checkPrisma({ source, data: s }: ValidFile<Search>): Problem[] {
  const problems: Problem[] = [];
  const sum = (rows: readonly { records: number }[]) => rows.reduce((total, r) => total + r.records, 0);
  const parts = { databases: sum(s.databases), registers: sum(s.registers), other: sum(s.other_sources) };
  const screened = parts.databases + parts.registers + parts.other - s.duplicates_removed - s.other_removed;
  if (screened !== s.records_screened) {
    problems.push(at(source, ['records_screened'], messages.prismaIdentified(parts, s.duplicates_removed, s.other_removed, screened, s.records_screened)));
  }
  const sought = s.records_screened - s.records_excluded;
  if (sought !== s.reports_sought) {
    problems.push(at(source, ['reports_sought'], messages.prismaScreened(s.records_screened, s.records_excluded, sought, s.reports_sought)));
  }
  const assessed = s.reports_sought - s.reports_not_retrieved;
  if (assessed !== s.reports_assessed) {
    problems.push(at(source, ['reports_assessed'], messages.prismaSought(s.reports_sought, s.reports_not_retrieved, assessed, s.reports_assessed)));
  }
  const excluded = s.reports_excluded.map((r) => r.count);
  const included = s.reports_assessed - excluded.reduce((a, b) => a + b, 0);
  if (included !== s.new_reports_included) {
    problems.push(at(source, ['new_reports_included'], messages.prismaAssessed(s.reports_assessed, excluded, included, s.new_reports_included)));
  }
  if (s.new_studies_included > s.new_reports_included) {
    problems.push(at(source, ['new_studies_included'], messages.prismaStudiesOverReports(s.new_studies_included, s.new_reports_included)));
  }
  return problems;
}
