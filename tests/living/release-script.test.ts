import { afterAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { spawnSync } from 'node:child_process';
import { appendRelease, citationFor, searchTemplate, shellQuote, updateCitation, writeAll } from '../../scripts/release.ts';
import { readLock } from '../../src/lib/review/release-lock-fs.ts';
import { makeContentRoot, problemsOf, removeContentRoots, REPO_ROOT } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

afterAll(removeContentRoots);

/** A temp copy of the test content with its own CITATION.cff (a review folder other than the repository's content/ keeps it inside). */
function setUp() {
  const root = makeContentRoot();
  const citation = path.join(root, 'CITATION.cff');
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
    expect(r.stdout).toMatch(/git add '\S+review\.yaml' '\S+release-3\.yaml' '\S+releases\/3\.lock\.json' '\S+CITATION\.cff'/);
    // The release is locked as it was cut: evidence, method, pooled numbers and chapters.
    const lock = readLock(root, 3)!;
    expect(lock.release).toBe(3);
    expect(lock.method.method).toBe('REML');
    expect(Object.keys(lock.chapters)).toEqual(['introduction']);
    expect(lock.evidence.map((e) => `${e.trial} ${e.report}`)).toEqual(['alpha-cel jco-2025', 'beta-nk ash-2024']);
    expect(r.stdout).toContain(`git commit -m 'Release 3: Second update: "nothing" new'`);
  });

  test('prints a commit command the shell takes as it is', () => {
    const { root } = setUp();
    addSearchLog(root);
    const summary = `it's $(touch /tmp/pwned) and \`id\` "quoted"`;
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30', '--summary', summary);
    expect(r.status).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('git commit -m'))!;
    expect(line.trim()).toBe(`git commit -m ${shellQuote(`Release 3: ${summary}`)}`);
    const echoed = spawnSync('sh', ['-c', `printf %s ${shellQuote(`Release 3: ${summary}`)}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(`Release 3: ${summary}`);
  });

  test('refuses --citation that is not the review\'s own CITATION.cff, changing nothing', () => {
    const { root, review, before } = setUp();
    addSearchLog(root);
    const pkg = path.join(REPO_ROOT, 'package.json');
    const pkgBefore = readFileSync(pkg, 'utf8');
    for (const [citation, expected] of [
      [pkg, 'only a file named CITATION.cff can be updated, never package.json'],
      [path.join(root, 'missing/CITATION.cff'), "the review's citation file is"],
      [path.join(REPO_ROOT, 'CITATION.cff'), 'a review keeps its own CITATION.cff'],
    ] as const) {
      const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30', '--citation', citation);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(expected);
      expect(readFileSync(review, 'utf8')).toBe(before);
      expect(existsSync(path.join(root, 'releases/3.lock.json'))).toBe(false);
    }
    expect(readFileSync(pkg, 'utf8')).toBe(pkgBefore);
  });

  test('a review folder without a CITATION.cff gets its own, never the repository\'s', () => {
    const root = makeContentRoot();
    addSearchLog(root);
    const repoCitation = readFileSync(path.join(REPO_ROOT, 'CITATION.cff'), 'utf8');
    const r = release(root, '--date', '2026-12-01', '--cutoff', '2026-11-30');
    expect(r.status).toBe(0);
    const cff = parse(readFileSync(path.join(root, 'CITATION.cff'), 'utf8'));
    expect(cff.version).toBe('3');
    expect(cff.title).toBe('Allogeneic CAR cells in lymphoma: a test review');
    expect(readFileSync(path.join(REPO_ROOT, 'CITATION.cff'), 'utf8')).toBe(repoCitation);
    expect(citationFor(path.join(REPO_ROOT, 'content'), REPO_ROOT)).toEqual({ file: path.join(REPO_ROOT, 'CITATION.cff') });
    expect(citationFor(path.join(REPO_ROOT, 'examples/pritz1997'), REPO_ROOT)).toEqual({ file: path.join(REPO_ROOT, 'examples/pritz1997/CITATION.cff') });
  });

  test('writes all or nothing: a failure while renaming puts back the files already replaced', () => {
    const { root, review, before } = setUp();
    const created = path.join(root, 'releases/9.lock.json');
    // The last target is a folder: its rename fails after review.yaml and the new lock were renamed into place.
    const folder = path.join(root, 'chapters');
    expect(() =>
      writeAll([
        { file: review, text: 'changed' },
        { file: created, text: '{}' },
        { file: folder, text: 'x' },
      ]),
    ).toThrow();
    expect(readFileSync(review, 'utf8')).toBe(before);
    expect(existsSync(created)).toBe(false);
    expect(readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(path.join(root, 'releases')).filter((f) => f.includes('.tmp-'))).toEqual([]);
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
