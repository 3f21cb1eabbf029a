// Expected values: R metafor, scripts/r/make-stats-fixtures.R section 3:
//   r <- rma(measure, xi, ni, method, control = ...); leave1out(r); cumul(r, order = year);
//   regtest(r, model = "lm")  (Egger's test: weighted regression of yi on sqrt(vi))
import { describe, expect, test } from 'vitest';
import { cumulative, eggerTest, leaveOneOut, messages, metaProportions, metaProportionsVariants, type MetaProportionsInput, type RefitRow } from '../../src/lib/stats/index.ts';
import { expectClose, expectFieldsClose, loadFixture, TOLERANCE } from './helpers.ts';

type Columns = Record<'estimate' | 'se' | 'ci_lower' | 'ci_upper' | 'Q' | 'Q_p' | 'tau2' | 'I2' | 'H2', number[]>;
interface Entry {
  input: MetaProportionsInput;
  cumulative_order: number[] | null;
  leave_one_out: Columns;
  cumulative: Columns;
  egger: Record<string, number>;
}
const fixture = loadFixture<Record<string, Entry>>('sensitivity');
const names = Object.keys(fixture).filter((name) => typeof fixture[name] === 'object' && 'input' in fixture[name]!);

/** metafor's leave1out/cumul columns, row by row, against the engine's rows. */
function expectRows(rows: RefitRow[], columns: Columns): void {
  expect(rows.length).toBe(columns.estimate.length);
  rows.forEach((row, i) => {
    const label = `row ${i}`;
    expectClose(row.transformed.estimate, columns.estimate[i], TOLERANCE.metafor, `${label} estimate`);
    expectClose(row.transformed.se, columns.se[i], TOLERANCE.metafor, `${label} se`);
    expectClose(row.transformed.ci_lower, columns.ci_lower[i], TOLERANCE.metafor, `${label} ci_lower`);
    expectClose(row.transformed.ci_upper, columns.ci_upper[i], TOLERANCE.metafor, `${label} ci_upper`);
    expectClose(row.tau2, columns.tau2[i], TOLERANCE.metafor, `${label} tau2`);
    if (row.k > 1) {
      expectClose(row.Q, columns.Q[i], TOLERANCE.metafor, `${label} Q`);
      expectClose(row.Q_p, columns.Q_p[i], TOLERANCE.metafor, `${label} Q_p`);
      expectClose(row.I2, columns.I2[i], TOLERANCE.metafor, `${label} I2`);
      expectClose(row.H2, columns.H2[i], TOLERANCE.metafor, `${label} H2`);
    }
  });
}

describe.each(names)('%s', (name) => {
  const entry = fixture[name]!;

  test('leave-one-out reproduces metafor leave1out()', () => {
    const rows = leaveOneOut(entry.input);
    expect(rows.map((row) => row.study)).toEqual(entry.input.n.map((_, i) => i));
    expectRows(rows, entry.leave_one_out);
  });

  test('cumulative meta-analysis reproduces metafor cumul()', () => {
    const rows = cumulative(entry.input, entry.cumulative_order ?? undefined);
    if (entry.cumulative_order) expect(rows.map((row) => row.study)).toEqual(entry.cumulative_order);
    expectRows(rows, entry.cumulative);
  });

  test("Egger's test reproduces metafor regtest(model = \"lm\")", () => {
    const { t, p, df, ...rest } = entry.egger;
    const result = eggerTest(entry.input);
    expectFieldsClose(result, { t, p, df, ...rest }, TOLERANCE.metafor);
  });
});

describe('sensitivity analyses refuse what they cannot do', () => {
  const input: MetaProportionsInput = { events: [3, 5], n: [10, 12], transform: 'PAS', method: 'DL' };

  test("Egger's test needs three studies", () => {
    expect(() => eggerTest(input)).toThrow(messages.tooFewForEgger(2));
  });

  test("Egger's test needs studies of different precision", () => {
    expect(() => eggerTest({ ...input, events: [3, 5, 7], n: [10, 10, 10] })).toThrow(messages.eggerEqualPrecision());
  });

  test('the cumulative order must list every study once', () => {
    expect(() => cumulative(input, [0, 0])).toThrow(messages.invalidOrder(2));
  });

  test('leave-one-out of a single study has no rows', () => {
    expect(leaveOneOut({ ...input, events: [3], n: [10] })).toEqual([]);
  });
});

describe('metaProportionsVariants (the method-robustness table)', () => {
  const input: MetaProportionsInput = { events: [0, 4, 9, 16, 3], n: [12, 10, 15, 20, 30], transform: 'PFT', method: 'REML', labels: ['a', 'b', 'c', 'd', 'e'] };
  const variants = [
    { method: 'DL' as const },
    { transform: 'PLO' as const, method: 'ML' as const },
    { transform: 'PLO' as const, method: 'PM' as const, ci: 'hk' as const },
    { transform: 'PAS' as const },
    { method: 'nonsense' as never },
  ];

  test('gives what metaProportions gives for each variant, and an unknown method its error in place', () => {
    const fits = metaProportionsVariants(input, variants);
    expect(fits).toHaveLength(variants.length);
    variants.slice(0, -1).forEach((variant, i) => {
      const fit = fits[i]!;
      if (fit instanceof Error) throw fit;
      const alone = metaProportions({ ...input, ...variant });
      expect(fit.transformed).toEqual(alone.transformed);
      expect(fit.proportion).toEqual(alone.proportion);
      expect([fit.tau2, fit.Q, fit.I2]).toEqual([alone.tau2, alone.Q, alone.I2]);
      expect(fit.studies.map((s) => s.weight)).toEqual(alone.studies.map((s) => s.weight));
    });
    const refused = fits.at(-1);
    expect(refused).toBeInstanceOf(Error);
    expect(() => metaProportions({ ...input, method: 'nonsense' as never })).toThrow((refused as Error).message);
  });
});
