import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { GOOD_CONTENT, makeContentRoot, removeContentRoots } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

afterAll(removeContentRoots);

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

describe('npm run check', () => {
  test('prints every problem and exits 1 on broken content, without a stack trace', () => {
    const run = runScript('check.ts', ['--content', makeContentRoot('supersede-cycle')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/alpha-cel\.md:26 {2}reports\.0\.superseded_by {2}the reports supersede each other in a circle/);
    expect(run.stdout).toMatch(/\n\n1 problem in 1 file\n$/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).toBe('');
  });

  test('prints a one-line summary and exits 0 on valid content', () => {
    const run = runScript('check.ts', ['--content', GOOD_CONTENT]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('tests/fixtures/good-content: OK, 3 trials (4 reports), 2 registry entries, 2 searches\n');
  });

  test('reads the content folder from REVIEW_CONTENT', () => {
    const run = runScript('check.ts', [], { REVIEW_CONTENT: 'tests/fixtures/good-content' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^tests\/fixtures\/good-content: OK/);
  });

  test('exits 2 with the usage on an unknown option or a missing folder', () => {
    const unknown = runScript('check.ts', ['--contnet', 'x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run check');
    const missing = runScript('check.ts', ['--content', 'no/such/folder']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('the content folder no/such/folder does not exist');
    expect(unknown.stderr + missing.stderr).not.toMatch(STACK_LINE);
  });

  test('refuses a 5 MB file from its size alone, without reading it', () => {
    const root = makeContentRoot('huge-file');
    const { problems } = validateContent(readContent(root, { label: 'content' }));
    // Parsing 5 MB of "[" would exhaust the parser's stack; the size check comes first.
    expect(problems.map((p) => p.message)).toEqual(['the file is 5 MB; content files are limited to 1 MB, so it was not read']);
  });

  test('checks 50 trial files and reports the one problem among them', () => {
    const root = makeContentRoot();
    const template = readFileSync(path.join(root, 'trials/beta-nk.md'), 'utf8');
    for (let i = 10; i < 57; i++) {
      writeFileSync(path.join(root, `trials/trial-${i}.md`), template.replace('NCT00000002', `NCT000000${i}`).replace('label: "Beta-NK"', `label: "Beta-NK ${i}"`).replace('Cord-blood CAR-NK cells.', `Cord-blood CAR-NK cells ${i}.`));
    }
    cpSync(path.join(root, 'registry/nct00000004.yaml'), path.join(root, 'registry/copy.yaml'));
    const { problems, trials } = validateContent(readContent(root, { label: 'content' }));
    expect(trials).toHaveLength(50);
    expect(problems.map((p) => p.message)).toEqual(['NCT00000004 is also registered in content/registry/copy.yaml']);
    const run = runScript('check.ts', ['--content', root]);
    expect(run.status).toBe(1);
  });
});
