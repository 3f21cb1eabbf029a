/**
 * The example review in examples/pritz1997, loaded and pooled the way the site does it,
 * reproduces R metafor on the dataset it was made from (metadat's dat.pritz1997): the pooled
 * estimate with its intervals and heterogeneity, each study's interval and weight, leave-one-out,
 * cumulative, Egger's test and every method variant of the robustness table, all within 1e-6
 * (scripts/r/make-example-fixtures.R writes the fixture from the dataset, not from the trial
 * files, so the files' numbers are checked too).
 */
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadReview, type LoadedReview } from '../../src/lib/content/load-review-fs.ts';
import { analyseRelease } from '../../src/lib/review/analyse-release.ts';
import type { OutcomeAnalysis, ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import { expectClose, expectFieldsClose, loadFixture } from '../stats/helpers.ts';

/** The tolerance the example is held to: relative, with an absolute floor (expectClose). */
const TOLERANCE = 1e-6;
/** The tolerance of the binomial models against rma.glmm (lme4's numerical Hessian). */
const GLMM_TOLERANCE = 1e-5;

interface Refit {
  k: number;
  estimate: number;
  ci_lower: number;
  ci_upper: number;
  tau2: number;
  I2: number;
}
interface Fixture {
  input: { labels: string[]; events: number[]; n: number[]; transform: string; method: string; ci: string; level: number };
  expected: {
    k: number;
    tau2: number;
    I2: number;
    H2: number;
    Q: number;
    Q_df: number;
    Q_p: number;
    transformed: Record<string, number>;
    proportion: Record<string, number>;
    weight: number[];
  };
  studies: { label: string; events: number; n: number; proportion: number; ci_lower: number; ci_upper: number; weight: number }[];
  leave_one_out: (Refit & { omitted: string })[];
  cumulative: (Refit & { added: string })[];
  egger: { t: number; p: number; df: number; slope: number; slope_se: number };
  robustness: ({ transform: string; method: string; ci: string } & (
    | { k: number; tau2: number; I2: number; Q: number; proportion: Record<string, number> }
    | { metafor_error: string }
  ))[];
}

const fixture = loadFixture<Fixture>('pritz1997');
const ROOT = path.join(REPO_ROOT, 'examples/pritz1997');

let loaded: LoadedReview;
let release: ReleaseAnalyses;
let outcome: OutcomeAnalysis;
beforeAll(() => {
  loaded = loadReview(ROOT);
  release = analyseRelease(
    loaded.review,
    loaded.trials.map((t) => ({ slug: t.slug, data: t.data })),
    1,
  );
  outcome = release.outcomes['improvement']!;
});

describe('the example review as content', () => {
  test('declares the analysis the fixture was computed with', () => {
    const { transform, method, ci, level } = loaded.review.analysis;
    expect({ transform, method, ci, level }).toEqual({
      transform: fixture.input.transform,
      method: fixture.input.method,
      ci: fixture.input.ci,
      level: fixture.input.level,
    });
  });

  test('has one trial file per study of the dataset, with its counts', () => {
    const files = loaded.trials.map((t) => {
      const value = t.data.reports[0]!.data['treated']!['improvement'] as { events: number; n: number };
      return { label: t.data.label, events: value.events, n: value.n };
    });
    const dataset = fixture.input.labels.map((label, i) => ({ label, events: fixture.input.events[i], n: fixture.input.n[i] }));
    const byLabel = (a: { label: string }, b: { label: string }) => (a.label < b.label ? -1 : 1);
    expect(files.sort(byLabel)).toEqual(dataset.sort(byLabel));
  });

  test('pools every study, without subgroups, registrations or a registry', () => {
    expect(loaded.review.subgroups).toEqual([]);
    expect(loaded.registry).toEqual([]);
    expect(loaded.trials.every((t) => t.data.registrations.length === 0)).toBe(true);
    expect(release.counts.trials_included).toBe(fixture.input.labels.length);
    expect(release.counts.patients).toEqual({ treated: fixture.input.n.reduce((a, b) => a + b, 0) });
    expect(outcome.subgroups).toEqual({});
  });
});

describe('pooled numbers against metafor (PFT, DL)', () => {
  test('the pooled estimate, its intervals and heterogeneity', () => {
    const o = outcome.overall!;
    const e = fixture.expected;
    expect([o.k, o.trials, o.Q_df]).toEqual([e.k, e.k, e.Q_df]);
    expect(o.n).toBe(fixture.input.n.reduce((a, b) => a + b, 0));
    expect(o.events).toBe(fixture.input.events.reduce((a, b) => a + b, 0));
    for (const key of ['tau2', 'I2', 'H2', 'Q', 'Q_p'] as const) expectClose(o[key], e[key], TOLERANCE, key);
    expectFieldsClose(o.transformed, e.transformed, TOLERANCE, 'transformed');
    expectFieldsClose(o.proportion, e.proportion, TOLERANCE, 'proportion');
  });

  test('each study: proportion, exact interval and weight', () => {
    expect(outcome.studies).toHaveLength(fixture.studies.length);
    for (const s of fixture.studies) {
      const row = outcome.studies.find((r) => r.label === s.label);
      expect(row, s.label).toBeDefined();
      expect([row!.events, row!.n]).toEqual([s.events, s.n]);
      for (const key of ['proportion', 'ci_lower', 'ci_upper', 'weight'] as const) expectClose(row![key], s[key], TOLERANCE, `${s.label} ${key}`);
    }
  });

  test('leave-one-out', () => {
    expect(outcome.leave_one_out).toHaveLength(fixture.leave_one_out.length);
    for (const r of fixture.leave_one_out) {
      const row = outcome.leave_one_out.find((x) => x.omitted === r.omitted);
      expect(row, r.omitted).toBeDefined();
      for (const key of ['estimate', 'ci_lower', 'ci_upper', 'tau2', 'I2'] as const) expectClose(row![key], r[key], TOLERANCE, `without ${r.omitted}: ${key}`);
    }
    expect(outcome.leave_one_trial_out).toBeNull();
  });

  test('cumulative, in the order the studies are added', () => {
    expect(outcome.cumulative.map((r) => r.added)).toEqual(fixture.cumulative.map((r) => r.added));
    fixture.cumulative.forEach((r, i) => {
      const row = outcome.cumulative[i]!;
      expect(row.k).toBe(r.k);
      for (const key of ['estimate', 'ci_lower', 'ci_upper'] as const) expectClose(row[key], r[key], TOLERANCE, `step ${i + 1} (${r.added}): ${key}`);
    });
  });

  test("Egger's regression test", () => {
    const e = outcome.egger!;
    expect(e.df).toBe(fixture.egger.df);
    for (const key of ['t', 'p', 'slope', 'slope_se'] as const) expectClose(e[key], fixture.egger[key], TOLERANCE, `egger ${key}`);
  });

  test('every method variant of the robustness table', () => {
    expect(outcome.robustness).toHaveLength(fixture.robustness.length);
    for (const v of fixture.robustness) {
      const name = `${v.transform}-${v.method}-${v.ci}`;
      const row = outcome.robustness.find((r) => r.transform === v.transform && r.method === v.method && r.ci === v.ci);
      expect(row, name).toBeDefined();
      expect(row!.primary, name).toBe(v.transform === fixture.input.transform && v.method === fixture.input.method && v.ci === fixture.input.ci);
      if ('metafor_error' in v) {
        expect(row!.result, `${name}: metafor could not fit it (${v.metafor_error})`).toBeNull();
        continue;
      }
      expect(row!.result, `${name}: ${row!.error ?? ''}`).not.toBeNull();
      const r = row!.result!;
      expect(r.k, name).toBe(v.k);
      // lme4 gives a binomial model's standard error from a numerical Hessian (good to about 1e-5)
      const tolerance = v.method.startsWith('GLMM') ? GLMM_TOLERANCE : TOLERANCE;
      for (const key of ['tau2', 'I2', 'Q'] as const) expectClose(r[key], v[key], tolerance, `${name} ${key}`);
      expectFieldsClose(r.proportion, v.proportion, tolerance, `${name} proportion`);
    }
  });
});
