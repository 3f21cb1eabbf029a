/**
 * Content files as files: a symbolic link (to a file or a folder, inside the content folder or
 * outside it) is refused without being opened, and nothing that is not a curator's file (a key
 * or a password file pasted in, a long line) is printed back beyond a short piece of one line.
 * Links are made at test time in a temp copy of the valid base (git would store them, but a
 * copy of the catalogue would follow them).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkCase, makeContentRoot, problemsOf, removeContentRoots, REPO_ROOT } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';
import { quoteLine, shortDetail } from '../../src/lib/content/messages-files.ts';

const SECRET = 'not-a-real-secret-but-it-must-never-be-printed';
const made: string[] = [];
afterAll(() => {
  removeContentRoots();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder outside any content root holding a "secrets" file, as a stranger's link would point to. */
function outsideSecrets(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'review-outside-'));
  made.push(dir);
  const file = path.join(dir, 'secrets.env');
  writeFileSync(file, `API_TOKEN=${SECRET}\nPASSWORD=${SECRET}\n`);
  return { dir, file };
}

describe('a content file that is a symbolic link', () => {
  test('to a file outside the content folder is refused, naming the file and the fix, and its text is never printed', () => {
    const root = makeContentRoot();
    const { file } = outsideSecrets();
    symlinkSync(file, path.join(root, 'trials/zeta.md'));
    symlinkSync(file, path.join(root, 'registry/nct00000009.yaml'));
    const problems = problemsOf(root);
    expect(problems).toMatchInlineSnapshot(`
      "content/registry/nct00000009.yaml  the file is a symbolic link to a file outside the content folder; content files are read only as files of their own, so it was not read
        fix: replace the link with the file itself (copy the file into the content folder and commit that)
      content/trials/zeta.md  the file is a symbolic link to a file outside the content folder; content files are read only as files of their own, so it was not read
        fix: replace the link with the file itself (copy the file into the content folder and commit that)

      2 problems in 2 files"
    `);
    const run = runScript('check.ts', ['--content', root]);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(file);
  });

  test('to another file of the content folder is refused too', () => {
    const root = makeContentRoot();
    symlinkSync(path.join(root, 'trials/alpha-cel.md'), path.join(root, 'trials/alpha-copy.md'));
    symlinkSync('release-1.yaml', path.join(root, 'searches/release-3.yaml'));
    expect(problemsOf(root)).toMatchInlineSnapshot(`
      "content/searches/release-3.yaml  the file is a symbolic link; content files are read only as files of their own, so it was not read
        fix: replace the link with the file itself (copy the file into the content folder and commit that)
      content/trials/alpha-copy.md  the file is a symbolic link; content files are read only as files of their own, so it was not read
        fix: replace the link with the file itself (copy the file into the content folder and commit that)

      2 problems in 2 files"
    `);
  });

  test('review.yaml as a link is refused, and the review is not read through it', () => {
    const root = makeContentRoot();
    const { dir } = outsideSecrets();
    cpSync(path.join(root, 'review.yaml'), path.join(dir, 'review.yaml'));
    rmSync(path.join(root, 'review.yaml'));
    symlinkSync(path.join(dir, 'review.yaml'), path.join(root, 'review.yaml'));
    expect(problemsOf(root).split('\n').slice(0, 2).join('\n')).toMatchInlineSnapshot(`
      "content/review.yaml  the file is a symbolic link to a file outside the content folder; content files are read only as files of their own, so it was not read
        fix: replace the link with the file itself (copy the file into the content folder and commit that)"
    `);
  });

  test('a folder of the content folder that is a link is refused, and nothing in it is read', () => {
    const root = makeContentRoot();
    const { dir } = outsideSecrets();
    writeFileSync(path.join(dir, 'nct00000009.yaml'), `registration: NCT00000009\nlabel: "${SECRET}"\n`);
    rmSync(path.join(root, 'registry'), { recursive: true });
    symlinkSync(dir, path.join(root, 'registry'));
    const problems = problemsOf(root);
    expect(problems).toContain(
      'content/registry  the folder registry/ is a symbolic link; content is read only from folders of the content folder\'s own, so nothing in it was read\n  fix: replace the link with the folder itself (copy the files into registry/ and commit them)',
    );
    expect(problems).not.toContain(SECRET);
  });

  test('is never opened: a link to a pipe no one writes to does not hang the check', () => {
    const { dir } = outsideSecrets();
    const fifo = path.join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this machine
    const root = makeContentRoot();
    symlinkSync(fifo, path.join(root, 'trials/zeta.md'));
    expect(problemsOf(root)).toContain('content/trials/zeta.md  the file is a symbolic link to a file outside the content folder');
  });

  test('a pipe in the content folder is refused as not a file, without waiting for a writer', () => {
    const root = makeContentRoot();
    if (spawnSync('mkfifo', [path.join(root, 'trials/pipe.md')]).status !== 0) return;
    expect(problemsOf(root)).toMatchInlineSnapshot(`
      "content/trials/pipe.md  this is not a file (a pipe, a socket or a device), so it was not read
        fix: remove it; content files are plain text files

      1 problem in 1 file"
    `);
  });
});

