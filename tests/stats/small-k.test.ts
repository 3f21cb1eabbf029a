// Expected values: R metafor 3.8.1, scripts/r/make-small-k-fixtures.R, e.g.
//   r <- rma(measure = "PAS", xi, ni, method = "REML", test = "adhoc",
//            control = list(threshold = 1e-12, maxiter = 5000, stepadj = 0.5))
//   p <- predict(r); the PI under each rule from p$pred, p$se and r$tau2 with qnorm or qt;
//   I2_Q = max(0, (r$QE - df) / r$QE) * 100; clamped as transf.iarcsin / transf.ipft.hm clamp;
//   subgroups: each level alone, and rma(mods = ~ factor(g), test = "adhoc") with predict(newmods);
//   leave1out(r), cumul(r) (studies added in reverse order).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { EGGER_MIN_K } from '../../src/lib/stats/analysis/egger-min-k.ts';
import {
  cumulative,
  eggerTest,
  leaveOneOut,
  messages,
  metaProportions,
  PREDICTION_INTERVALS,
  StatsInputError,
  type MetaProportionsInput,
  type PooledAnalysis,
  type PredictionRule,
  type RefitRow,
} from '../../src/lib/stats/index.ts';
import { expectFieldsClose, loadFixture, TOLERANCE } from './helpers.ts';

