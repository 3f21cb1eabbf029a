/**
 * The confidence level of an interval is written from the release's analysis.level, in its
 * shortest form: never a fixed "95".
 */
import { describe, expect, test } from 'vitest';
import { ciName, levelPercent, NOT_A_NUMBER, piName } from '../../src/lib/format/number-format.ts';

describe('levelPercent', () => {
  test.each([
    [0.95, '95'],
    [0.9, '90'],
    [0.99, '99'],
    [0.8, '80'],
    [0.995, '99.5'],
    [0.975, '97.5'],
    [0.999, '99.9'],
    [0.9999, '99.99'],
    [0.51, '51'],
    [0.7, '70'],
  ])('%s -> %s', (level, text) => {
    expect(levelPercent(level)).toBe(text);
  });

  test('no binary noise where level * 100 has it', () => {
    // 0.57 * 100 is 56.99999999999999 and 0.55 * 100 is 55.00000000000001 in binary.
    expect(String(0.57 * 100)).not.toBe('57');
    expect(levelPercent(0.57)).toBe('57');
    expect(levelPercent(0.55)).toBe('55');
    // Math.round(level * 100) would give "100" for a 99.5% level.
    expect(levelPercent(0.995)).not.toBe(String(Math.round(0.995 * 100)));
  });

  test('a level with more than four decimals of a percent is rounded to four, trailing zeros dropped', () => {
    expect(levelPercent(0.9512345)).toBe('95.1235');
    expect(levelPercent(0.950000001)).toBe('95');
  });

  test('not a number', () => {
    expect(levelPercent(Number.NaN)).toBe(NOT_A_NUMBER);
    expect(levelPercent(Number.POSITIVE_INFINITY)).toBe(NOT_A_NUMBER);
  });
});

describe('ciName and piName', () => {
  test('name the interval at its level', () => {
    expect(ciName(0.95)).toBe('95% CI');
    expect(ciName(0.9)).toBe('90% CI');
    expect(ciName(0.995)).toBe('99.5% CI');
    expect(piName(0.9)).toBe('90% PI');
    expect(piName(0.95)).toBe('95% PI');
  });
});
