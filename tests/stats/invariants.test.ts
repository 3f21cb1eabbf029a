// Properties every analysis must have, checked on random data (fast-check).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MODEL_METHODS, metaProportions, TRANSFORMS } from '../../src/lib/stats/index.ts';
import { expectClose, TOLERANCE } from './helpers.ts';

const studies = fc
  .array(fc.integer({ min: 2, max: 400 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n))), { minLength: 2, maxLength: 15 })
  .map((rows) => ({ events: rows.map(([x]) => x), n: rows.map(([, n]) => n) }));
const options = fc.record({ transform: fc.constantFrom(...TRANSFORMS), method: fc.constantFrom(...MODEL_METHODS), ci: fc.constantFrom('z' as const, 'hk' as const) });

describe('invariants', () => {
  test('study order does not matter', () => {
    fc.assert(
      fc.property(studies, options, fc.nat(), ({ events, n }, option, shift) => {
        const k = events.length;
        const rotate = <T>(values: T[]) => values.map((_, i) => values[(i + shift) % k]!);
        const a = metaProportions({ events, n, ...option });
        const b = metaProportions({ events: rotate(events), n: rotate(n), ...option });
        for (const field of ['tau2', 'Q', 'I2'] as const) expectClose(b[field], a[field], TOLERANCE.reordering, field);
        expectClose(b.transformed.estimate, a.transformed.estimate, TOLERANCE.reordering, 'estimate');
        expectClose(b.transformed.ci_upper, a.transformed.ci_upper, TOLERANCE.reordering, 'ci_upper');
      }),
      { numRuns: 150 },
    );
  });

  test('tau² = 0 gives the common-effect estimate and interval', () => {
    fc.assert(
      fc.property(studies, fc.constantFrom(...TRANSFORMS), ({ events, n }, transform) => {
        const random = metaProportions({ events, n, transform, method: 'DL' });
        fc.pre(random.tau2 === 0);
        const common = metaProportions({ events, n, transform, method: 'FE' });
        expectClose(random.transformed.estimate, common.transformed.estimate, TOLERANCE.identity, 'estimate');
        expectClose(random.transformed.ci_lower, common.transformed.ci_lower, TOLERANCE.identity, 'ci_lower');
        expectClose(random.transformed.pi_upper, common.transformed.ci_upper, TOLERANCE.identity, 'pi equals ci');
        expect(random.Q).toBe(common.Q);
      }),
      { numRuns: 150 },
    );
  });

  test('weights are percentages that sum to 100, and intervals contain the estimate', () => {
    fc.assert(
      fc.property(studies, options, ({ events, n }, option) => {
        const result = metaProportions({ events, n, ...option });
        expectClose(result.studies.reduce((sum, row) => sum + row.weight, 0), 100, TOLERANCE.identity, 'weights');
        const { estimate, ci_lower, ci_upper, pi_lower, pi_upper } = result.transformed;
        expect(ci_lower <= estimate && estimate <= ci_upper && pi_lower <= ci_lower && ci_upper <= pi_upper).toBe(true);
        expect(result.I2 >= 0 && result.I2 <= 100 && result.tau2 >= 0).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