describe('a file that is not a curator\'s file is not printed back', () => {
  test('a secrets file pasted over a search log shows 20 characters of its first line', () => {
    const problems = checkCase('secrets-pasted-as-search');
    expect(problems).toMatchInlineSnapshot(`
      "content/searches/release-1.yaml:1  the file holds no fields, only text (its first line starts "EXAMPLE_API_TOKEN=n…"); only a few characters are shown, in case it is a file put here by mistake
        fix: check that the right file was saved here; a content file holds one field per line as "name: value" (npm run fields lists them)

      1 problem in 1 file"
    `);
    expect(problems).not.toMatch(/not-a-real-token|PASSWORD|PRIVATE KEY/);
  });

  test('a secrets file pasted into a trial\'s front matter, the same', () => {
    const problems = checkCase('secrets-pasted-as-trial');
    expect(problems).toMatchInlineSnapshot(`
      "content/trials/beta-nk.md:4  this line starts with three dashes but is not the closing --- line; the site reads the front matter as ending here, the checks would not
        fix: close the front matter with a line of exactly three dashes (---), and do not start any other front-matter line with --- or +++

      1 problem in 1 file"
    `);
    expect(problems).not.toMatch(/not-a-real-token|PASSWORD|PRIVATE KEY/);
  });

  test('a YAML error that quotes its line quotes at most a short piece of it', () => {
    const problems = checkCase('yaml-error-quotes-long-line');
    expect(problems).toMatchInlineSnapshot(`
      "content/registry/nct00000001.yaml:3  YAML syntax error at column 9: Block scalar header includes extra characters: |xNOT-A-REAL-SECRET-NOT-A-REAL-SECRET-NOT-A-REAL-SEC…
        fix: remove or quote the unexpected character; text starting with [ { * & ! | > % @ or \` must be in double quotes

      1 problem in 1 file"
    `);
    expect(problems.match(/NOT-A-REAL-SECRET/g)!.length).toBeLessThan(4);
  });

  test('quoteLine and shortDetail keep one line, cut short, with control characters shown', () => {
    expect(quoteLine('first line is long enough to be cut\nsecond line')).toBe('"first line is long …"');
    expect(quoteLine('\u001b[2Jclear')).toBe('"[U+001B][2Jclear"');
    expect(shortDetail(`x${'y'.repeat(200)}\nnext`)).toHaveLength(100);
    expect(shortDetail('a\u009bb')).not.toContain('\u009b');
  });
});

describe('npm run impact prints no file text beyond the problems\' short quotes', () => {
  test('a trial linked to a secrets file is refused in the report, and its text is not in it', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'review-impact-'));
    made.push(scratch);
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: scratch, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    git('init', '-q');
    cpSync(makeContentRoot(), path.join(scratch, 'content'), { recursive: true });
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const { file } = outsideSecrets();
    symlinkSync(file, path.join(scratch, 'content/trials/zeta.md'));
    mkdirSync(path.join(scratch, 'content/searches'), { recursive: true });
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/impact.ts'), '--base', 'HEAD', '--content', 'content'], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, REVIEW_CONTENT: undefined },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('content/trials/zeta.md  the file is a symbolic link to a file outside the content folder');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});

test('refuses a front-matter line that starts with --- but is not the closing fence (the site would end the front matter there)', () => {
  expect(checkCase('front-matter-stray-fence')).toMatchInlineSnapshot(`
    "content/trials/beta-nk.md:14  this line starts with three dashes but is not the closing --- line; the site reads the front matter as ending here, the checks would not
      fix: close the front matter with a line of exactly three dashes (---), and do not start any other front-matter line with --- or +++

    1 problem in 1 file"
  `);
});
