import { describe, expect, test } from 'vitest';
import { csv, csvField } from '../../src/lib/review/exports.ts';

describe('CSV downloads', () => {
  test('quotes text with commas, quotes or line breaks', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  test('writes missing values as NA, numbers in full precision', () => {
    expect(csv(['x', 'y'], [[null, 0.1 + 0.2]])).toBe('x,y\nNA,0.30000000000000004\n');
  });

  test('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
