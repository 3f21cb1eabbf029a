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
  set(['label'], 'Epsilon-cel');
  set(['sponsor'], 'Epsilon Bio');
  set(['design'], 'single_arm_trial');
  set(['phase'], '1b/2');
  set(['characteristics', 'cell_type'], 'car_t');
  set(['characteristics', 'cell_source'], 'Peripheral blood of healthy donors');
  set(['characteristics', 'target'], 'CD19');
  set(['characteristics', 'median_age'], 61);
  set(['status'], 'included');
  set(['cohorts', 0, 'label'], 'Evaluable patients');
  set(['cohorts', 1, 'label'], 'Infused patients');
  set(['reports', 0, 'id'], 'ash-2024');
  set(['reports', 0, 'citation'], 'Epsilon E, et al. Blood 2024;144(Suppl 1):300.');
  set(['reports', 0, 'doi'], '10.1182/blood-2024-000300');
  set(['reports', 0, 'type'], 'abstract');
  // A month: the source gives no day.
  set(['reports', 0, 'date'], '2024-12');
  // Releases 1 and 2 are published (locked): a new report waits for the release being prepared.
  set(['reports', 0, 'release'], 3);
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
    expect(text).toContain('registrations: [NCT01234567]');
    // One line per characteristic review.yaml declares for trial files: required ones to fill,
    // optional ones commented out; registry-only ones left out.
    expect(text).toContain(
      '  # Cell type: The CAR-engineered effector cell the product is made of (required; one of: car_t (CAR-T), car_nk (CAR-NK), car_nkt (CAR-NKT); a cohort may give its own value; the subgroup analysis "Cell type" groups studies by it)\n  cell_type: TODO\n',
    );
    expect(text).toContain('  # Median age: Median age of enrolled patients (optional; number in years, from 0 to 120)\n  # median_age: TODO\n');
    expect(text).toContain('  # engineering: [TODO]\n');
    expect(text).not.toMatch(/^\s*#?\s*(targets|effector_cell):/m);
    // One cohort per population, each with the per-cohort characteristics commented out.
    expect(text).toContain('  - id: efficacy\n');
    expect(text).toContain('    population: safety   # Infused patients\n');
    expect(text).toContain('    #   cell_type: TODO\n');
    expect(text).toContain('    borr: {events: TODO, n: TODO, source: TODO}   # Best overall response rate');
    expect(text).toContain('Releases in review.yaml: 1 (cut-off 2025-01-12), 2 (cut-off 2026-06-30)');
    expect(text).toContain('A year or a month counts as its first day against a cut-off, and sorts before the days of its period');
  });

  test('leaves a file that npm run check refuses until every TODO is replaced', () => {
    const problems = problemsOf(root);
    expect(problems).toContain('content/trials/nct01234567.md:7  label  label still holds the placeholder TODO');
    expect(problems).toContain('characteristics.cell_type  cell_type still holds the placeholder TODO');
    expect(problems).toMatch(/\n\n21 problems in 1 file$/);
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

  test('writes a study without a registration only when the review does not require one', () => {
    const refused = runScript('new-trial.ts', ['--slug', 'smith-2024', '--content', root]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('review.yaml requires a registration for every study (studies.registration: required)');
    const optional = makeContentRoot();
    const reviewFile = path.join(optional, 'review.yaml');
    writeFileSync(reviewFile, readFileSync(reviewFile, 'utf8').replace('registration: required', 'registration: optional'));
    const run = runScript('new-trial.ts', ['--slug', 'smith-2024', '--content', optional]);
    expect(run.status).toBe(0);
    const text = readFileSync(path.join(optional, 'trials/smith-2024.md'), 'utf8');
    expect(text).toContain('# Trial file for a new study.');
    expect(text).toMatch(/\(optional in this review; list of registration numbers\)\nregistrations: \[\]\n/);
  });

  test('refuses a malformed registration with the accepted formats, exit 2', () => {
    const run = runScript('new-trial.ts', ['NCT123', '--content', root]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"NCT123" is not a registration number we recognise; write it as NCT followed by 8 digits');
  });
});
