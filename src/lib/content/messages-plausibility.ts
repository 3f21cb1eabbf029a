/**
 * Curator messages of the checks that a study is counted once and that its numbers and dates
 * are plausible: the same report in two trial files, a subset cohort pooled with its parent,
 * relations between outcomes, the largest cohort, search dates, PRISMA counts against the trial
 * files, and included trials that feed nothing. Same style as messages.ts: what is wrong,
 * naming the values involved, and how to fix it.
 */
import { list } from './messages.ts';
import type { Text } from './problems.ts';

const where = (file: string, line: number | undefined) => `${file}${line ? ` (line ${line})` : ''}`;

export const plausibilityMessages = {
  // ---------------------------------------------------------------------------------------------
  // One report, one entry

  sameReportInTwoFiles: (report: string, otherFile: string, otherLine: number | undefined, otherReport: string): Text => ({
    message: `the same report (${report}) is also entered as report "${otherReport}" in ${where(otherFile, otherLine)}`,
    fix: 'a study has one file and a report one entry: if both files are the same study, merge them into one file (with both registrations); if the report belongs to one study only, remove it from the other; if one publication reports both studies, say in each citation which study it gives (e.g. "study 6 of the 14 in …")',
  }),

  sameReportTwiceInFile: (what: 'DOI' | 'citation', value: string, otherReport: string, otherLine: number | undefined): Text => ({
    message: `the same ${what} (${value}) is also given by report "${otherReport}"${otherLine ? ` (line ${otherLine})` : ''} of this trial`,
    fix: 'one publication is one report: keep one entry with all its numbers and remove the other (a later version of a report has its own DOI and citation)',
  }),

  // ---------------------------------------------------------------------------------------------
  // Subset cohorts

  subsetOfUnknown: (cohort: string, parent: string, cohorts: readonly string[]): Text => ({
    message: `cohort "${cohort}" is a subset_of "${parent}", but the trial has no cohort "${parent}"`,
    fix: `name a cohort of this trial (${cohorts.length ? cohorts.join(', ') : 'none are defined'}), or remove subset_of`,
  }),

  subsetOfItself: (cohort: string, chain: readonly string[]): Text => ({
    message: chain.length <= 1 ? `cohort "${cohort}" is a subset_of itself` : `cohorts ${chain.map((c) => `"${c}"`).join(' → ')} are subsets of each other in a circle`,
    fix: 'subset_of names the larger cohort that holds all of this cohort\'s patients: correct it, or remove it',
  }),

  subsetPooledWithParent: (report: string, subset: string, parent: string, population: string, outcomes: readonly string[], levels: { subset: string; parent: string }): Text => ({
    message: `cohort "${subset}" is a subset of "${parent}", and report "${report}" gives numbers to both for ${list(outcomes)} in population ${population}${levels.subset !== levels.parent ? ` (subgroups ${levels.subset || 'none'} and ${levels.parent || 'none'})` : ''}, so the subset's patients would be counted twice`,
    fix: `keep the numbers under one of the two cohorts (write nd in the other), or give "${subset}" no population (listed, not pooled) if it is only described`,
  }),

  // ---------------------------------------------------------------------------------------------
  // Relations and limits

  relationUnknownOutcome: (outcome: string, outcomes: readonly string[]): Text => ({
    message: `the relation names outcome "${outcome}", which is not under outcomes`,
    fix: `use an outcome id of review.yaml (${outcomes.join(', ')}), or n for the patients evaluated`,
  }),

  relationAcrossPopulations: (outcomes: readonly string[], populations: readonly string[]): Text => ({
    message: `the relation joins ${list(outcomes)}, which come from different populations (${list(populations)}), so no cohort gives them all and it is never checked`,
    fix: 'a relation compares outcomes of one cohort: name outcomes of one population',
  }),

  relationBroken: (cohort: string, report: string, left: string, leftValue: number, right: string, rightValue: number, why: string | undefined): Text => ({
    message: `in cohort "${cohort}" of report "${report}", ${left} = ${leftValue} is larger than ${right} = ${rightValue}${why ? ` (${why})` : ''}`,
    fix: 'check these numbers against the source; review.yaml (plausibility: relations) says the first cannot exceed the second',
  }),

  nTooLarge: (cohort: string, report: string, outcome: string, n: number, max: number): Text => ({
    message: `n of ${outcome} in cohort "${cohort}" of report "${report}" is ${n}, more than the ${max.toLocaleString('en')} patients one cohort may have`,
    fix: `check the number for extra digits; if the cohort really is this large, raise the limit in review.yaml: plausibility: {limits: {n_max: …}} (now ${max.toLocaleString('en')})`,
  }),

  // ---------------------------------------------------------------------------------------------
  // Dates

  searchAfterRelease: (search: string, date: string, release: number, releaseDate: string): Text => ({
    message: `search ${search} is dated ${date}, after release ${release} was published (${releaseDate})`,
    fix: 'a release is published after its search is run: check both dates',
  }),

  searchBeforePreviousCutoff: (search: string, date: string, previous: number, cutoff: string): Text => ({
    message: `search ${search} is dated ${date}, not after the cut-off of release ${previous} (${cutoff}), which the previous search already covered`,
    fix: 'the search of a release is run after the previous release\'s cut-off: check the date of the search and the cut-offs in review.yaml',
  }),

  // ---------------------------------------------------------------------------------------------
  // PRISMA against the trial files

  prismaPreviousStudies: (release: number, counted: number, previous: number, pooled: number): Text => ({
    message: `previous_studies is ${counted}, but the trial files pool ${pooled} ${pooled === 1 ? 'study' : 'studies'} as of release ${previous}`,
    fix: `write previous_studies: ${pooled} (the studies included in release ${previous}), or correct the trial files (status and report releases) if a study is missing or too many; release ${release}'s flow diagram is drawn from both`,
  }),

  prismaIncludedStudies: (release: number, previous: number, added: number, pooled: number): Text => ({
    message: `the search log counts ${previous + added} included ${previous + added === 1 ? 'study' : 'studies'}${previous > 0 ? ` (previous_studies ${previous} + new_studies_included ${added})` : ` (new_studies_included ${added})`}, but the trial files pool ${pooled} as of release ${release}`,
    fix: `make the counts agree: new_studies_included is the studies release ${release} pools that the previous release did not (${Math.max(0, pooled - previous)} here); if the log is right, a trial file is missing, not included (status) or has no report in release ${release}`,
  }),

  // ---------------------------------------------------------------------------------------------
  // Included trials that feed nothing

  includedAllReportsExcluded: (reports: readonly string[]): Text => ({
    message: `the trial is included, but ${reports.length === 1 ? `its only report "${reports[0]}" is` : `all its reports (${reports.map((r) => `"${r}"`).join(', ')}) are`} excluded, so it is pooled in no release`,
    fix: 'make the trial described (status: described, with a status_reason) or excluded, or give it a report the analysis uses (status: primary)',
  }),

  includedFeedsNothing: (report: string, releases: readonly number[], noPopulation: boolean): Text => ({
    message: `the trial is included, but as of release${releases.length === 1 ? '' : 's'} ${list(releases)} its report "${report}" gives no numbers to any analysis (${noPopulation ? 'no cohort has a population' : 'every cohort with a population is nd or empty'}), so PRISMA counts it while no forest plot shows it`,
    fix: noPopulation
      ? 'give the cohort that holds the numbers a population (population: <id from review.yaml>), or make the trial described (status: described, with a status_reason)'
      : 'give numbers for at least one outcome under a cohort with a population, or make the trial described (status: described, with a status_reason)',
  }),
};
