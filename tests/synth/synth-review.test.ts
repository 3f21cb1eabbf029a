/**
 * The synthetic reviews behind npm run synth and npm run bench:scale: valid content that
 * `npm run check` accepts, reproducible from size and seed, and shaped like the hosted review.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { synthReview, synthTrials } from '../../src/lib/synth/synth-review.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { prismaFlow } from '../../src/lib/prisma/prisma-flow.ts';
import { poolReview } from '../../scripts/pool.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function write(trials: number, seed = 1): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'synth-test-'));
  made.push(dir);
  for (const file of synthReview({ trials, seed })) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.text);
  }
  return dir;
}

describe('a synthetic review of 50 trials', () => {
  const dir = write(50);

  test('passes npm run check', () => {
    const run = runScript('check.ts', ['--content', dir]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/OK, 50 trials \(\d+ reports\), \d+ registry entries, 3 searches/);
    expect(run.status).toBe(0);
  });

  test('has the files of a review: protocol, trials, a search per release, registry entries, chapters', () => {
    const raw = readContent(dir);
    expect(raw.review).toBeDefined();
    expect(raw.trials).toHaveLength(50);
    expect(raw.searches.map((s) => s.name)).toEqual(['release-1', 'release-2', 'release-3']);
    expect(raw.registry.length).toBeGreaterThan(3);
    expect(raw.chapters?.map((c) => c.name).sort()).toEqual(['introduction', 'results-efficacy', 'results-safety']);
  });

  test('has included, described and excluded trials, superseded reports and undisclosed values', () => {
    const { trials } = validateContent(readContent(dir));
    const all = synthTrials(2000);
    const statuses = new Set(all.map((t) => t.data.status));
    expect([...statuses].sort()).toEqual(['described', 'excluded', 'included']);
    expect(all.some((t) => t.data.reports.some((r) => r.status === 'superseded'))).toBe(true);
    expect(all.some((t) => new Set(t.data.reports.map((r) => r.release)).size >= 2)).toBe(true);
    expect(all.some((t) => t.data.reports.some((r) => Object.values(r.data).some((c) => Object.values(c).some((v) => v === 'nd' || (typeof v === 'object' && 'nd' in v)))))).toBe(true);
    expect(trials).toHaveLength(50);
  });

  test("adds up: every release's PRISMA arithmetic holds", () => {
    const { review, trials, searches } = loadReview(dir);
    for (const release of review.releases) {
      const search = searches.find((s) => s.id === release.search)!;
      const flow = prismaFlow({ release: release.number, searchId: release.search, search: search.data, trials, previousRelease: release.number > 1 ? release.number - 1 : null });
      expect(flow.problems).toEqual([]);
      // Only the reports of trials described but not pooled are counted differently by design.
      for (const d of flow.boxes.flatMap((b) => b.records?.discrepancies ?? [])) expect(d).toMatch(/^Reports excluded/);
    }
  });

  test('pools into every outcome of every release', () => {
    const generated = poolReview(dir);
    expect(generated.releases.map((r) => r.release)).toEqual([1, 2, 3]);
    const latest = generated.releases.at(-1)!;
    for (const outcome of Object.values(latest.outcomes)) {
      expect(outcome.overall?.k).toBeGreaterThan(10);
      expect(outcome.leave_one_out).toHaveLength(outcome.studies.length);
      expect(outcome.cumulative).toHaveLength(outcome.studies.length);
    }
  });
});

describe('synthetic reviews', () => {
  test('are reproducible: the same size and seed give the same files, another seed other files', () => {
    const a = synthReview({ trials: 30, seed: 7 });
    expect(synthReview({ trials: 30, seed: 7 })).toEqual(a);
    expect(synthReview({ trials: 30, seed: 8 })).not.toEqual(a);
  });

  test('give every trial its own slug and registration numbers, also at thousands of trials', () => {
    const trials = synthTrials(5000);
    expect(new Set(trials.map((t) => t.slug)).size).toBe(5000);
    const registrations = trials.flatMap((t) => t.data.registrations);
    expect(new Set(registrations).size).toBe(registrations.length);
    const files = synthReview({ trials: 5000 });
    const registry = files.filter((f) => f.path.startsWith('registry/')).map((f) => (parse(f.text) as { registration: string; trial?: string }));
    const unlinked = registry.filter((r) => !r.trial).map((r) => r.registration);
    expect(unlinked.some((r) => registrations.includes(r))).toBe(false);
  });

  test("use the hosted review's outcomes, populations and subgroup levels", () => {
    const hosted = parse(readFileSync(path.join(REPO_ROOT, 'content/review.yaml'), 'utf8')) as Record<string, { id: string; levels?: { id: string }[] }[]>;
    const synthetic = parse(synthReview({ trials: 1 })[0]!.text) as typeof hosted;
    for (const key of ['outcomes', 'populations', 'subgroups'] as const) {
      expect(synthetic[key]!.map((x) => x.id)).toEqual(hosted[key]!.map((x) => x.id));
    }
    expect(synthetic['subgroups']![0]!.levels!.map((l) => l.id).sort()).toEqual(hosted['subgroups']![0]!.levels!.map((l) => l.id).sort());
  });

  test('refuse a size that is not a whole number of trials', () => {
    expect(() => synthReview({ trials: 0 })).toThrow(/whole number/);
    expect(() => synthReview({ trials: 2.5 })).toThrow(/whole number/);
  });
});
