/**
 * The build refuses every case of the bad-input catalogue (tests/fixtures/bad-content) with the
 * same problems `npm run check` prints, and leaves nothing behind: no site, no pooled data, no
 * staging folder. In process for every case (the build stops in `poolReview`), and as a real
 * `npm run build -- --out <dir>` for a few: there Astro has started beside the reading, and is
 * stopped without a line of its output shown.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { poolReview } from '../../scripts/pool.ts';
import { ContentError, formatProblems } from '../../src/lib/content/index.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { BAD_CONTENT, makeContentRoot, removeContentRoots } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

const cases = readdirSync(BAD_CONTENT).sort();
const outParents: string[] = [];

afterAll(() => {
  removeContentRoots();
  for (const dir of outParents.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What npm run check prints for a root, with the root named as the build names it. */
function checkOutput(root: string): string {
  return formatProblems(validateContent(readContent(root)).problems);
}

describe('the build refuses every case of the catalogue', () => {
  test.each(cases)('%s', (name) => {
    const root = makeContentRoot(name);
    const expected = checkOutput(root);
    expect(expected, 'npm run check finds problems').not.toBe('');
    let thrown: unknown;
    try {
      poolReview(root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect(formatProblems((thrown as ContentError).problems)).toBe(expected);
  });
});

describe('npm run build -- --out <dir> on broken content', () => {
  /** A fresh parent folder for the output, so anything the build leaves in it shows. */
  function outDir(): { parent: string; out: string } {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'review-build-'));
    outParents.push(parent);
    return { parent, out: path.join(parent, 'site') };
  }

  const expectRefusal = (name: string, out: string) => {
    const root = makeContentRoot(name);
    const run = runScript('build.ts', ['--out', out], { REVIEW_CONTENT: root });
    expect(run.status, run.stderr).toBe(1);
    // file:line, field, message and fix, exactly as npm run check words them
    expect(run.stderr).toContain(checkOutput(root));
    expect(run.stderr).toContain('The site was not built');
    expect(`${run.stdout}\n${run.stderr}`, "none of Astro's output").not.toMatch(/\[(build|content|types|vite)\]/);
    expect(`${run.stdout}\n${run.stderr}`, 'no stack trace').not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m);
    return run;
  };

  test('exits 1 naming file, line, field and fix, and leaves no site, data or staging folder', () => {
    const { parent, out } = outDir();
    const run = expectRefusal('events-exceed-n', out);
    expect(run.stderr).toMatch(/trials\/alpha-cel\.md:43 {2}reports\.1\.data\.lbcl-evaluable\.borr\.events {2}events \(14\) is larger than n \(12\)\n {2}fix: /);
    expect(readdirSync(parent)).toEqual([]);
  });

  test('refuses script in a text field the same way', () => {
    const { parent, out } = outDir();
    const run = expectRefusal('encoded-javascript-link-in-notes', out);
    expect(run.stderr).toMatch(/trials\/beta-nk\.md:38 {2}notes {2}the notes contain a "javascript:" link/);
    expect(readdirSync(parent)).toEqual([]);
  });

  test('leaves a site already in the output folder as it was', () => {
    const { parent, out } = outDir();
    mkdirSync(out);
    writeFileSync(path.join(out, 'marker.txt'), 'previous build\n');
    // the marker every build writes into its output (scripts/lib/out-folder.ts): a folder without it is refused outright
    writeFileSync(path.join(out, '.living-review-build'), '');
    const run = expectRefusal('binary-file', out);
    expect(run.stderr).toMatch(/registry\/scan\.yaml {2}the file is not text/);
    expect(readdirSync(parent)).toEqual(['site']);
    expect(readdirSync(out).sort()).toEqual(['.living-review-build', 'marker.txt']);
    expect(readFileSync(path.join(out, 'marker.txt'), 'utf8')).toBe('previous build\n');
    expect(existsSync(`${out}.generated`)).toBe(false);
  });
});