interface RuleExpected {
  defined: boolean;
  transformed: { pi_lower: number; pi_upper: number };
  proportion: { pi_lower: number; pi_upper: number };
  clamped: string[];
}
type Rules = Record<PredictionRule, RuleExpected>;
interface Summary {
  pi: Rules;
  [field: string]: unknown;
}
interface RefitExpected {
  row: number;
  k: number;
  estimate: number;
  se: number;
  ci_lower: number;
  ci_upper: number;
  tau2: number;
  Q: number;
  I2_Q: number;
  H2_Q: number;
  pi: Rules;
}
interface Expected extends Summary {
  separate?: { subgroups: Record<string, Summary>; Q_between: number; Q_between_df: number; Q_between_p: number };
  common?: { tau2: number; subgroups: Record<string, Summary>; Q_between: number; Q_between_df: number; Q_between_df2?: number; Q_between_p: number };
  leave_one_out?: RefitExpected[];
  cumulative?: RefitExpected[];
  cumulative_order?: number[];
}
interface Case {
  input: MetaProportionsInput & { id: string };
  expected: Expected;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { cases } = loadFixture<{ cases: Case[] }>('small-k');
const describeCase = (c: Case): string => `${c.input.id}: ${c.input.transform} ${c.input.method} ${c.input.ci} (k = ${c.input.n.length})`;

/** One rule's PI, its defined flag and the clamped values against the fixture. */
function expectRule(
  actual: Pick<PooledAnalysis, 'transformed' | 'proportion' | 'clamped' | 'warnings'>,
  expected: RuleExpected,
  rule: PredictionRule,
  label: string,
): void {
  expectFieldsClose(actual.transformed, expected.transformed, TOLERANCE.metafor, `${label} ${rule} transformed`);
  expectFieldsClose(actual.proportion, expected.proportion, TOLERANCE.metafor, `${label} ${rule} proportion`);
  expect([actual.transformed.pi_defined, actual.proportion.pi_defined], `${label} ${rule} pi_defined`).toEqual([expected.defined, expected.defined]);
  expect(actual.clamped, `${label} ${rule} clamped`).toEqual(expected.clamped);
  const undefinedWarnings = actual.warnings.filter((w) => w.startsWith('prediction interval ('));
  expect(undefinedWarnings.length, `${label} ${rule} warning`).toBe(expected.defined ? 0 : 1);
}

/** A pooled analysis (overall or a level) under one rule. */
function expectSummary(actual: PooledAnalysis, expected: Summary, rule: PredictionRule, label: string): void {
  const { pi, ...fields } = expected;
  expectFieldsClose(actual, fields, TOLERANCE.metafor, label);
  expectRule(actual, pi[rule], rule, label);
}

/** Rows of leave-one-out or cumulative against metafor's (rows with one study are not in the fixture). */
function expectRefits(rows: RefitRow[], expected: RefitExpected[], rule: PredictionRule, label: string): void {
  for (const e of expected) {
    const row = rows[e.row]!;
    const where = `${label} row ${e.row}`;
    const { estimate, se, ci_lower, ci_upper } = e;
    expectFieldsClose(row.transformed, { estimate, se, ci_lower, ci_upper }, TOLERANCE.metafor, where);
    expectFieldsClose(row, { k: e.k, tau2: e.tau2, Q: e.Q, I2_Q: e.I2_Q, H2_Q: e.H2_Q }, TOLERANCE.metafor, where);
    expectRule(row, e.pi[rule], rule, where);
  }
}

describe('the fixture covers what it is for', () => {
  test('every transform and model with the ad hoc correction, subgroups both ways, refits', () => {
    const adhoc = cases.filter((c) => c.input.ci === 'hk-adhoc');
    expect(new Set(adhoc.map((c) => `${c.input.transform} ${c.input.method}`)).size).toBe(28);
    expect(adhoc.some((c) => c.expected.separate) && adhoc.some((c) => c.expected.common)).toBe(true);
    expect(adhoc.filter((c) => c.expected.leave_one_out).length).toBeGreaterThanOrEqual(5);
    expect(adhoc.some((c) => c.input.n.length >= 50 && c.expected.leave_one_out)).toBe(true);
    // an undefined PI (t-k2 with two studies) and a clamped estimate both occur
    expect(cases.some((c) => !c.expected.pi['t-k2'].defined)).toBe(true);
    expect(cases.some((c) => c.expected.pi.ci.clamped.includes('estimate'))).toBe(true);
  });
});

describe.each(PREDICTION_INTERVALS)('prediction rule %s reproduces metafor', (rule) => {
  test.each(cases.map((c) => [describeCase(c), c] as const))('%s', (_, c) => {
    const { separate, common, leave_one_out, cumulative: steps, cumulative_order, ...pooled } = c.expected;
    const input: MetaProportionsInput = { ...c.input, groups: undefined, predictionInterval: rule };
    expectSummary(metaProportions(input), pooled, rule, 'pooled');
    if (separate) {
      const grouped = metaProportions({ ...input, groups: c.input.groups });
      const { subgroups, ...between } = separate;
      expectFieldsClose(grouped, between, TOLERANCE.metafor, 'separate');
      for (const [name, level] of Object.entries(subgroups)) expectSummary(grouped.subgroups![name]!, level, rule, `separate ${name}`);
    }
    if (common) {
      const grouped = metaProportions({ ...input, groups: c.input.groups, subgroupTest: 'common' });
      const { subgroups, tau2, ...between } = common;
      expectFieldsClose(grouped, between, TOLERANCE.metafor, 'common');
      for (const [name, level] of Object.entries(subgroups)) expectSummary(grouped.subgroups![name]!, level, rule, `common ${name}`);
      expectFieldsClose(grouped.subgroups![Object.keys(subgroups)[0]!]!.tau2, tau2, TOLERANCE.metafor, 'common tau2');
    }
    if (leave_one_out) expectRefits(leaveOneOut(input), leave_one_out, rule, 'leave-one-out');
    if (steps) expectRefits(cumulative(input, cumulative_order), steps, rule, 'cumulative');
  });
});

describe('the ad hoc correction', () => {
  const homogeneous = { events: [3, 3, 3], n: [20, 20, 20], transform: 'PAS', method: 'REML' } as const;

  test('identical studies keep the Wald-type standard error where plain Hartung-Knapp gives 0', () => {
    const wald = metaProportions({ ...homogeneous, ci: 'z' });
    const adhoc = metaProportions({ ...homogeneous, ci: 'hk-adhoc' });
    expect(metaProportions({ ...homogeneous, ci: 'hk' }).transformed.se).toBe(0);
    expect(adhoc.transformed.se).toBe(wald.transformed.se);
    expect([adhoc.ci, adhoc.df]).toEqual(['hk-adhoc', 2]);
  });

  test('one study: no t interval, Wald z with the Hartung-Knapp warning, as for hk', () => {
    const single = metaProportions({ events: [4], n: [17], transform: 'PLO', method: 'REML', ci: 'hk-adhoc' });
    expect([single.ci, single.df]).toEqual(['z', null]);
    expect(single.warnings).toContain(messages.hartungKnappSingleStudy());
  });
});

describe('defaults and contracts', () => {
  const input = { events: [2, 12, 7, 0], n: [5, 32, 17, 9], transform: 'PAS', method: 'REML', groups: ['a', 'a', 'b', 'b'] } as const;

  test('predictionInterval "ci" is the default: the same result to the last digit', () => {
    expect(JSON.parse(JSON.stringify(metaProportions({ ...input, predictionInterval: 'ci' })))).toEqual(
      JSON.parse(JSON.stringify(metaProportions(input))),
    );
  });

  test('an undefined PI is the CI, flagged and explained (two studies, t-k2)', () => {
    const two = metaProportions({ events: [3, 9], n: [20, 25], transform: 'PLO', method: 'DL', predictionInterval: 't-k2' });
    expect([two.transformed.pi_lower, two.transformed.pi_upper]).toEqual([two.transformed.ci_lower, two.transformed.ci_upper]);
    expect([two.proportion.pi_lower, two.proportion.pi_upper]).toEqual([two.proportion.ci_lower, two.proportion.ci_upper]);
    expect([two.transformed.pi_defined, two.proportion.pi_defined]).toEqual([false, false]);
    expect(two.warnings).toContain(messages.predictionUndefined('t-k2', 0));
  });

  test('a common-effect model reports its CI as the PI under every rule', () => {
    for (const rule of PREDICTION_INTERVALS) {
      const fe = metaProportions({ ...input, groups: undefined, method: 'FE', predictionInterval: rule });
      expect([fe.transformed.pi_lower, fe.transformed.pi_upper, fe.transformed.pi_defined]).toEqual([fe.transformed.ci_lower, fe.transformed.ci_upper, true]);
    }
  });

  test('an unknown rule is refused with the list of names', () => {
    const bad = { ...input, predictionInterval: 'hts' } as unknown as MetaProportionsInput;
    expect(() => metaProportions(bad)).toThrow(StatsInputError);
    expect(() => metaProportions(bad)).toThrow(messages.unknownName('predictionInterval', 'hts', PREDICTION_INTERVALS));
  });

  test('EGGER_MIN_K is R meta\'s metabias() default k.min, and eggerTest runs there', () => {
    expect(EGGER_MIN_K).toBe(10);
    const k = EGGER_MIN_K;
    const events = Array.from({ length: k }, (_, i) => 2 + ((i * 7) % 11));
    const n = Array.from({ length: k }, (_, i) => 20 + 9 * i);
    expect(eggerTest({ events, n, transform: 'PLO', method: 'REML' }).df).toBe(k - 2);
  });
});

describe('the command line passes the new options through', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'review-small-k-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('--ci hk-adhoc --prediction t-k2 --correction 0.25 --correction-to all', () => {
    const csv = path.join(scratch, 'studies.csv');
    writeFileSync(csv, 'study,events,n\nA,0,12\nB,3,20\nC,5,25\nD,10,10\n');
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/meta.ts'), csv,
        '--transform', 'PLO', '--method', 'DL', '--ci', 'hk-adhoc', '--prediction', 't-k2', '--correction', '0.25', '--correction-to', 'all', '--json'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as PooledAnalysis;
    const direct = metaProportions({
      events: [0, 3, 5, 10], n: [12, 20, 25, 10], labels: ['A', 'B', 'C', 'D'], transform: 'PLO', method: 'DL',
      ci: 'hk-adhoc', predictionInterval: 't-k2', correction: { add: 0.25, to: 'all' },
    });
    expect(printed.transformed).toEqual(direct.transformed);
    expect([printed.ci, printed.studies.every((s) => s.corrected)]).toEqual(['hk-adhoc', true]);
  });
});
