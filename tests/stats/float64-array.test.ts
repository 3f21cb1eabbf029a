// Arrays carved from shared buffers (numeric/float64-array.ts) behave as new Float64Array(n).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { copyFloat64 } from '../../src/lib/stats/numeric/copy-float64.ts';
import { float64Array } from '../../src/lib/stats/numeric/float64-array.ts';

describe('float64Array', () => {
  test('every length from 0 to 2,000 gives a zero-filled array of that length', () => {
    for (let length = 0; length <= 2000; length++) {
      const array = float64Array(length);
      expect(array).toBeInstanceOf(Float64Array);
      expect(array.length).toBe(length);
      expect(array.every((value) => value === 0)).toBe(true);
    }
  });

  test('arrays never overlap, across many shared buffers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 300 }), (lengths) => {
        const arrays = lengths.map((length) => float64Array(length));
        arrays.forEach((array, i) => array.fill(i + 1));
        return arrays.every((array, i) => array.every((value) => value === i + 1));
      }),
      { numRuns: 200 },
    );
  });

  test('a fresh array is zero-filled even after earlier arrays were written', () => {
    for (let round = 0; round < 100; round++) float64Array(100).fill(Number.NaN);
    expect(float64Array(100).every((value) => value === 0)).toBe(true);
  });

  test('odd lengths are treated as the constructor treats them', () => {
    expect(() => float64Array(-1)).toThrow(RangeError);
    expect(float64Array(20.5).length).toBe(new Float64Array(20.5).length);
  });
});

describe('copyFloat64', () => {
  test('copies the values into a new array', () => {
    const source = [0.1, -2, Number.POSITIVE_INFINITY, 1e-300, ...Array.from({ length: 40 }, (_, i) => i / 7)];
    const copy = copyFloat64(source);
    expect(Array.from(copy)).toEqual(source);
    const typed = Float64Array.from(source);
    const again = copyFloat64(typed);
    again[0] = 42;
    expect(typed[0]).toBe(0.1);
  });
});
