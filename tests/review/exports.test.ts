import { describe, expect, test } from 'vitest';
import { csv, csvField } from '../../src/lib/review/exports.ts';

describe('CSV downloads', () => {
  test('quotes text with commas, quotes or line breaks', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  test('writes missing values as NA, numbers to ten significant digits', () => {
    expect(csv(['x', 'y'], [[null, 0.1 + 0.2]])).toBe('x,y\nNA,0.3\n');
    expect(csv(['p', 'q'], [[0.024630541871921183, Number.POSITIVE_INFINITY]])).toBe('p,q\n0.02463054187,NA\n');
  });

  test('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
