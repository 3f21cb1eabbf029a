import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { poolReview } from '../../scripts/pool.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { diffReleases, impactMarkdown, parseNameStatus, problemsMarkdown, pullRequestImpact } from '../../src/lib/review/impact.ts';
import type { EvidenceState } from '../../src/lib/review/release-changes.ts';
import { GOOD_CONTENT, makeContentRoot, removeContentRoots, REPO_ROOT, editContentFile } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

/**
 * A copy of the test content without its release locks: these tests change what releases 1
 * and 2 hold on purpose, to read the report on it (release-lock.test.ts tests the locks).
 */
function makeUnlockedRoot(): string {
  const root = makeContentRoot();
  rmSync(path.join(root, 'releases'), { recursive: true, force: true });
  return root;
}

function stateOf(root: string): EvidenceState {
  const { review, trials } = loadReview(root);
  const generated = poolReview(root);
  return { review, trials: trials.map((t) => ({ slug: t.slug, data: t.data })), analyses: generated.releases.at(-1)! };
}

const edit = editContentFile;

/**
 * The search logs' counts of included studies, as the trial files pool them: release 1 includes
 * `release1` studies, and release 2 carries them over (it adds none).
 */
function setIncludedStudies(root: string, release1: number): void {
  edit(root, 'searches/release-1.yaml', /new_studies_included: \d+/, `new_studies_included: ${release1}`);
  edit(root, 'searches/release-2.yaml', /previous_studies: \d+/, `previous_studies: ${release1}`);
}

/** A copy of beta-nk as a new trial, delta-nk, with its own registration, report and numbers. */
function addDeltaNk(root: string): void {
  const text = readFileSync(path.join(root, 'trials/beta-nk.md'), 'utf8')
    .replace('label: "Beta-NK"', 'label: "Delta-NK"')
    .replace('Cord-blood CAR-NK cells.', 'Cord-blood CAR-NK cells, a second trial.')
    .replace('https://example.org/abstracts/beta-2024', 'https://example.org/abstracts/delta-2024')
    .replace('aliases: ["BNK-01"]', 'aliases: []')
    .replace('NCT00000002', 'NCT00000004')
    .replace('borr: {events: 3, n: 9,', 'borr: {events: 8, n: 10,');
  writeFileSync(path.join(root, 'trials/delta-nk.md'), text);
  setIncludedStudies(root, 3);
}

describe('parseNameStatus', () => {
  test('reads added, modified, deleted and renamed files, and untracked files as added', () => {
    const text = ['M\tcontent/trials/a.md', 'A\tcontent/trials/b.md', 'D\tcontent/trials/c.md', 'R087\tcontent/trials/d.md\tcontent/trials/e.md', ''].join('\n');
    expect(parseNameStatus(text, ['content/trials/f.md', ''])).toEqual([
      { status: 'modified', path: 'content/trials/a.md' },
      { status: 'added', path: 'content/trials/b.md' },
      { status: 'deleted', path: 'content/trials/c.md' },
      { status: 'renamed', path: 'content/trials/e.md', from: 'content/trials/d.md' },
      { status: 'added', path: 'content/trials/f.md' },
    ]);
  });
});

