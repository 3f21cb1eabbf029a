/**
 * Helpers for the tests that build a whole site: a temp folder per test file, a build of a
 * content root into it with `npm run build -- --out <dir>` (its own pooled results and Astro
 * cache beside it), and the files of a built site.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

/** A fresh temp folder; `remove` deletes every folder made so far (call it from afterAll). */
export function tempFolders(prefix: string): { make: () => string; remove: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    remove: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the content under `root` into `out`; fails the test with the build's output if the
 * build fails. Returns what the build printed (stdout, then stderr).
 */
export function buildSite(root: string, out: string, env: Record<string, string> = {}): string {
  // As npm runs it (tsx scripts/build.ts), with the Node running the tests and a generous time
  // limit: the tests that build run beside the rest of the suite.
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/build.ts'), '--out', out], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, REVIEW_CONTENT: root, ...env },
    timeout: 170_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.status, `npm run build -- --out ${out} failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`).toBe(0);
  return `${run.stdout}\n${run.stderr}`;
}

/**
 * The lines of a build's output that are warnings: Astro's and Vite's `[WARN]` lines and the
 * bundler's `(!)` notices. A clean build prints none; it prints only what a curator can act on.
 */
export function buildWarnings(output: string): string[] {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').filter((line) => /\[WARN\]|^\(!\)/.test(line.trim()));
}

/** Every file under `dir`, as sorted paths relative to it with / separators. */
export function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
