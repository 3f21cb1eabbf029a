/**
 * The synthetic reviews behind npm run synth and npm run bench:scale: valid content that
 * `npm run check` accepts, reproducible from size and seed, shaped like a real review (and
 * taking the same paths through the generator) in words of their own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { subgroupLevel } from '../../src/lib/review/characteristics.ts';
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

  test('declare a protocol of the shape the benches need: two populations, outcomes of both kinds, a per-cohort category behind the subgroup variable, registry characteristics', () => {
    const file = parse(synthReview({ trials: 1 })[0]!.text) as {
      populations: { id: string }[];
      outcomes: { id: string; kind: string; population: string }[];
      characteristics: { id: string; type: string; per_cohort?: boolean; applies_to?: string[]; levels?: { id: string }[] }[];
      subgroups: { id: string; characteristic: string; levels?: { includes?: string[] }[] }[];
      releases: unknown[];
    };
    expect(file.populations).toHaveLength(2);
    expect(new Set(file.outcomes.map((o) => o.kind))).toEqual(new Set(['efficacy', 'safety']));
    expect(file.outcomes.length).toBeGreaterThanOrEqual(6);
    expect(file.releases.length).toBeGreaterThanOrEqual(2);
    expect(new Set(file.characteristics.map((c) => c.type))).toEqual(new Set(['category', 'text', 'number', 'list', 'boolean']));
    const variable = file.subgroups[0]!;
    const behind = file.characteristics.find((c) => c.id === variable.characteristic)!;
    expect(behind).toMatchObject({ type: 'category', per_cohort: true });
    // One subgroup level pools several levels of the characteristic.
    expect(variable.levels?.some((l) => (l.includes?.length ?? 0) > 1)).toBe(true);
    expect(file.characteristics.some((c) => c.applies_to?.length === 1 && c.applies_to[0] === 'registry')).toBe(true);
    expect(file.characteristics.some((c) => c.applies_to?.includes('trials') && c.applies_to.includes('registry'))).toBe(true);
  });

  test('exercise the paths real reviews take: cohorts in another subgroup than their study, partial report dates, open design and phase, studies without registration or sponsor', () => {
    const dir = write(400, 3);
    const { review, trials } = loadReview(dir);
    const variable = review.subgroups[0]!;
    const split = trials.filter((t) => t.data.cohorts.some((c) => c.characteristics?.[variable.characteristic] !== undefined));
    expect(split.length).toBeGreaterThan(0);
    for (const t of split) {
      const levels = new Set(t.data.cohorts.map((c) => subgroupLevel(variable, t.data, c)));
      expect(levels.size, t.slug).toBe(2);
    }
    const dates = trials.flatMap((t) => t.data.reports.map((r) => r.date));
    expect(dates.some((d) => /^\d{4}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}-\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(trials.some((t) => typeof t.data.design === 'object')).toBe(true);
    expect(trials.some((t) => typeof t.data.phase === 'object')).toBe(true);
    expect(trials.some((t) => t.data.phase === undefined)).toBe(true);
    expect(trials.some((t) => t.data.registrations.length === 0)).toBe(true);
    expect(trials.some((t) => t.data.sponsor === undefined)).toBe(true);
    // Reports stay in date order along each study's chain, partial dates included.
    for (const t of trials) {
      const chain = t.data.reports.map((r) => r.date);
      expect(chain, t.slug).toEqual([...chain].sort());
    }
    // A split study gives a row to each subgroup level.
    const latest = poolReview(dir).releases.at(-1)!;
    const rows = latest.outcomes['response']!.studies.filter((s) => split.some((t) => t.slug === s.trial));
    expect(new Set(rows.map((r) => r.levels[variable.id])).size).toBe(2);
  });

  test('name nothing of any hosted review: their words are neutral', () => {
    const text = synthReview({ trials: 2000 }).map((f) => f.text).join('\n');
    expect(text.match(/car[-_ ]?(t|nk)|lymphoma|lbcl|cell|\bcrs\b|icans|gvhd|graft|cd19|leukapheresis|infus/gi) ?? []).toEqual([]);
  });

  test('refuse a size that is not a whole number of trials', () => {
    expect(() => synthReview({ trials: 0 })).toThrow(/whole number/);
    expect(() => synthReview({ trials: 2.5 })).toThrow(/whole number/);
  });
});
