/**
 * Every broken fixture in tests/fixtures/bad-content, checked against the valid base, with the
 * exact text the curator sees pinned as an inline snapshot. tests/content/build-refuses.test.ts
 * checks that the build refuses each of them with the same problems.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { BAD_CONTENT, checkCase, makeContentRoot, problemsOf, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

test('the catalogue has at least 40 cases, and each case folder has its test in this file or another bad-content*.test.ts', () => {
  const cases = readdirSync(BAD_CONTENT).sort();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const source = readdirSync(here)
    .filter((f) => /^bad-content.*\.test\.ts$/.test(f))
    .map((f) => readFileSync(path.join(here, f), 'utf8'))
    .join('\n');
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(cases.filter((name) => !source.includes(`checkCase('${name}')`))).toEqual([]);
});

describe('npm run check on broken content', () => {
  test('reports a YAML syntax error where the reader stopped, and says a bracket is not closed', () => {
    expect(checkCase('yaml-syntax-error')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:4  YAML syntax error at column 1: Flow sequence in block collection must be sufficiently indented and end with a ]
        fix: a list in [ ] or a block in { } is not closed: add the missing ] or } where it ends (usually at the end of the line above)

      1 problem in 1 file"
    `);
  });

  test('refuses a tab used for indentation', () => {
    expect(checkCase('tab-indentation')).toMatchInlineSnapshot(`
      "content/review.yaml:15  this line is indented with a tab; YAML allows only spaces for indentation
        fix: replace the tabs at the start of the line with spaces (two per level); many editors can "convert indentation to spaces"

      1 problem in 1 file"
    `);
  });

  test('refuses a key written twice in one block, naming the first line', () => {
    expect(checkCase('duplicate-key')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:44  reports.1.data.lbcl-evaluable.borr  the field "borr" appears twice in the same block (first on line 43)
        fix: keep one of the two: YAML would silently use only the last one

      1 problem in 1 file"
    `);
  });

  test('refuses a file that expands aliases more than the small limit allows', () => {
    expect(checkCase('alias-bomb')).toMatchInlineSnapshot(`
      "content/registry/lol.yaml:1  the file uses YAML aliases (*name) more than 10 times
        fix: write the values out in full; content files do not need anchors (&name) or aliases (*name)

      1 problem in 1 file"
    `);
  });

  test('refuses a 5 MB file from its size, without parsing it', () => {
    expect(checkCase('huge-file')).toMatchInlineSnapshot(`
      "content/trials/huge.md  the file is 5 MB; content files are limited to 1 MB, so it was not read
        fix: a content file is a few kilobytes of text: check that the right file was saved here (not a PDF, a picture or a data export)

      1 problem in 1 file"
    `);
  });

  test('refuses an empty file', () => {
    expect(checkCase('empty-file')).toMatchInlineSnapshot(`
      "content/trials/delta.md  the file is empty
        fix: fill it in (npm run new-trial writes a trial file to start from) or delete it

      1 problem in 1 file"
    `);
  });

  test('refuses a binary file', () => {
    expect(checkCase('binary-file')).toMatchInlineSnapshot(`
      "content/registry/scan.yaml  the file is not text: it contains a zero byte (at byte 43)
        fix: save the file as plain UTF-8 text; a Word document or PDF renamed to .md or .yaml cannot be read

      1 problem in 1 file"
    `);
  });

  test('refuses a file that is not UTF-8', () => {
    expect(checkCase('invalid-utf8')).toMatchInlineSnapshot(`
      "content/registry/latin1.yaml  the file is not UTF-8 text: some characters cannot be read
        fix: save the file with the encoding UTF-8 (most editors offer it under "Save as" or "Encoding")

      1 problem in 1 file"
    `);
  });

  test('refuses a trial file without front matter', () => {
    expect(checkCase('no-front-matter')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:1  the file does not start with front matter (a first line of three dashes: ---)
        fix: start the file with a line ---, then the fields, then another line ---, then the text (npm run new-trial writes a trial file to start from)

      1 problem in 1 file"
    `);
  });

  test('refuses a second YAML document in one file', () => {
    expect(checkCase('several-documents')).toMatchInlineSnapshot(`
      "content/searches/release-1.yaml:11  the file holds more than one YAML document: a second one starts on this line
        fix: remove the --- line (and anything after it that belongs elsewhere); one file holds one document

      1 problem in 1 file"
    `);
  });

  test('reports files that are not read because of their extension', () => {
    expect(checkCase('stray-files')).toMatchInlineSnapshot(`
      "content/searches/release-3.yml  release-3.yml is not read: files in searches/ must end in .yaml
        fix: rename it to end in .yaml, or move it out of the content folder
      content/trials/notes.txt  notes.txt is not read: files in trials/ must end in .md
        fix: rename it to end in .md, or move it out of the content folder

      2 problems in 2 files"
    `);
  });

  test('names a missing required field and what goes there', () => {
    expect(checkCase('missing-required-field')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:2  label  the required field "label" is missing
        fix: add "label:" — Study label shown in tables and plots, unique in the review: "Author 2024" or a short name, e.g. "STEP-2 (NCT01234567)"

      1 problem in 1 file"
    `);
  });

  test('reports a misspelt field once, suggesting the right name', () => {
    expect(checkCase('unknown-field')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:4  sponser  "sponser" is not a field here
        fix: did you mean "sponsor"? the fields allowed here are: label, aliases, registrations, sponsor, sponsor_country, design, phase, characteristics, status, status_reason, cohorts, reports, risk_of_bias

      1 problem in 1 file"
    `);
  });

  test('reports text where a list is expected', () => {
    expect(checkCase('wrong-type')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:3  registrations  registrations should be a list, but it is text ("NCT00000001")
        fix: write a list: one item per line starting with "- " under the field, or [a, b] on one line

      1 problem in 1 file"
    `);
  });

  test('asks for quotes around a study label written as a number', () => {
    expect(checkCase('number-where-text-expected')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:2  label  label should be text, but it is a number (2024)
        fix: put it in double quotes: label: "2024"

      1 problem in 1 file"
    `);
  });

  test('lists the allowed values and suggests the closest', () => {
    expect(checkCase('wrong-enum-value')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:6  characteristics.cell_type  "CAR-T" is not a level of the characteristic cell_type
        fix: did you mean "car_t"? use one of the levels review.yaml declares for cell_type: car_t, car_nk, car_nkt

      1 problem in 1 file"
    `);
  });

  test('names both counts when events is larger than n', () => {
    expect(checkCase('events-exceed-n')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:43  reports.1.data.lbcl-evaluable.borr.events  events (14) is larger than n (12)
        fix: check both numbers against the source: events counts patients with the event among the n evaluated

      1 problem in 1 file"
    `);
  });

  test('refuses a negative count', () => {
    expect(checkCase('negative-count')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:46  reports.1.data.infused.crs_g3.events  events (-1) is negative
        fix: events cannot be negative

      1 problem in 1 file"
    `);
  });

  test('refuses a fractional count', () => {
    expect(checkCase('fractional-count')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:44  reports.1.data.lbcl-evaluable.bcrr.events  events (7.5) is not a whole number
        fix: counts are numbers of patients: if the report gives a percentage, work out the count, and say how under "inferred"

      1 problem in 1 file"
    `);
  });

  test('refuses n = 0 and says to write nd instead', () => {
    expect(checkCase('n-zero')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:32  reports.0.data.all.borr.n  n (0) is less than 1
        fix: n must be at least 1 (leave the outcome out, or write nd, when nobody was evaluated)

      1 problem in 1 file"
    `);
  });

  test('refuses a date that is not on the calendar', () => {
    expect(checkCase('bad-date')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:27  reports.0.date  date "2024-02-30" is not accepted
        fix: this is not a real calendar date; check the day and month

      1 problem in 1 file"
    `);
  });

  test('refuses a malformed registration number', () => {
    expect(checkCase('bad-registration')).toMatchInlineSnapshot(`
      "content/registry/nct00000004.yaml:1  registration  registration "NCT0000004" is not accepted
        fix: not a registration number we recognise; write it as NCT followed by 8 digits (NCT01234567), or a ChiCTR, EudraCT, jRCT, ACTRN or ISRCTN number

      1 problem in 1 file"
    `);
  });

  test('refuses a javascript: link', () => {
    expect(checkCase('javascript-url')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:25  reports.0.url  url "javascript:alert(document.cookie)" is not accepted
        fix: write a full web address starting with https:// (other kinds of link are not allowed)

      1 problem in 1 file"
    `);
  });

  test('refuses HTML in a text field', () => {
    expect(checkCase('html-in-text')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:20  reports.0.citation  citation "Alpha A, et al. <b>Alpha-cel</b> in LBCL. Blood 2023;142(Su…" is not accepted
        fix: text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)

      1 problem in 1 file"
    `);
  });

  test("refuses HTML in a trial's notes, naming the line", () => {
    expect(checkCase('script-in-notes')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:51  notes  the notes contain an HTML tag (<script>); notes are Markdown text
        fix: remove the tag: use Markdown for emphasis, lists and links; to mention a tag, write its name without the angle brackets (also in code)

      1 problem in 1 file"
    `);
  });

  test("refuses a javascript: link in a trial's notes", () => {
    expect(checkCase('javascript-link-in-notes')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:51  notes  the notes contain a "javascript:" link; only web (https) and e-mail links are allowed
        fix: link to a web page starting with https://, or remove the link

      1 problem in 1 file"
    `);
  });

  test('asks for the reason of a superseded report', () => {
    expect(checkCase('missing-reason')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:19  reports.0.reason  a report with status superseded needs a reason
        fix: add "reason:" — Why the report is superseded or excluded (required for those statuses)

      1 problem in 1 file"
    `);
  });

  test('names both files that list the same registration', () => {
    expect(checkCase('same-registration-two-files')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:4  registrations.1  NCT00000001 is also listed in content/trials/alpha-cel.md (line 3)
        fix: a study has one file: merge the two files, or remove the registration from the file it does not belong to

      1 problem in 1 file"
    `);
  });

  test('reports two primary reports as of a release', () => {
    expect(checkCase('two-primary-reports')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:38  reports.1.status  as of release 2, 2 reports are primary: "ash-2023" and "jco-2025"
        fix: keep one primary report: set the older one to status: superseded with superseded_by: <newer report id> and a reason, or to status: excluded with a reason

      1 problem in 1 file"
    `);
  });

  test('reports reports that supersede each other in a circle', () => {
    expect(checkCase('supersede-cycle')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:26  reports.0.superseded_by  the reports supersede each other in a circle: ash-2023 → jco-2025 → ash-2023
        fix: the newest report must not be superseded: make it status primary and remove its superseded_by

      1 problem in 1 file"
    `);
  });

  test('reports superseded_by naming a report the trial does not have', () => {
    expect(checkCase('superseded-by-missing')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:26  reports.0.superseded_by  superseded_by names "jco-2052", but this trial has no report with that id
        fix: did you mean "jco-2025"? use the id of the newer report of this trial (jco-2025)

      1 problem in 1 file"
    `);
  });

  test('reports an outcome id that review.yaml does not define', () => {
    expect(checkCase('unknown-outcome-id')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:32  reports.0.data.all.bor  "bor" is not an outcome of the review
        fix: did you mean "borr"? use an outcome id from review.yaml: borr, bcrr, crs_g3

      1 problem in 1 file"
    `);
  });

  test('reports a subgroup level that review.yaml does not define', () => {
    expect(checkCase('unknown-subgroup-level')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:8  characteristics.cell_type  "car-nk" is not a level of the characteristic cell_type
        fix: did you mean "car_nk"? use one of the levels review.yaml declares for cell_type: car_t, car_nk, car_nkt

      1 problem in 1 file"
    `);
  });

  test('asks an included trial for a level of every subgroup variable', () => {
    expect(checkCase('missing-subgroup-level')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:5  characteristics  review.yaml requires the characteristic "cell_type" for every included or described trial
        fix: add under characteristics: cell_type: <one of car_t, car_nk, car_nkt>

      1 problem in 1 file"
    `);
  });

  test('reports numbers under a cohort the trial does not define', () => {
    expect(checkCase('unknown-cohort-data')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:34  reports.0.data.infused  the numbers are under cohort "infused", which this trial does not define
        fix: use a cohort id from the trial's cohorts (all, all-infused), or add the cohort under cohorts

      1 problem in 1 file"
    `);
  });

  test('reports a cohort population that review.yaml does not define', () => {
    expect(checkCase('unknown-population')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:21  cohorts.1.population  "safty" is not a population of the review
        fix: did you mean "safety"? use a population id from review.yaml: efficacy, safety, or leave population out for a cohort that is only described

      1 problem in 1 file"
    `);
  });

  test('reports two cohorts of one report feeding the same analysis', () => {
    expect(checkCase('double-counting')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:50  reports.1.data.lbcl-responders-cohort  cohorts "lbcl-evaluable" and "lbcl-responders-cohort" of report "jco-2025" both feed population efficacy with the same subgroup levels (modality car_t), so borr would count this trial twice
        fix: keep the numbers under one of the two cohorts (write nd in the other), or give the cohorts different populations or subgroup levels if they are different patients

      1 problem in 1 file"
    `);
  });

  test('reports a report dated after the cut-off of its release and names the release it fits', () => {
    expect(checkCase('report-date-after-cutoff')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:27  reports.0.date  the report is dated 2025-02-07, after the cut-off of release 1 (2025-01-12)
        fix: check the date; if it is right, the report enters in release 2 (the first whose cut-off is not before 2025-02-07): write release: 2

      1 problem in 1 file"
    `);
  });

  test('reports a report release that review.yaml does not define', () => {
    expect(checkCase('unknown-report-release')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:28  reports.0.release  release 4 is not in review.yaml
        fix: use one of the releases in review.yaml (1, 2), or 3 for a report that waits for the release being prepared (npm run release cuts it)

      1 problem in 1 file"
    `);
  });

  test('reports a release whose search file does not exist', () => {
    expect(checkCase('release-without-search')).toMatchInlineSnapshot(`
      "content/review.yaml:172  releases.2.search  release 3 names the search "release-3", but there is no file searches/release-3.yaml
        fix: add searches/release-3.yaml with the PRISMA counts of that search, or name an existing search (release-1, release-2)

      1 problem in 1 file"
    `);
  });

  test('reports releases out of order, and what depends on them', () => {
    expect(checkCase('releases-out-of-order')).toMatchInlineSnapshot(`
      "content/review.yaml:165  releases.1.number  release 3 is in position 2 of the list; releases are numbered 1, 2, 3, … in order
        fix: number this release 2, or put the releases in order
      content/review.yaml:166  releases.1.date  release 3 is dated 2025-05-01, not after release 1 (2025-06-01)
        fix: each release is published after the one before it: check both dates
      content/review.yaml:167  releases.1.cutoff  release 3 has its cut-off (2025-07-30) after its publication date (2025-05-01)
        fix: the search cut-off comes before the release is published: check both dates
      content/searches/release-2.yaml:1  release  the search belongs to release 2, which is not in review.yaml
        fix: use one of the releases in review.yaml (1, 3), or add release 2 there with search: <this file's name>
      content/trials/alpha-cel.md:39  reports.1.release  release 2 is not in review.yaml
        fix: use one of the releases in review.yaml (1, 3), or add release 2 there
      content/trials/gamma-cel.md:21  reports.0.release  release 2 is not in review.yaml
        fix: use one of the releases in review.yaml (1, 3), or add release 2 there

      6 problems in 4 files"
    `);
  });

  test('reports a search file whose release is unknown', () => {
    expect(checkCase('search-release-unknown')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:1  release  the search belongs to release 4, which is not in review.yaml
        fix: use one of the releases in review.yaml (1, 2), or add release 4 there with search: <this file's name>

      1 problem in 1 file"
    `);
  });

  test('reports PRISMA counts before screening that do not add up', () => {
    expect(checkCase('prisma-counts')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:10  records_screened  the counts before screening do not add up: identified 85 (databases 60 + registers 20 + other sources 5) − duplicates_removed 25 − other_removed 0 = 60, but records_screened is 62
        fix: correct the counts so that identified − duplicates_removed − other_removed = records_screened (PRISMA 2020)
      content/searches/release-2.yaml:12  reports_sought  records_screened (62) − records_excluded (52) = 10, but reports_sought is 8
        fix: correct the counts so that records_screened − records_excluded = reports_sought (PRISMA 2020)

      2 problems in 1 file"
    `);
  });

  test('reports PRISMA counts after screening that do not add up', () => {
    expect(checkCase('prisma-counts-later-boxes')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:13  reports_assessed  reports_sought (8) − reports_not_retrieved (0) = 8, but reports_assessed is 7
        fix: correct the counts so that reports_sought − reports_not_retrieved = reports_assessed (PRISMA 2020)
      content/searches/release-2.yaml:18  new_reports_included  reports_assessed (7) − reports excluded (3 + 2) = 2, but new_reports_included is 4
        fix: correct the counts so that reports_assessed − the reports_excluded counts = new_reports_included; in an update, new_reports_included counts every report this search added, whether of a new study or of a study already in the review

      2 problems in 1 file"
    `);
  });

  test('reports a registry entry naming a trial file that does not exist', () => {
    expect(checkCase('registry-unknown-trial')).toMatchInlineSnapshot(`
      "content/registry/nct00000001.yaml:11  trial  there is no trial file trials/alpha_cel.md
        fix: did you mean "alpha-cel"? write the file name of the trial (without .md), or leave trial out until the trial has a file

      1 problem in 1 file"
    `);
  });

  test('reports a registration registered in two registry files', () => {
    expect(checkCase('registry-duplicate')).toMatchInlineSnapshot(`
      "content/registry/nct00000001.yaml:1  registration  NCT00000001 is also registered in content/registry/alpha-cel.yaml
        fix: the landscape has one file per registered trial: delete one of the two files, or correct the registration number

      1 problem in 1 file"
    `);
  });

  test('reports two reports with the same id', () => {
    expect(checkCase('duplicate-report-id')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:34  reports.1.id  two reports of this trial have the id "ash-2023" (the first on line 19)
        fix: give each report its own id, e.g. "ash-2023" and "jco-2024"; superseded_by and the site use it

      1 problem in 1 file"
    `);
  });

  test('reports a cohort subgroup variable that review.yaml does not define', () => {
    expect(checkCase('cohort-unknown-subgroup-variable')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:19  cohorts.0.characteristics.cell_typ  "cell_typ" is not a characteristic review.yaml declares for trial files
        fix: did you mean "cell_type"? use one of: cell_type, or declare it under characteristics in review.yaml

      1 problem in 1 file"
    `);
  });
});

describe('npm run check on odd Unicode', () => {
  test('refuses a zero-width space in a text field and shows where it is', () => {
    expect(checkCase('zero-width-space-in-text')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:2  label  label "Alpha[U+200B zero-width space]-cel" is not accepted
        fix: remove the invisible control or text-direction characters from this text (retype it)

      1 problem in 1 file"
    `);
  });

  test('refuses text-direction overrides in a text field (the "Trojan Source" characters)', () => {
    expect(checkCase('bidi-override-in-text')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:24  reports.0.citation  citation "Beta B, et al. [U+202E right-to-left override]slleC KN-RAC doolb-droC[U+202C pop directional formatting]. Blood 2024;144(Su…" is not accepted
        fix: remove the invisible control or text-direction characters from this text (retype it)

      1 problem in 1 file"
    `);
  });

  test("refuses a text-direction override in a trial's notes", () => {
    expect(checkCase('bidi-override-in-notes')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:38  notes  the notes contain an invisible character (U+202E right-to-left override) that can change how the text reads
        fix: retype the line: pasted text often carries such characters

      1 problem in 1 file"
    `);
  });

  test('refuses a C1 control character pasted into a text field', () => {
    expect(checkCase('control-character-in-text')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:4  sponsor  sponsor "Alpha[U+0085]Therapeutics" is not accepted
        fix: remove the invisible control or text-direction characters from this text (retype it)

      1 problem in 1 file"
    `);
  });

  test('refuses a Unicode line separator in a one-line field', () => {
    expect(checkCase('line-separator-in-text')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:20  cohorts.1.label  label "All infused[U+2028 line separator]patients" is not accepted
        fix: remove the invisible control or text-direction characters from this text (retype it)

      1 problem in 1 file"
    `);
  });

  test('refuses a soft hyphen (invisible, and it breaks search)', () => {
    expect(checkCase('soft-hyphen-in-text')).toMatchInlineSnapshot(`
      "content/registry/nct00000001.yaml:7  sponsor  sponsor "Alpha Thera[U+00AD soft hyphen]peutics" is not accepted
        fix: remove the invisible control or text-direction characters from this text (retype it)

      1 problem in 1 file"
    `);
  });

  test('refuses a no-break space in an id and names it', () => {
    expect(checkCase('no-break-space-in-id')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:15  cohorts.1.id  id "in[U+00A0 no-break space]fused" is not accepted
        fix: use lower-case letters, digits, "-" or "_", starting with a letter (for example "main_cohort")

      1 problem in 1 file"
    `);
  });

  test('refuses accented ids, so the composed and decomposed spellings of one id can never be two ids', () => {
    expect(checkCase('nfc-and-nfd-ids')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:12  cohorts.0.id  id "lbcl-évaluable" is not accepted
        fix: use lower-case letters, digits, "-" or "_", starting with a letter (for example "main_cohort")
      content/trials/alpha-cel.md:42  reports.1.data.lbcl-évaluable  "lbcl-évaluable" cannot be used as a name here; it contains ́ (U+0301), which is not a plain letter (a-z, 0-9, - and _)
        fix: use lower-case letters, digits, "-" or "_", starting with a letter (for example "main_cohort")

      2 problems in 1 file"
    `);
  });

  test('names the foreign letter in a field name that looks right but is not', () => {
    expect(checkCase('lookalike-field-name')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:4  spоnsor  "spоnsor" is not a field here; it contains о (U+043E), which is not a plain letter (a-z, 0-9, - and _)
        fix: did you mean "sponsor"? the fields allowed here are: label, aliases, registrations, sponsor, sponsor_country, design, phase, characteristics, status, status_reason, cohorts, reports, risk_of_bias

      1 problem in 1 file"
    `);
  });
});

test('accepts a byte-order mark at the start of a file (Windows editors write one), in every kind of file', () => {
  const root = makeContentRoot();
  for (const file of ['review.yaml', 'trials/alpha-cel.md', 'searches/release-1.yaml', 'registry/nct00000001.yaml', 'chapters/introduction.mdx']) {
    const full = path.join(root, file);
    writeFileSync(full, `\uFEFF${readFileSync(full, 'utf8')}`);
  }
  expect(problemsOf(root)).toBe('');
});

describe('npm run check on markup and links', () => {
  test('refuses a script tag in review.yaml', () => {
    expect(checkCase('script-in-review-text')).toMatchInlineSnapshot(`
      "content/review.yaml:6  question  question "How often do allogeneic CAR cells respond?<script>alert(1)<…" is not accepted
        fix: text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)

      1 problem in 1 file"
    `);
  });

  test('refuses HTML in a search file', () => {
    expect(checkCase('html-in-search-text')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:4  databases.0.name  name "MEDLINE <img src=x onerror=alert(1)>" is not accepted
        fix: text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)

      1 problem in 1 file"
    `);
  });

  test('refuses a script tag in a registry file', () => {
    expect(checkCase('script-in-registry-text')).toMatchInlineSnapshot(`
      "content/registry/nct00000001.yaml:2  label  label "Alpha-cel <script src=https://example.org/x.js></script>" is not accepted
        fix: text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)

      1 problem in 1 file"
    `);
  });

  test("refuses HTML in a chapter's title", () => {
    expect(checkCase('html-in-chapter-title')).toMatchInlineSnapshot(`
      "content/chapters/introduction.mdx:2  title  title "Test <em>chapter</em>" is not accepted
        fix: text fields are plain text: remove the HTML tag (write "less than" or use ≤ instead of <)

      1 problem in 1 file"
    `);
  });

  test('refuses "javascript:" in a text field', () => {
    expect(checkCase('javascript-in-text')).toMatchInlineSnapshot(`
      "content/review.yaml:165  releases.0.summary  summary "Search again at javascript:alert(document.domain)" is not accepted
        fix: remove "javascript:" from this text

      1 problem in 1 file"
    `);
  });

  test('refuses a data: URL', () => {
    expect(checkCase('data-url')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:25  reports.0.url  url "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" is not accepted
        fix: write a full web address starting with https:// (other kinds of link are not allowed)

      1 problem in 1 file"
    `);
  });

  test('refuses a javascript: URL in mixed case behind spaces', () => {
    expect(checkCase('javascript-url-disguised')).toMatchInlineSnapshot(`
      "content/review.yaml:8  source.url  url "  JaVaScRiPt:alert(1)" is not accepted
        fix: write a full web address starting with https:// (other kinds of link are not allowed)

      1 problem in 1 file"
    `);
  });

  test("refuses an HTML tag split over two lines of a trial's notes", () => {
    expect(checkCase('html-tag-across-lines-in-notes')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:38  notes  the notes contain an HTML tag (<img); notes are Markdown text
        fix: remove the tag: use Markdown for emphasis, lists and links; to mention a tag, write its name without the angle brackets (also in code)

      1 problem in 1 file"
    `);
  });

  test('refuses HTML after an escaped backtick (it is not code in Markdown)', () => {
    expect(checkCase('escaped-backtick-html-in-notes')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:38  notes  the notes contain an HTML tag (<img src=x onerror="alert(1)">); notes are Markdown text
        fix: remove the tag: use Markdown for emphasis, lists and links; to mention a tag, write its name without the angle brackets (also in code)

      1 problem in 1 file"
    `);
  });

  test('refuses javascript: links spelt with character references, inline and as a reference definition', () => {
    expect(checkCase('encoded-javascript-link-in-notes')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:38  notes  the notes contain a "javascript:" link; only web (https) and e-mail links are allowed
        fix: link to a web page starting with https://, or remove the link
      content/trials/beta-nk.md:42  notes  the notes contain a "javascript:" link; only web (https) and e-mail links are allowed
        fix: link to a web page starting with https://, or remove the link

      2 problems in 1 file"
    `);
  });

  test('refuses HTML after a code fence that Markdown does not treat as one', () => {
    expect(checkCase('fence-trick-html-in-notes')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:41  notes  the notes contain an HTML tag (<img src=x onerror="alert(1)">); notes are Markdown text
        fix: remove the tag: use Markdown for emphasis, lists and links; to mention a tag, write its name without the angle brackets (also in code)

      1 problem in 1 file"
    `);
  });
});

describe('npm run check on YAML, numbers and files', () => {
  test('refuses a YAML tag that asks for a function', () => {
    expect(checkCase('yaml-custom-tag')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:4  YAML syntax error at column 10: Unresolved tag: tag:yaml.org,2002:js/function
        fix: content files do not use YAML tags: put text that starts with ! in double quotes

      1 problem in 1 file"
    `);
  });

  test('refuses a file nested too deeply to read, without crashing', () => {
    expect(checkCase('deep-nesting')).toMatchInlineSnapshot(`
      "content/registry/deep.yaml:1  the file nests lists or blocks more deeply than the reader can follow
        fix: content files nest a few levels at most: look for a long run of [ or { characters, or check that the right file was saved here

      1 problem in 1 file"
    `);
  });

  test('refuses .nan and .inf as counts', () => {
    expect(checkCase('non-finite-counts')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:30  reports.0.data.lbcl-evaluable.borr.events  events should be a number, but it is .nan ("not a number" in YAML)
        fix: events must be a whole number
      content/trials/alpha-cel.md:44  reports.1.data.lbcl-evaluable.bcrr.n  n should be a number, but it is .inf (infinity in YAML)
        fix: n must be a whole number

      2 problems in 1 file"
    `);
  });

  test('refuses a count too large to be read exactly', () => {
    expect(checkCase('count-too-large')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:32  reports.0.data.all.borr.n  n (90071992547409940) is too large to be read exactly
        fix: check the number for extra digits

      1 problem in 1 file"
    `);
  });

  test('refuses a TODO left from the template', () => {
    expect(checkCase('placeholder-left')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:7  characteristics.cell_source  cell_source still holds the placeholder TODO
        fix: replace TODO: Where the cells come from, e.g. "peripheral blood of healthy donors", "iPSC", "cord blood" ["text"]

      1 problem in 1 file"
    `);
  });

  test('refuses front matter that is never closed', () => {
    expect(checkCase('front-matter-not-closed')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:1  the front matter that starts on this line is never closed
        fix: add a line with three dashes (---) after the last field, before the notes

      1 problem in 1 file"
    `);
  });

  test('refuses a YAML file that holds a list instead of fields', () => {
    expect(checkCase('search-is-a-list')).toMatchInlineSnapshot(`
      "content/searches/release-1.yaml:1  the file must hold fields (lines like "name: value"), but it holds a list
        fix: write one field per line as "name: value"; npm run fields lists the fields of each kind of file

      1 problem in 1 file"
    `);
  });

  test('refuses a content folder without review.yaml', () => {
    expect(checkCase('review-missing')).toMatchInlineSnapshot(`
      "content/review.yaml  review.yaml is missing: every content folder needs the protocol file
        fix: create review.yaml (question, outcomes, subgroups, releases); npm run fields lists its fields

      1 problem in 1 file"
    `);
  });

  test('reports a folder inside trials/ that is not read', () => {
    expect(checkCase('folder-in-trials')).toMatchInlineSnapshot(`
      "content/trials/archive  the folder trials/archive is not read: files in trials/ are not looked for in sub-folders
        fix: move its files up into trials/, or move the folder out of the content folder

      1 problem in 1 file"
    `);
  });

  test('refuses a trial file name that cannot be a page address', () => {
    expect(checkCase('bad-file-name')).toMatchInlineSnapshot(`
      "content/trials/Gamma Cel.md  the file name "Gamma Cel.md" cannot be used as a trial slug (it becomes the page address)
        fix: rename the file using lower-case letters, digits, "-" or "_", starting with a letter (for example smith-2024.md)

      1 problem in 1 file"
    `);
  });
});

describe('npm run check on references and consistency', () => {
  test('refuses two cohorts with one id', () => {
    expect(checkCase('duplicate-cohort-id')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:19  cohorts.1.id  two cohorts of this trial have the id "all" (the first on line 16)
        fix: give each cohort its own id; reports name the cohort their numbers belong to
      content/trials/beta-nk.md:34  reports.0.data.all-infused  the numbers are under cohort "all-infused", which this trial does not define
        fix: use a cohort id from the trial's cohorts (all), or add the cohort under cohorts

      2 problems in 1 file"
    `);
  });

  test('refuses a registration listed twice in one trial', () => {
    expect(checkCase('registration-twice-in-file')).toMatchInlineSnapshot(`
      "content/trials/gamma-cel.md:3  registrations.2  NCT00000003 is listed twice in registrations (first on line 3)
        fix: remove the second one

      1 problem in 1 file"
    `);
  });

  test('refuses a report superseded by an excluded report', () => {
    expect(checkCase('superseded-by-excluded')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:26  reports.0.superseded_by  superseded_by names "jco-2025", a report with status excluded
        fix: a report is replaced by a report the analysis uses: name a primary (or later superseded) report, or change the status of this one

      1 problem in 1 file"
    `);
  });

  test('asks a superseded report for the report that replaces it', () => {
    expect(checkCase('superseded-without-successor')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:19  reports.0.superseded_by  a superseded report must name the report that replaces it (superseded_by: <report id>)
        fix: add "superseded_by:" — With status superseded: the id of the report that replaces it

      1 problem in 1 file"
    `);
  });

  test('asks a described trial for its reason', () => {
    expect(checkCase('status-reason-missing')).toMatchInlineSnapshot(`
      "content/trials/gamma-cel.md:2  status_reason  a trial with status described needs a status_reason
        fix: add "status_reason:" — Why the trial is described only or excluded

      1 problem in 1 file"
    `);
  });

  test("reports a release whose cut-off is before the previous release's, and the reports it strands", () => {
    expect(checkCase('release-cutoffs-out-of-order')).toMatchInlineSnapshot(`
      "content/review.yaml:167  releases.1.cutoff  release 2 has its cut-off on 2024-12-31, before the cut-off of release 1 (2025-01-12)
        fix: each release searches up to a later date than the one before it: check both cut-offs
      content/trials/alpha-cel.md:38  reports.1.date  the report is dated 2025-09-01, after the cut-off of release 2 (2024-12-31)
        fix: check the date; if it is right, the report belongs to a release after the last one in review.yaml: add that release first
      content/trials/gamma-cel.md:20  reports.0.date  the report is dated 2026-03, after the cut-off of release 2 (2024-12-31)
        fix: check the date; if it is right, the report belongs to a release after the last one in review.yaml: add that release first

      3 problems in 3 files"
    `);
  });

  test('reports two releases naming one search', () => {
    expect(checkCase('release-search-shared')).toMatchInlineSnapshot(`
      "content/review.yaml:168  releases.1.search  releases 1 and 2 both name the search "release-1"
        fix: each release has its own search run: add a search file for this release and name it here
      content/searches/release-2.yaml:1  release  the search says it belongs to release 2, but review.yaml names the search "release-1" for release 2, not "release-2"
        fix: correct release: here, or write search: release-2 under release 2 in review.yaml

      2 problems in 2 files"
    `);
  });

  test('reports a search that claims a release naming another search', () => {
    expect(checkCase('search-not-named')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:1  release  the search says it belongs to release 1, but review.yaml names the search "release-1" for release 1, not "release-2"
        fix: correct release: here, or write search: release-2 under release 1 in review.yaml

      1 problem in 1 file"
    `);
  });

  test('reports more new studies than new reports', () => {
    expect(checkCase('prisma-studies-over-reports')).toMatchInlineSnapshot(`
      "content/searches/release-2.yaml:17  new_studies_included  new_studies_included (4) is larger than new_reports_included (3)
        fix: every new study comes with at least one report: check both counts

      1 problem in 1 file"
    `);
  });

  test('reports an outcome whose population review.yaml does not define', () => {
    expect(checkCase('outcome-population-unknown')).toMatchInlineSnapshot(`
      "content/review.yaml:33  outcomes.2.population  the outcome's population "infused" is not one of the review's populations
        fix: use a population id defined under populations: efficacy, safety

      1 problem in 1 file"
    `);
  });

  test('reports two outcomes, or two levels of a subgroup, with one id', () => {
    expect(checkCase('review-duplicate-ids')).toMatchInlineSnapshot(`
      "content/review.yaml:34  outcomes.3.id  two outcomes have the id "borr" (the first on line 19)
        fix: give each of the outcomes its own id: trial files name them by id, so two with one id cannot be told apart
      content/review.yaml:165  subgroups.0.levels.2.id  two levels of modality have the id "car_t" (the first on line 160)
        fix: give each of the levels of modality its own id: trial files name them by id, so two with one id cannot be told apart

      2 problems in 1 file"
    `);
  });
});

describe('npm run check on review-declared characteristics, labels and populations', () => {
  test('refuses a number under a cohort of another population (it would be pooled nowhere)', () => {
    expect(checkCase('outcome-in-other-population')).toMatchInlineSnapshot(`
      "content/trials/alpha-cel.md:47  reports.1.data.infused.bcrr  bcrr is pooled in the population efficacy, but cohort infused represents safety, so this number would be pooled nowhere
        fix: move the number under a cohort of population efficacy (add one under cohorts if needed), or check the outcome id

      1 problem in 1 file"
    `);
  });

  test('refuses two studies with the same label', () => {
    expect(checkCase('duplicate-study-label')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:2  label  the study label "alpha-cel" is also the label of content/trials/alpha-cel.md; readers could not tell the two apart in tables and plots
        fix: make each label unique, e.g. "Author 2024a" and "Author 2024b", or add the product or cohort

      1 problem in 1 file"
    `);
  });

  test('checks each characteristic value against its declaration: type, range, whole numbers, known ids', () => {
    expect(checkCase('characteristic-wrong-values')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:11  characteristics.histologies  histologies is a list characteristic, but "DLBCL" is not a list of text
        fix: write it as ["first item", "second item"]
      content/trials/beta-nk.md:12  characteristics.min_prior_lines  min_prior_lines is 2.5, not a whole number
        fix: check the value against the source; review.yaml allows whole numbers of at least 0
      content/trials/beta-nk.md:13  characteristics.median_age  median_age is 430, above the largest value allowed (120)
        fix: check the value against the source; review.yaml allows from 0 to 120
      content/trials/beta-nk.md:14  characteristics.prior_car_t_allowed  prior_car_t_allowed is a boolean characteristic, but "no" is not true or false
        fix: write it as true or false
      content/trials/beta-nk.md:16  characteristics.median_agee  "median_agee" is not a characteristic review.yaml declares for trial files
        fix: did you mean "median_age"? use one of: cell_type, cell_source, target, histologies, min_prior_lines, prior_allo_hsct_allowed, prior_car_t_allowed, median_age, engineering, dosing, eligibility_notes, or declare it under characteristics in review.yaml

      5 problems in 1 file"
    `);
  });

  test('lets a cohort give only the characteristics declared per_cohort', () => {
    expect(checkCase('characteristic-not-per-cohort')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:19  cohorts.0.characteristics.target  "target" is a characteristic of the whole trial; a cohort cannot give its own value
        fix: give it under the trial's characteristics, or declare it with per_cohort: true in review.yaml

      1 problem in 1 file"
    `);
  });

  test('asks for a registration when the review requires one', () => {
    expect(checkCase('registration-missing')).toMatchInlineSnapshot(`
      "content/trials/gamma-cel.md:3  registrations  this review requires a registration number for every study (review.yaml: studies.registration: required), and none is given
        fix: add registrations: [NCT01234567] (or a ChiCTR, EudraCT, jRCT, ACTRN or ISRCTN number)

      1 problem in 1 file"
    `);
  });

  test('refuses a subgroup variable whose characteristic is not a declared category', () => {
    expect(checkCase('subgroup-characteristic-unknown')).toMatchInlineSnapshot(`
      "content/review.yaml:152  subgroups.0.characteristic  subgroup variable modality refers to "cell_typ", which is not a category characteristic of trial files
        fix: did you mean "cell_type"? use one of the category characteristics: cell_type

      1 problem in 1 file"
    `);
  });

  test('refuses a meta-regression on a characteristic the review does not declare, or for an unknown outcome', () => {
    expect(checkCase('meta-regression-moderator-unknown')).toMatchInlineSnapshot(`
      "content/review.yaml:162  meta_regression.0.moderators.0  meta-regression by-age uses "median_ag", which is not a number, category or yes/no characteristic of trial files
        fix: did you mean "median_age"? use one of: cell_type, min_prior_lines, prior_allo_hsct_allowed, prior_car_t_allowed, median_age
      content/review.yaml:163  meta_regression.0.outcomes.1  meta-regression by-age names the outcome "response", which review.yaml does not define
        fix: use one of: borr, bcrr, crs_g3, or leave outcomes out to fit it for every outcome

      2 problems in 1 file"
    `);
  });

  test('refuses a binomial model (GLMM) on another scale than the logit, or with the ad hoc Hartung-Knapp interval', () => {
    expect(checkCase('glmm-needs-logit')).toMatchInlineSnapshot(`
      "content/review.yaml:35  analysis.transform  transform "PAS" is not accepted
        fix: method GLMM models the counts on the logit scale: set transform: PLO (or choose another method)
      content/review.yaml:37  analysis.ci  ci "hk-adhoc" is not accepted
        fix: method GLMM takes ci z or hk (a t distribution on k − 1 df), not hk-adhoc

      2 problems in 1 file"
    `);
  });

  test('refuses a subgroup variable that would silently leave a level of its characteristic out', () => {
    expect(checkCase('subgroup-level-left-out')).toMatchInlineSnapshot(`
      "content/review.yaml:154  subgroups.0.levels  subgroup variable modality places no trial with "car_nkt": this level of its characteristic is in none of its levels, so those trials would be pooled overall but silently left out of every subgroup
        fix: add it to the includes of a level, or add a level for it

      1 problem in 1 file"
    `);
  });

  test('checks the declarations themselves: fields of another type, a category without levels, a filter on text', () => {
    expect(checkCase('characteristic-declaration-wrong')).toMatchInlineSnapshot(`
      "content/review.yaml:130  characteristics.9.unit  unit "years" is not accepted
        fix: unit belongs to a number characteristic; remove it or change the type to number
      content/review.yaml:131  characteristics.9.show.1  show entry 2 "filter" is not accepted
        fix: a text characteristic cannot be a filter (only category, list and boolean ones); remove filter from show
      content/review.yaml:132  characteristics.10.levels  a category characteristic needs levels: a list of {id, label}, at least two
        fix: add "levels:" — With type category: the values a study can take (at least two)

      3 problems in 1 file"
    `);
  });

  test('refuses a year-month date that is not on the calendar', () => {
    expect(checkCase('partial-date-not-real')).toMatchInlineSnapshot(`
      "content/trials/gamma-cel.md:20  reports.0.date  date "2026-13" is not accepted
        fix: this is not a real calendar date; check the day and month

      1 problem in 1 file"
    `);
  });

  test('refuses a phase outside the vocabulary and says how to write another', () => {
    expect(checkCase('phase-not-in-vocabulary')).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:13  phase  phase "1b/3" is not in a form this field accepts
        fix: write one of: 0, 1, 1a, 1b, 1/2, 1b/2, 2, 2a, 2b, 2/3, 3, 4, observational, not_applicable or {other, reason}

      1 problem in 1 file"
    `);
  });
});

test('accepts ordinary Markdown notes: web, e-mail and relative links, comparisons, code and a prose "[label]:"', () => {
  const root = makeContentRoot();
  const file = path.join(root, 'trials/beta-nk.md');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}
Responses were higher when p<0.05 and n < 10 > 5; see [the abstract](https://example.org/a?x=1&y=2),
[the curators](mailto:curators@example.org), the [trials page](/trials/) and [Table 2][t2].

[t2]: https://example.org/table-2 "Table 2"

[Note]: Table 3 gives the grade 3 events. The field is \`modality: car_nk\`.

\`\`\`yaml
data: {all: {borr: nd}}
\`\`\`
`,
  );
  expect(problemsOf(root)).toBe('');
});
