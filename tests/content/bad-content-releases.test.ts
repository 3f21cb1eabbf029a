/**
 * Changes that alter a published release: the valid base has the locks of its two releases
 * (tests/fixtures/good-content/releases/), and each case changes what one of them published.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { checkCase, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

describe('npm run check refuses a change to a published release', () => {
  test('a report moved from release 1 to release 2', () => {
    expect(checkCase('release-report-moved')).toMatchInlineSnapshot(`
      "content/review.yaml:161  releases.0  this change alters release 1, which is published (its lock, releases/1.lock.json, records what it said):
          - bORR overall: 42.7% (22.9 to 63.9), k 2, n 21 → 50.0% (23.2 to 76.8), k 1, n 12
          - bORR modality: car_nk: 33.3% (8.1 to 65.4), k 1, n 9 → not estimable
        fix: revert the change so release 1 reads as published; or, if release 1 was wrong, record an erratum in review.yaml: errata: [{release: 1, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)
      content/trials/beta-nk.md:23  reports.0  this change alters release 1, which is published (its lock, releases/1.lock.json, records what it said):
          - trial beta-nk: report ash-2024 (release 1) pooled → not pooled
        fix: revert the change so release 1 reads as published; or, if release 1 was wrong, record an erratum in review.yaml: errata: [{release: 1, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)
      content/trials/beta-nk.md:23  reports.0  this change alters release 2, which is published (its lock, releases/2.lock.json, records what it said):
          - trial beta-nk: report: ash-2024 (release 1) → ash-2024 (release 2)
        fix: revert the change so release 2 reads as published; or, if release 2 was wrong, record an erratum in review.yaml: errata: [{release: 2, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)

      3 problems in 2 files"
    `);
  });

  test('the numbers of a superseded release-1 report edited', () => {
    expect(checkCase('release-numbers-edited')).toMatchInlineSnapshot(`
      "content/review.yaml:161  releases.0  this change alters release 1, which is published (its lock, releases/1.lock.json, records what it said):
          - bORR overall: 42.7% (22.9 to 63.9), k 2, n 21 → 47.1% (23.7 to 71.1), k 2, n 21
          - bORR modality: car_t: 50.0% (23.2 to 76.8), k 1, n 12 → 58.3% (30.6 to 83.5), k 1, n 12
        fix: revert the change so release 1 reads as published; or, if release 1 was wrong, record an erratum in review.yaml: errata: [{release: 1, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)
      content/trials/alpha-cel.md:19  reports.0  this change alters release 1, which is published (its lock, releases/1.lock.json, records what it said):
          - trial alpha-cel: bORR numbers of report ash-2023: lbcl-evaluable 6/12 → lbcl-evaluable 7/12
        fix: revert the change so release 1 reads as published; or, if release 1 was wrong, record an erratum in review.yaml: errata: [{release: 1, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)

      2 problems in 2 files"
    `);
  });

  test('the method changed', () => {
    expect(checkCase('release-method-changed')).toMatchInlineSnapshot(`
      "content/review.yaml:34  analysis  this change alters release 1, which is published (its lock, releases/1.lock.json, records what it said):
          - analysis method: REML → DL
        fix: revert the change so release 1 reads as published; or, if release 1 was wrong, record an erratum in review.yaml: errata: [{release: 1, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)
      content/review.yaml:34  analysis  this change alters release 2, which is published (its lock, releases/2.lock.json, records what it said):
          - analysis method: REML → DL
        fix: revert the change so release 2 reads as published; or, if release 2 was wrong, record an erratum in review.yaml: errata: [{release: 2, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)

      2 problems in 1 file"
    `);
  });

  test('a lock file that is not JSON', () => {
    expect(checkCase('release-lock-unreadable')).toMatchInlineSnapshot(`
      "content/releases/2.lock.json  this lock file cannot be read: it is not valid JSON
        fix: lock files are written by npm run release; restore it from git (git checkout -- <file>) and never edit it by hand

      1 problem in 1 file"
    `);
  });
});

describe('npm run check refuses a lock whose chapter is not content', () => {
  test('a locked chapter text that holds an export and an expression', () => {
    expect(checkCase('release-lock-chapter-code')).toMatchInlineSnapshot(`
      "content/releases/1.lock.json  chapters.introduction.text  line 7 of the chapter as locked: the chapter contains code (export const cost = globalThis.process.…); a chapter is text with the review's components, and import or export lines are code
        fix: delete the line: the components (<Estimate>, <Count>, …) need no import, and every number comes from them
      content/releases/1.lock.json  chapters.introduction.text  line 9 of the chapter as locked: the chapter contains code in braces ({1 + 1}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}

      2 problems in 1 file"
    `);
  });
});