describe('pullRequestImpact', () => {
  const base = stateOf(GOOD_CONTENT);

  test('the same content moves nothing', () => {
    const impact = pullRequestImpact('main', base, stateOf(makeUnlockedRoot()), []);
    expect(impact.events).toEqual([]);
    expect(impact.moved).toEqual([]);
    const md = impactMarkdown(impact);
    expect(md).toContain('No pooled estimate moves.');
    expect(md).toContain('No trial file changes.');
    expect(md).not.toContain('The list of releases differs');
  });

  test('a new trial file is added, with the outcomes it moves', () => {
    const root = makeUnlockedRoot();
    addDeltaNk(root);
    const impact = pullRequestImpact('main', base, stateOf(root), [{ status: 'added', path: 'content/trials/delta-nk.md' }]);
    expect(impact.events.map((e) => `${e.kind} ${e.trial}`)).toEqual(['trial_added delta-nk']);
    expect(impact.files[0]!.outcomes).toEqual(['bORR']);
    const moved = impact.moved.map((e) => `${e.outcome} ${e.level ?? 'overall'} ${e.before?.k}->${e.after?.k}`);
    expect(moved).toEqual(['borr overall 2->3', 'borr car_nk 1->2']);
    const md = impactMarkdown(impact);
    expect(md).toContain('| added | `content/trials/delta-nk.md` | bORR |');
    expect(md).toMatch(/\| bORR \| Overall \| .* \| 2 → 3 \| 29 → 39 \|/);
    expect(md).toMatch(/\| bORR \| Cell type: CAR-NK \|/);
    expect(md).toContain('**Delta-NK** (`delta-nk`) enters the analysis with report `ash-2024`: bORR 8/10.');
  });

  test('corrected numbers in the same report are a correction, with their influence', () => {
    const root = makeUnlockedRoot();
    edit(root, 'trials/alpha-cel.md', 'borr: {events: 10, n: 20, source: "Table 2"}', 'borr: {events: 12, n: 20, source: "Table 2"}');
    const impact = pullRequestImpact('main', base, stateOf(root), [{ status: 'modified', path: 'content/trials/alpha-cel.md' }]);
    expect(impact.events.map((e) => e.kind)).toEqual(['numbers_corrected']);
    const borr = impact.outcomes.find((o) => o.outcome === 'borr')!;
    expect(borr.causes.map((c) => [c.trial, c.change])).toEqual([['alpha-cel', 'corrected']]);
    expect(borr.causes[0]!.influence_after).not.toBeNull();
    expect(borr.overall.moved).toBe(true);
    expect(borr.overall.delta!.n).toBe(0);
    expect(impact.outcomes.find((o) => o.outcome === 'crs_g3')!.overall.moved).toBe(false);
    expect(impactMarkdown(impact)).toContain('numbers of report `jco-2025` corrected: bORR 10/20 → 12/20.');
  });

  test('a trial turned to excluded leaves the analysis with its reason', () => {
    const root = makeUnlockedRoot();
    edit(root, 'trials/beta-nk.md', 'status: included', 'status: excluded\nstatus_reason: "Found to use a matched donor"');
    setIncludedStudies(root, 1);
    const impact = pullRequestImpact('main', base, stateOf(root), []);
    expect(impact.events).toMatchObject([{ kind: 'trial_excluded', trial: 'beta-nk', reason: 'Found to use a matched donor' }]);
    expect(impact.moved.map((e) => `${e.outcome} ${e.level ?? 'overall'}`)).toEqual(['borr overall', 'borr car_nk']);
    expect(impact.moved[1]!.after).toBeNull();
  });

  test('a deleted trial file removes the trial', () => {
    const root = makeUnlockedRoot();
    unlinkSync(path.join(root, 'trials/beta-nk.md'));
    setIncludedStudies(root, 1);
    const impact = pullRequestImpact('main', base, stateOf(root), [{ status: 'deleted', path: 'content/trials/beta-nk.md' }]);
    expect(impact.events).toMatchObject([{ kind: 'trial_removed', trial: 'beta-nk', reason: null }]);
    expect(impact.files[0]!.outcomes).toEqual(['bORR']);
  });

  test('says when the list of releases differs', () => {
    const r = base.review.releases;
    const diff = diffReleases(r, [...r.slice(0, 1), { ...r[1]!, cutoff: '2026-06-01' }, { number: 3, date: '2027-01-01', cutoff: '2026-12-01', search: 'release-3' }]);
    expect(diff.added.map((x) => x.number)).toEqual([3]);
    expect(diff.changed).toEqual([{ number: 2, fields: ['cutoff'] }]);
    const md = impactMarkdown({ ...pullRequestImpact('main', base, base, []), releases: diff });
    expect(md).toContain('**The list of releases differs.**');
    expect(md).toContain('- adds release 3 (published 2027-01-01, search cut-off 2026-12-01, search `release-3`)');
  });

  test('problems are printed in a fence longer than any backticks they contain', () => {
    const md = problemsMarkdown('a ``` b');
    expect(md).toContain('\n````\na ``` b\n````\n');
  });
});

describe('npm run impact', () => {
  const TSX = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
  const SCRIPT = path.join(REPO_ROOT, 'scripts/impact.ts');
  const repo = mkdtempSync(path.join(os.tmpdir(), 'review-impact-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [TSX, SCRIPT, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, REVIEW_CONTENT: undefined }, timeout: 60_000 });
  git('init', '-q', '-b', 'main');
  cpSync(GOOD_CONTENT, path.join(repo, 'content'), { recursive: true, filter: (src) => path.basename(src) !== 'releases' });
  git('add', 'content');
  git('commit', '-q', '-m', 'base');

  test('reports a trial file added in the working tree', () => {
    addDeltaNk(path.join(repo, 'content'));
    const r = run('--base', 'main');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Compared with `main`: release 2 there, release 2 on this branch.');
    expect(r.stdout).toContain('| added | `content/trials/delta-nk.md` | bORR |');
    expect(r.stdout).toMatch(/\| bORR \| Overall \| [\d.]+ \([\d.]+ to [\d.]+\) \| [\d.]+ \([\d.]+ to [\d.]+\) \| \+[\d.]+ \| 2 → 3 \| 29 → 39 \|/);
  });

  test('prints the problems and exits 1 when the working tree does not validate', () => {
    edit(path.join(repo, 'content'), 'trials/delta-nk.md', 'borr: {events: 8, n: 10,', 'borr: {events: 18, n: 10,');
    const r = run('--base', 'main');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('does not validate');
    expect(r.stdout).toMatch(/```\ncontent\/trials\/delta-nk\.md:\d+ /);
  });

  test('refuses an unknown base', () => {
    const r = run('--base', 'no-such-branch');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"no-such-branch" is not a commit');
  });
});
