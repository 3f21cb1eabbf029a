// Invalid input is refused with the named messages of messages.ts; what the engine can
// recover from comes back in `warnings`.
import { describe, expect, test } from 'vitest';
import {
  batchCase,
  messages,
  metaProportions,
  ANALYSIS_METHODS,
  StatsInputError,
  TRANSFORMS,
  type MetaProportionsInput,
} from '../../src/lib/stats/index.ts';

const valid: MetaProportionsInput = { events: [3, 8, 1], n: [10, 20, 30], transform: 'PAS', method: 'REML' };
const refuse = (input: unknown, message: string) => {
  expect(() => metaProportions(input as MetaProportionsInput)).toThrow(StatsInputError);
  expect(() => metaProportions(input as MetaProportionsInput)).toThrow(message);
};

describe('invalid input is refused with a named message', () => {
  test('no studies', () => refuse({ ...valid, events: [], n: [] }, messages.noStudies()));
  test('events above n', () => refuse({ ...valid, events: [3, 21, 1] }, messages.eventsExceedN(2, 21, 20)));
  test('arrays of different lengths', () => refuse({ ...valid, n: [10, 20] }, messages.lengthMismatch('n', 2, 3)));
  test('counts that are not whole numbers', () => refuse({ ...valid, events: [3, 8.5, 1] }, messages.notACount('events', 2, 8.5)));
  test('a study without participants', () => refuse({ ...valid, n: [10, 0, 30], events: [3, 0, 1] }, messages.notACount('n', 2, 0)));
  test('an unknown method', () => refuse({ ...valid, method: 'EB' }, messages.unknownName('method', 'EB', ANALYSIS_METHODS)));
  test('an unknown transform', () => refuse({ ...valid, transform: 'PLN' }, messages.unknownName('transform', 'PLN', TRANSFORMS)));
  test('a missing transform', () => refuse({ ...valid, transform: undefined }, messages.missingName('transform', TRANSFORMS)));
  test('a level outside (0, 1)', () => refuse({ ...valid, level: 95 }, messages.invalidLevel(95)));
  test('a negative correction', () => refuse({ ...valid, correction: -1 }, messages.invalidCorrection(-1)));
  test('a PFT back-transform for another transform', () => refuse({ ...valid, backTransform: 'sin2' }, messages.backTransformNeedsPft('PAS')));
  test('groups of the wrong length', () => refuse({ ...valid, groups: ['a'] }, messages.lengthMismatch('groups', 1, 3)));
  test('an empty group label', () => refuse({ ...valid, groups: ['a', '', 'b'] }, messages.invalidGroup(2)));
  test('raw proportions of 0 events without a correction', () =>
    refuse({ ...valid, transform: 'PRAW', events: [0, 8, 1], correction: 0 }, messages.zeroVariance(1, 'PRAW')));
});

describe('recoverable conditions are returned as warnings', () => {
  test('tau² truncated at 0', () => {
    const result = metaProportions({ events: [5, 10, 15], n: [50, 100, 150], transform: 'PLO', method: 'DL' });
    expect(result.tau2).toBe(0);
    expect(result.warnings.some((w) => w.startsWith('tau² by DL was negative'))).toBe(true);
  });

  test('correction applied', () => {
    const result = metaProportions({ events: [0, 10, 15], n: [50, 100, 150], transform: 'PLO', method: 'DL' });
    expect(result.warnings).toContain(messages.correctionApplied(0.5, 1, 'PLO'));
  });

  test('REML fallback to DL when Fisher scoring does not converge', () => {
    const input: MetaProportionsInput = { events: [2, 10, 30, 5], n: [50, 40, 60, 70], transform: 'PLO', method: 'REML', control: { maxIterations: 2 } };
    const result = metaProportions(input);
    expect(result.method).toBe('DL');
    expect(result.warnings).toContain(messages.iterationFallback('REML', 2, 'DL'));
    expect(result.tau2).toBe(metaProportions({ ...input, method: 'DL' }).tau2);
  });

  test('a bound clamped by the back-transform', () => {
    const result = metaProportions({ events: [0, 1, 0], n: [20, 15, 30], transform: 'PAS', method: 'DL' });
    expect(result.proportion.ci_lower).toBe(0);
    expect(result.warnings).toContain(messages.backTransformClamped('lower confidence bound', 0));
  });

  test('Hartung-Knapp with a common-effect model is allowed but flagged, as metafor does', () => {
    expect(metaProportions({ ...valid, method: 'FE', ci: 'hk' }).warnings).toContain(messages.hartungKnappCommonEffect());
  });
});

describe('the batch interface goes on after a refused case', () => {
  test('a refused case is {id, error} with the named message', () => {
    expect(batchCase({ id: 'x', events: [3], n: [2], transform: 'PAS', method: 'DL', ci: 'z' })).toEqual({
      id: 'x',
      error: messages.eventsExceedN(1, 3, 2),
    });
    expect(batchCase([1, 2])).toEqual({ id: null, error: messages.notAnObject() });
  });

  test('an answered case has exactly the contract fields', () => {
    const record = batchCase({ id: 7, ...valid, ci: 'hk', groups: ['a', 'a', 'b'] });
    expect(Object.keys(record).sort()).toEqual(
      ['H2', 'I2', 'Q', 'Q_between', 'Q_between_df', 'Q_between_p', 'Q_p', 'id', 'k', 'proportion', 'subgroups', 'tau2', 'transformed', 'warnings'].sort(),
    );
    expect(Object.keys((record as { subgroups: Record<string, object> }).subgroups['a']!).sort()).toEqual(
      ['H2', 'I2', 'Q', 'Q_p', 'k', 'proportion', 'tau2', 'transformed', 'warnings'].sort(),
    );
  });
});

describe('subgroup tests that cannot be computed say why', () => {
  test('one level only', () => {
    const result = metaProportions({ ...valid, groups: ['a', 'a', 'a'] });
    expect([result.Q_between, result.Q_between_df, result.Q_between_p]).toEqual([0, 0, 1]);
    expect(result.warnings).toContain(messages.subgroupSingleLevel());
  });

  test('a Hartung-Knapp subgroup of identical studies has no standard error', () => {
    const result = metaProportions({ events: [0, 0, 3, 5], n: [10, 10, 20, 25], groups: ['a', 'a', 'b', 'b'], transform: 'PAS', method: 'DL', ci: 'hk' });
    expect(result.subgroups!['a']!.transformed.se).toBe(0);
    expect(result.warnings).toContain(messages.betweenUndefined());
  });
});
