/**
 * Broken fixtures of the checks that a study is counted once and that its numbers and dates
 * are plausible (tests/fixtures/bad-content/<case>), with the exact text the curator sees.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { checkCase, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

describe('npm run check on implausible content', () => {
  test("refuses one report (same citation and DOI) entered in two trial files, naming the other file and line", () => {
    expect(checkCase('same-report-two-files')).toMatchInlineSnapshot(`
      "content/trials/delta-cel.md:17  reports.0.citation  the same report ("Alpha A, et al.  Alpha-cel in relapsed LBCL: a phase 1 tria…", DOI 10.1200/jco.25.00001) is also entered as report "jco-2025" in content/trials/alpha-cel.md (line 35)
        fix: a study has one file and a report one entry: if both files are the same study, merge them into one file (with both registrations); if the report belongs to one study only, remove it from the other; if one publication reports both studies, say in each citation which study it gives (e.g. "study 6 of the 14 in …")

      1 problem in 1 file"
    `);
  });

  test("refuses the same DOI given by two reports of one trial file", () => {
    expect(checkCase('same-doi-twice-in-file')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:36  reports.1.doi  the same DOI (10.1200/JCO.25.00001) is also given by report "ash-2023" (line 21) of this trial
        fix: one publication is one report: keep one entry with all its numbers and remove the other (a later version of a report has its own DOI and citation)

      1 problem in 1 file"
    `);
  });

  test("refuses a subset cohort pooled alongside its parent, even in another subgroup", () => {
    expect(checkCase('subset-in-other-subgroup')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:51  reports.1.data.nkt-arm  cohort "nkt-arm" is a subset of "lbcl-evaluable", and report "jco-2025" gives numbers to both for borr in population efficacy (subgroups modality car_nk and modality car_t), so the subset's patients would be counted twice
        fix: keep the numbers under one of the two cohorts (write nd in the other), or give "nkt-arm" no population (listed, not pooled) if it is only described

      1 problem in 1 file"
    `);
  });

  test("refuses numbers that break the relations of review.yaml: complete over overall, two grades over n", () => {
    expect(checkCase('outcome-relation-broken')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:44  reports.1.data.lbcl-evaluable.bcrr.events  in cohort "lbcl-evaluable" of report "jco-2025", bcrr events = 12 is larger than borr events = 10 (every complete response is a response)
        fix: check these numbers against the source; review.yaml (plausibility: relations) says the first cannot exceed the second
      content/trials/alpha-cel.md:46  reports.1.data.infused.crs_g12.events  in cohort "infused" of report "jco-2025", crs_g12 + crs_g3 events (22 + 1) = 23 is larger than n = 22 (each patient counts once, under the worst grade)
        fix: check these numbers against the source; review.yaml (plausibility: relations) says the first cannot exceed the second

      2 problems in 1 file"
    `);
  });

  test("refuses a relation naming an unknown outcome, or outcomes of two populations", () => {
    expect(checkCase('relation-unknown-outcome')).toMatchInlineSnapshot(`
      "content/review.yaml:162  plausibility.relations.0.outcome  the relation names outcome "bcr", which is not under outcomes
        fix: use an outcome id of review.yaml (borr, bcrr, crs_g3), or n for the patients evaluated
      content/review.yaml:163  plausibility.relations.1  the relation joins crs_g3 and borr, which come from different populations (safety and efficacy), so no cohort gives them all and it is never checked
        fix: a relation compares outcomes of one cohort: name outcomes of one population

      2 problems in 1 file"
    `);
  });

  test("refuses a cohort larger than the default limit of patients", () => {
    expect(checkCase('n-implausible')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:32  reports.0.data.all.borr.n  n of borr in cohort "all" of report "ash-2024" is 1000000000000000, more than the 100,000 patients one cohort may have
        fix: check the number for extra digits; if the cohort really is this large, raise the limit in review.yaml: plausibility: {limits: {n_max: …}} (now 100,000)

      1 problem in 1 file"
    `);
  });

  test("refuses an included trial whose only report is excluded", () => {
    expect(checkCase('included-only-report-excluded')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:14  status  the trial is included, but its only report "ash-2024" is excluded, so it is pooled in no release
        fix: make the trial described (status: described, with a status_reason) or excluded, or give it a report the analysis uses (status: primary)

      1 problem in 1 file"
    `);
  });

  test("refuses an included trial whose report gives no numbers to any analysis", () => {
    expect(checkCase('included-feeds-nothing')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:30  reports.0.data  the trial is included, but as of releases 1 and 2 its report "ash-2024" gives no numbers to any analysis (every cohort with a population is nd or empty), so PRISMA counts it while no forest plot shows it
        fix: give numbers for at least one outcome under a cohort with a population, or make the trial described (status: described, with a status_reason)

      1 problem in 1 file"
    `);
  });

  test("refuses an included trial none of whose cohorts has a population", () => {
    expect(checkCase('included-cohorts-without-population')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:15  cohorts  the trial is included, but as of releases 1 and 2 its report "ash-2024" gives no numbers to any analysis (no cohort has a population), so PRISMA counts it while no forest plot shows it
        fix: give the cohort that holds the numbers a population (population: <id from review.yaml>), or make the trial described (status: described, with a status_reason)

      1 problem in 1 file"
    `);
  });

  test("refuses a search dated after its release was published", () => {
    expect(checkCase('search-date-after-release')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:2  date  search release-2 is dated 2026-10-01, after release 2 was published (2026-09-15)
        fix: a release is published after its search is run: check both dates

      1 problem in 1 file"
    `);
  });

  test("refuses a search dated on or before the previous release's cut-off", () => {
    expect(checkCase('search-date-before-previous-cutoff')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:2  date  search release-2 is dated 2025-01-10, not after the cut-off of release 1 (2025-01-12), which the previous search already covered
        fix: the search of a release is run after the previous release's cut-off: check the date of the search and the cut-offs in review.yaml

      1 problem in 1 file"
    `);
  });

  test("refuses previous_studies that differ from the studies pooled in the previous release", () => {
    expect(checkCase('prisma-previous-studies')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:19  previous_studies  previous_studies is 5, but the trial files pool 2 studies as of release 1
        fix: write previous_studies: 2 (the studies included in release 1), or correct the trial files (status and report releases) if a study is missing or too many; release 2's flow diagram is drawn from both

      1 problem in 1 file"
    `);
  });

  test("refuses an included-studies count that differs from the studies the release pools", () => {
    expect(checkCase('prisma-included-studies')).toMatchInlineSnapshot(`
      "content/searches/release-1.yaml:20  new_studies_included  the search log counts 5 included studies (new_studies_included 5), but the trial files pool 2 as of release 1
        fix: make the counts agree: new_studies_included is the studies release 1 pools that the previous release did not (2 here); if the log is right, a trial file is missing, not included (status) or has no report in release 1

      1 problem in 1 file"
    `);
  });

});
