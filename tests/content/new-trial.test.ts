import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { makeContentRoot, problemsOf, removeContentRoots } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

afterAll(removeContentRoots);

/** Fills every TODO of a new trial file the way a curator would, keeping the comments. */
function fillIn(text: string): string {
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  const doc = parseDocument(frontMatter!);
  const set = (p: (string | number)[], v: unknown) => doc.setIn(p, v);
  set(['product'], 'Epsilon-cel');
  set(['sponsor'], 'Epsilon Bio');
  set(['modality'], 'car_t');
  set(['cell_source'], 'Peripheral blood of healthy donors');
  set(['target'], 'CD19');
  set(['phase'], '1');
  set(['status'], 'included');
  set(['subgroups', 'modality'], 'car_t');
  set(['cohorts', 0, 'label'], 'Evaluable patients');
  set(['cohorts', 1, 'label'], 'Infused patients');
  set(['reports', 0, 'id'], 'ash-2024');
  set(['reports', 0, 'citation'], 'Epsilon E, et al. Blood 2024;144(Suppl 1):300.');
  set(['reports', 0, 'doi'], '10.1182/blood-2024-000300');
  set(['reports', 0, 'type'], 'abstract');
  set(['reports', 0, 'date'], '2024-12-08');
  set(['reports', 0, 'release'], 1);
  set(['reports', 0, 'data', 'efficacy', 'borr'], doc.createNode({ events: 5, n: 10, source: 'Table 1' }));
  set(['reports', 0, 'data', 'efficacy', 'bcrr'], 'nd');
  set(['reports', 0, 'data', 'safety', 'crs_g3'], doc.createNode({ events: 0, n: 12, source: 'Table 2' }));
  return `---\n${doc.toString()}---\n${body}`;
}

describe('npm run new-trial', () => {
  const root = makeContentRoot();
  const file = path.join(root, 'trials/nct01234567.md');

  test('writes the trial file, names it and says what to do next', () => {
    const run = runScript('new-trial.ts', ['NCT01234567', '--content', root]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('trials/nct01234567.md');
    expect(run.stdout).toContain('next: open it, replace every TODO');
    const text = readFileSync(file, 'utf8');
    // Field documentation comes from the schema, review-specific lists from review.yaml.
    expect(text).toContain('#     n: Number of patients evaluated (required; whole number ≥ 1)');
    expect(text).toContain('  modality: TODO   # Cell type: car_t (CAR-T), car_nk (CAR-NK)');
    expect(text).toContain('    borr: {events: TODO, n: TODO, source: TODO}   # Best overall response rate');
    expect(text).toContain('Releases in review.yaml: 1 (cut-off 2025-01-12), 2 (cut-off 2026-06-30)');
  });

  test('leaves a file that npm run check refuses until every TODO is replaced', () => {
    const problems = problemsOf(root);
    expect(problems).toContain('content/trials/nct01234567.md:7  product  product still holds the placeholder TODO');
    expect(problems).toMatch(/\n\n24 problems in 1 file$/);
    const run = runScript('check.ts', ['--content', root]);
    expect(run.status).toBe(1);
  });

  test('gives a file that passes npm run check once filled in', () => {
    writeFileSync(file, fillIn(readFileSync(file, 'utf8')));
    expect(problemsOf(root)).toBe('');
    const run = runScript('check.ts', ['--content', root]);
    expect(run.stdout).toMatch(/OK, 4 trials \(5 reports\)/);
    expect(run.status).toBe(0);
  });

  test('refuses a registration that already has a trial file, naming the file', () => {
    const run = runScript('new-trial.ts', ['NCT00000002', '--slug', 'beta-again', '--content', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^NCT00000002 already has a trial file: .*trials\/beta-nk\.md\n/);
  });

  test('refuses to overwrite an existing file', () => {
    const run = runScript('new-trial.ts', ['NCT07654321', '--slug', 'alpha-cel', '--content', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/trials\/alpha-cel\.md already exists/);
  });

  test('refuses a malformed registration with the accepted formats, exit 2', () => {
    const run = runScript('new-trial.ts', ['NCT123', '--content', root]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"NCT123" is not a registration number we recognise; write it as NCT followed by 8 digits');
  });
});
