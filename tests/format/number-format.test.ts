/**
 * The one number-format rule (src/lib/format/number-format.ts): digits from the outcome's
 * magnitude, decimal rounding, signs, and the CSV rule.
 */
import { describe, expect, test } from 'vitest';
import {
  count, csvNumber, digitsFor, fixed, formatOf, i2Percent, isChange, MINUS, outcomeFormat, percent, pooledPercent, pText, pValue,
  roundDecimal, signedChange, statistic, tau2Value, weightPercent,
} from '../../src/lib/format/number-format.ts';
import { percentWithInterval } from '../../src/lib/format/numbers.ts';

describe('digits from the magnitude of the outcome', () => {
  test.each([
    [0.5, 1], [0.01, 1], [0.0099, 2], [0.001, 2], [0.00099, 3], [0.0001, 3], [0.00005, 4],
    // near 100% the complement decides
    [0.99, 1], [0.995, 2], [0.9995, 3], [0.99995, 4],
    // 0, 1 and nonsense: one decimal
    [0, 1], [1, 1], [Number.NaN, 1], [Number.POSITIVE_INFINITY, 1],
  ])('digitsFor(%s) = %s', (p, d) => expect(digitsFor(p)).toBe(d));

  test('a rare outcome never reads as 0: 0.02% keeps two significant digits', () => {
    const f = outcomeFormat(0.0002);
    expect(f.digits).toBe(3);
    expect(f.estimate(0.0002, 0, 0.0044)).toBe('0.020 (0.000 to 0.440)');
    expect(f.bracketed(0.0002, 0, 0.0044)).toBe('0.020 [0.000, 0.440]');
  });

  test('every number of an outcome takes its digits, whatever its own size', () => {
    const f = outcomeFormat(0.25);
    expect(f.pct(0.0002)).toBe('0.0');
    expect(f.interval(0.1234, 0.40)).toBe('12.3 to 40.0');
    expect(f.pctSign(0.5252)).toBe('52.5%');
  });

  test('pooledPercent and percentWithInterval follow the same rule', () => {
    expect(pooledPercent(0.0084)).toBe('0.84');
    expect(pooledPercent(0.2, 0.0084)).toBe('20.00');
    expect(percentWithInterval({ estimate: 0.0084, ci_lower: 0.001, ci_upper: 0.05 })).toBe('0.84 (0.10 to 5.00)');
    expect(percentWithInterval({ estimate: 0.3, ci_lower: 0.2, ci_upper: 0.4 }, 0.005)).toBe('30.00 (20.00 to 40.00)');
  });

  test('formatOf takes the overall estimate, else the crude proportion', () => {
    expect(formatOf({ overall: { proportion: { estimate: 0.004 } }, studies: [] }).digits).toBe(2);
    expect(formatOf({ overall: null, studies: [{ events: 1, n: 2000 }] }).digits).toBe(3);
    expect(formatOf({ overall: null, studies: [] }).digits).toBe(1);
  });
});

describe('rounding', () => {
  test.each([
    [0.125, 2, 0, '0.13'],
    [1.005, 2, 0, '1.01'], // binary toFixed gives 1.00
    [2.5, 0, 0, '3'],
    [-2.5, 0, 0, '-3'],
    [0.0005, 3, 2, '0.050'],
    [0.0005, 3, 0, '0.001'],
    [0.00049, 3, 0, '0.000'],
    [0.99995, 1, 2, '100.0'],
    [0.99995, 2, 2, '100.00'],
    [0.99995, 4, 2, '99.9950'],
    [0.1 + 0.2, 1, 2, '30.0'],
    [123456.789, 1, 0, '123456.8'],
    [1e-20, 2, 0, '0.00'],
    [9.995, 2, 0, '10.00'],
    [0.5252, 1, 2, '52.5'],
  ])('roundDecimal(%s, %s, %s) = %s', (x, d, shift, want) => expect(roundDecimal(x, d, shift)).toBe(want));

  test('never a negative zero', () => {
    expect(roundDecimal(-0, 1)).toBe('0.0');
    expect(roundDecimal(-0.00001, 2)).toBe('0.00');
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(percent(-0.0000001)).toBe('0.0');
    expect(signedChange(-0.0004, 1)).toBe('0.0');
  });

  test('text writes a negative with the minus sign U+2212', () => {
    expect(fixed(-1.234, 2)).toBe(`${MINUS}1.23`);
    expect(statistic(-3.456)).toBe('−3.46');
  });

  test('NaN and infinities read as a dash in text and NA in a CSV', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(fixed(x, 2)).toBe('–');
      expect(percent(x)).toBe('–');
      expect(i2Percent(x)).toBe('–');
      expect(tau2Value(x)).toBe('–');
      expect(pValue(x)).toBe('–');
      expect(count(x)).toBe('–');
      expect(csvNumber(x)).toBe('NA');
    }
    expect(() => roundDecimal(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('each kind of number', () => {
  test('I² always has one decimal', () => {
    expect(i2Percent(62.4)).toBe('62.4%');
    expect(i2Percent(62)).toBe('62.0%');
    expect(i2Percent(0)).toBe('0.0%');
  });

  test('τ²: four decimals, a power of ten below 0.0001', () => {
    expect(tau2Value(0.03124)).toBe('0.0312');
    expect(tau2Value(0)).toBe('0.0000');
    expect(tau2Value(0.0001)).toBe('0.0001');
    expect(tau2Value(0.000032)).toBe('3.20 × 10⁻⁵');
    expect(tau2Value(1.5e-12)).toBe('1.50 × 10⁻¹²');
  });

  test('p-values: "< 0.001" or three decimals', () => {
    expect(pValue(0.0009)).toBe('< 0.001');
    expect(pValue(0.001)).toBe('0.001');
    expect(pValue(0.0575)).toBe('0.058');
    expect(pValue(1)).toBe('1.000');
    expect(pText(0.0001)).toBe('p < 0.001');
    expect(pText(0.05)).toBe('p = 0.050');
  });

  test('weights and counts', () => {
    expect(weightPercent(12.345)).toBe('12.3%');
    expect(weightPercent(100)).toBe('100.0%');
    expect(count(1234567)).toBe('1,234,567');
    expect(count(999)).toBe('999');
  });

  test('signed changes: a true minus, a plus, and "0.0" is no change', () => {
    expect(signedChange(0.012)).toBe('+1.2');
    expect(signedChange(-0.005)).toBe(`${MINUS}0.5`);
    expect(signedChange(0.0004)).toBe('0.0');
    expect(isChange(0.0004)).toBe(false);
    expect(isChange(-0.0004)).toBe(false);
    expect(isChange(0.0005)).toBe(true);
    expect(outcomeFormat(0.004).change(0.0004)).toBe('+0.04');
    expect(outcomeFormat(0.004).isChange(0.0004)).toBe(true);
  });
});

describe('CSV numbers', () => {
  test('at most ten significant digits, ASCII, shortest form', () => {
    expect(csvNumber(0.024630541871921183)).toBe('0.02463054187');
    expect(csvNumber(12)).toBe('12');
    expect(csvNumber(-0.1234567890123)).toBe('-0.123456789');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(1.23456789012e-9)).toBe('1.23456789e-9');
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
  });

  test('a CSV number is within the tolerance reproduce.R allows (relative 1e-6)', () => {
    for (const x of [0.024630541871921183, 123.456789012345, 1e-12 * Math.PI, 0.999999999987]) {
      expect(Math.abs(Number(csvNumber(x)) - x) / (1 + Math.abs(x))).toBeLessThan(1e-9);
    }
  });
});
