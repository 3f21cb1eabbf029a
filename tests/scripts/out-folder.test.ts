/**
 * Where the scripts may write a folder (scripts/lib/out-folder.ts): never the repository, the
 * content folder, a folder above them or a folder of other files. The build is run in a scratch
 * repository (git init, a copy of the small fixture review), never in this one; every refusal
 * comes before Astro starts, so these runs take seconds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILD_MARKER, isSameOrAncestor, outFolderRefusal, protectedPlaceRefusal, realPathOf, SYNTH_MARKER } from '../../scripts/lib/out-folder.ts';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';

const TSX_CLI = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
let scratch: string;

/** Runs a script of this repository from the scratch repository, as `npm run` would there. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [TSX_CLI, path.join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, REVIEW_CONTENT: 'content', ...env },
    timeout: 60_000,
  });
}

/** Every file under `dir` with its text, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = readFileSync(file, 'latin1');
    }
  }
  return out;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'review-scratch-'));
  cpSync(GOOD_CONTENT, path.join(scratch, 'content'), { recursive: true });
  writeFileSync(path.join(scratch, 'notes.txt'), 'uncommitted work\n');
  const git = spawnSync('git', ['init', '-q'], { cwd: scratch });
  expect(git.status).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run build -- --out', () => {
  test.each([
    [['--out', '.'], 'is the repository, which would be replaced'],
    [['--out=.'], 'is the repository, which would be replaced'],
    [['--out', './'], 'is the repository, which would be replaced'],
    [['--out', 'content'], 'is the content folder, which would be replaced'],
    [['--out', 'content/trials'], 'is inside the content folder'],
    [['--out', '..'], 'holds the repository, which would be replaced'],
    [['--out', '/'], 'holds the repository, which would be replaced'],
    [['--out', '.git'], 'is inside the repository’s .git folder'],
  ])('refuses %j with exit 2, and leaves the checkout (.git and uncommitted files) as it was', (args, message) => {
    const before = snapshot(scratch);
    const result = run('build.ts', args);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('fix: choose a new or empty folder');
    expect(result.stdout).not.toContain('Built');
    expect(snapshot(scratch)).toEqual(before);
    expect(existsSync(path.join(scratch, '.git/HEAD'))).toBe(true);
    expect(readdirSync(scratch).sort()).toEqual(['.git', 'content', 'notes.txt']);
  });

  test('refuses a folder of other files, and a link to the checkout', () => {
    const other = path.join(scratch, '..', `${path.basename(scratch)}-other`);
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'keep.txt'), 'mine\n');
    const link = `${scratch}-link`;
    symlinkSync(scratch, link);
    try {
      const refused = run('build.ts', [`--out=${other}`]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`--out "${other}" is a folder with other files in it (no ${BUILD_MARKER} file says it is an earlier output of this command)`);
      expect(readFileSync(path.join(other, 'keep.txt'), 'utf8')).toBe('mine\n');
      const linked = run('build.ts', ['--out', link]);
      expect(linked.status).toBe(2);
      expect(linked.stderr).toContain('is the repository');
    } finally {
      rmSync(other, { recursive: true, force: true });
      rmSync(link, { force: true });
    }
  });
});

describe('npm run synth -- --out', () => {
  test('refuses the content folder and a folder of other files; replaces only its own output', () => {
    const refused = run('synth.ts', ['--trials', '2', '--out', 'content']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--out "content" is the content folder');
    const out = path.join(scratch, '..', `${path.basename(scratch)}-synth`);
    try {
      expect(run('synth.ts', ['--trials', '2', `--out=${out}`]).status).toBe(0);
      expect(existsSync(path.join(out, SYNTH_MARKER))).toBe(true);
      // again: its own output is replaced
      expect(run('synth.ts', ['--trials', '3', '--out', out]).status).toBe(0);
      rmSync(path.join(out, SYNTH_MARKER));
      const again = run('synth.ts', ['--trials', '2', '--out', out]);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('is a folder with other files in it');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('npm run new-review, pool and fields write nowhere protected', () => {
  test('new-review refuses a folder above the repository even when it would add to it', () => {
    const result = run('new-review.ts', ['..']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('holds the repository');
  });

  test('pool --out and fields --out refuse a file inside the content folder', () => {
    const before = snapshot(path.join(scratch, 'content'));
    for (const script of ['pool.ts', 'field-reference.ts']) {
      const result = run(script, ['--out', 'content/review.yaml']);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain('--out "content/review.yaml" is inside the content folder');
      expect(result.stderr).toContain('fix: choose a file outside the content folder and .git');
    }
    expect(snapshot(path.join(scratch, 'content'))).toEqual(before);
  });
});

describe('outFolderRefusal', () => {
  const rules = (contentRoot: string) => ({ contentRoot, marker: BUILD_MARKER, option: '--out', repoRoot: REPO_ROOT });

  test('accepts a new folder, an empty one, and an earlier build (its marker)', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'review-out-'));
    try {
      expect(outFolderRefusal(path.join(parent, 'new/site'), rules(GOOD_CONTENT))).toBeUndefined();
      mkdirSync(path.join(parent, 'empty'));
      expect(outFolderRefusal(path.join(parent, 'empty'), rules(GOOD_CONTENT))).toBeUndefined();
      mkdirSync(path.join(parent, 'built'));
      writeFileSync(path.join(parent, 'built/index.html'), '');
      expect(outFolderRefusal(path.join(parent, 'built'), rules(GOOD_CONTENT))).toMatch(/is a folder with other files in it/);
      writeFileSync(path.join(parent, 'built', BUILD_MARKER), '');
      expect(outFolderRefusal(path.join(parent, 'built'), rules(GOOD_CONTENT))).toBeUndefined();
      writeFileSync(path.join(parent, 'file'), '');
      expect(outFolderRefusal(path.join(parent, 'file'), rules(GOOD_CONTENT))).toMatch(/is a file, not a folder/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('refuses the repository, its ancestors and the content folder wherever it is', () => {
    expect(protectedPlaceRefusal(REPO_ROOT, rules(GOOD_CONTENT))).toMatch(/is the repository/);
    expect(protectedPlaceRefusal(path.dirname(REPO_ROOT), rules(GOOD_CONTENT))).toMatch(/holds the repository/);
    expect(protectedPlaceRefusal(path.join(REPO_ROOT, 'tests'), rules(GOOD_CONTENT))).toMatch(/holds the content folder/);
    expect(protectedPlaceRefusal(path.join(REPO_ROOT, 'dist'), rules(GOOD_CONTENT))).toBeUndefined();
  });

  test('realPathOf and isSameOrAncestor', () => {
    expect(realPathOf('/no/such/place/at/all')).toBe('/no/such/place/at/all');
    expect(isSameOrAncestor('/a', '/a/b')).toBe(true);
    expect(isSameOrAncestor('/a/b', '/a')).toBe(false);
    expect(isSameOrAncestor('/a/b', '/a/bc')).toBe(false);
  });
});
