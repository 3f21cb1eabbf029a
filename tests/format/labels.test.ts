import { describe, expect, test } from 'vitest';
import { lowerFirst, populationCountLabel } from '../../src/lib/format/labels.ts';

describe('labels', () => {
  test('a count of patients reads with the population label once', () => {
    expect(populationCountLabel('Evaluable LBCL patients')).toBe('Evaluable LBCL patients');
    expect(populationCountLabel('All treated participants')).toBe('All treated participants');
    expect(populationCountLabel('Efficacy population')).toBe('patients, efficacy population');
    expect(populationCountLabel('ITT')).toBe('patients, ITT');
  });
  test('lowerFirst keeps acronyms', () => {
    expect(lowerFirst('Cell type')).toBe('cell type');
    expect(lowerFirst('LBCL')).toBe('LBCL');
  });
});
