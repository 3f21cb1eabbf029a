import { afterAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { appendRelease, searchTemplate, updateCitation } from '../../scripts/release.ts';
import { makeContentRoot, problemsOf, removeContentRoots, REPO_ROOT } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

afterAll(removeContentRoots);

/** A temp copy of the test content with a CITATION.cff beside it. */
function setUp() {
  const root = makeContentRoot();
  const citation = path.join(path.dirname(root), 'CITATION.cff');
  copyFileSync(path.join(REPO_ROOT, 'CITATION.cff'), citation);
  return { root, citation, review: path.join(root, 'review.yaml'), before: readFileSync(path.join(root, 'review.yaml'), 'utf8') };
}
const release = (root: string, ...args: string[]) => runScript('release.ts', ['--content', root, ...args]);
/** The search log of release 3: the PRISMA template as the script prints it. */
const addSearchLog = (root: string) =>
  writeFileSync(path.join(root, 'searches/release-3.yaml'), searchTemplate(3, '2026-11-30', { release: 2, studies: 2, reports: 3 }));

describe('npm run release', () => {
  test('appends the release, keeps comments and formatting, and updates CITATION.cff', () => {
    const { root, citation, review, before } = setUp();
    addSearchLog(root);
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30', '--summary', 'Second update: "nothing" new');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = readFileSync(review, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      ['  - number: 3', '    date: 2026-12-01', '    cutoff: 2026-11-30', '    search: release-3', '    summary: "Second update: \\"nothing\\" new"', ''].join('\n'),
    );
    expect(problemsOf(root)).toBe('');
    const cff = parse(readFileSync(citation, 'utf8'));
    expect(cff.version).toBe('3');
    expect(cff['date-released']).toBe('2026-12-01');
    expect(cff['preferred-citation'].version).toBe('3');
    expect(cff['preferred-citation'].month).toBe(12);
    expect(cff.title).toBe('Allogeneic CAR cells in lymphoma: a test review');
    expect(r.stdout).toContain('Release 3 added to');
    expect(r.stdout).toMatch(/git add \S+review\.yaml \S+release-3\.yaml \S+CITATION\.cff/);
  });

  test('accepts reports that already name the coming release', () => {
    const { root } = setUp();
    addSearchLog(root);
    const trial = path.join(root, 'trials/beta-nk.md');
    writeFileSync(
      trial,
      readFileSync(trial, 'utf8').replace(
        '---\n\nComplete',
        [
          '  - id: paper-2026',
          '    citation: "Beta B, et al. Cord-blood CAR-NK cells in LBCL. Lancet Haematol 2026;13:e1-10."',
          '    url: "https://example.org/beta-2026"',
          '    type: full_article',
          '    date: 2026-10-01',
          '    release: 3',
          '    status: excluded',
          '    reason: "Same patients as the abstract, no new numbers"',
          '---\n\nComplete',
        ].join('\n'),
      ),
    );
    expect(problemsOf(root)).toContain('release 3');
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(problemsOf(root)).toBe('');
    expect(r.stdout).toContain('No --summary was given');
  });

  test('refuses dates that are not after the last release, changing nothing', () => {
    const { root, review, before, citation } = setUp();
    addSearchLog(root);
    const cff = readFileSync(citation, 'utf8');
    const r = release(root, '--date', '2026-09-15', '--cutoff', '2026-06-30');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--date 2026-09-15 is not after 2026-09-15, the date of release 2');
    expect(r.stderr).toContain('--cutoff 2026-06-30 is not after 2026-06-30, the search cut-off of release 2');
    expect(readFileSync(review, 'utf8')).toBe(before);
    expect(readFileSync(citation, 'utf8')).toBe(cff);
  });

  test('refuses a cut-off after the release date and a date that does not exist', () => {
    const { root } = setUp();
    addSearchLog(root);
    expect(release(root, '--date', '2026-12-01', '--cutoff', '2026-12-02').stderr).toContain('comes after the release date');
    const bad = release(root, '--date', '2026-02-30', '--cutoff', '2026-01-01');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a real calendar date');
  });

  test('without the search log, names the file to create and prints a PRISMA template', () => {
    const { root, review, before } = setUp();
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Release 3 needs its search log, and \S*searches\/release-3\.yaml does not exist/);
    expect(r.stderr).toContain('release: 3\ndate: 2026-11-30');
    // The fixture includes alpha-cel (abstract, then full article) and beta-nk as of release 2.
    expect(r.stderr).toMatch(/previous_studies: 2 +# studies included as of release 2/);
    expect(r.stderr).toMatch(/previous_reports: 3 +# their reports included as of release 2/);
    expect(readFileSync(review, 'utf8')).toBe(before);
    expect(existsSync(path.join(root, 'searches/release-3.yaml'))).toBe(false);
  });

  test('refuses content that does not validate, changing nothing', () => {
    const { root, review, before } = setUp();
    addSearchLog(root);
    const trial = path.join(root, 'trials/beta-nk.md');
    writeFileSync(trial, readFileSync(trial, 'utf8').replace('borr: {events: 3, n: 9,', 'borr: {events: 30, n: 9,'));
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/trials\/beta-nk\.md:\d+ +reports\.0\.data\.all\.borr\.events/);
    expect(r.stderr).toContain('Release 3 was not added');
    expect(readFileSync(review, 'utf8')).toBe(before);
  });

  test('the template validates as printed', () => {
    const { root } = setUp();
    addSearchLog(root);
    writeFileSync(path.join(root, 'review.yaml'), appendRelease(readFileSync(path.join(root, 'review.yaml'), 'utf8'), { number: 3, date: '2026-12-01', cutoff: '2026-11-30', search: 'release-3' }));
    expect(problemsOf(root)).toBe('');
  });
});

describe('updateCitation', () => {
  test('keeps the quoting and comments of the file', () => {
    const text = '# note\ncff-version: 1.2.0\ntitle: "Old"\nversion: "1"\ndate-released: 2025-06-01\n';
    expect(updateCitation(text, { number: 2, date: '2026-09-15' }, 'New')).toBe('# note\ncff-version: 1.2.0\ntitle: "New"\nversion: "2"\ndate-released: 2026-09-15\n');
  });
});
