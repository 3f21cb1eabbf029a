// Pritz (1997): 14 studies of hyperdynamic therapy for cerebral vasospasm, metafor's
// dat.pritz1997 (from Zhou, Brizendine and Pritz 1999, Statistics in Medicine 18(5),
// 557-566, https://doi.org/10.1002/(SICI)1097-0258(19990315)18:5<557::AID-SIM53>3.0.CO;2-F).
// metafor's documented example pools these as raw proportions and logits with REML;
// expected values from scripts/r/make-stats-fixtures.R, e.g.
//   rma(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997, method = "REML", control = ...)
import { describe, expect, test } from 'vitest';
import { metaProportions, TRANSFORMS, type MetaProportionsInput } from '../../../src/lib/stats/index.ts';
import { expectFieldsClose, loadFixture, TOLERANCE } from '../helpers.ts';

interface Entry {
  input: MetaProportionsInput;
  expected: Record<string, unknown>;
}
const fixture = loadFixture<Record<string, unknown>>('published');

describe('Pritz 1997 (metafor dat.pritz1997)', () => {
  const cases = TRANSFORMS.flatMap((transform) => (['FE', 'REML', 'DL'] as const).map((method) => [transform, method] as const));

  test.each(cases)('%s with %s reproduces metafor, study weights included', (transform, method) => {
    const { input, expected } = fixture[`pritz1997_${transform}_${method}`] as Entry;
    const { yi, vi, weight, ...pooled } = expected;
    const result = metaProportions(input);
    expectFieldsClose(result, pooled, TOLERANCE.metafor);
    expectFieldsClose(result.studies.map((row) => [row.yi, row.vi, row.weight]), (yi as number[]).map((y, i) => [y, (vi as number[])[i], (weight as number[])[i]]), TOLERANCE.metafor);
  });

  test('the logit model corrects the two studies in which every patient improved, as escalc does', () => {
    const { input } = fixture['pritz1997_PLO_REML'] as Entry;
    const result = metaProportions(input);
    expect(result.studies.filter((row) => row.corrected).map((row) => row.label)).toEqual([
      'Tanabe et al.',
      'Hadeishi et al.',
    ]);
    expect(result.warnings[0]).toMatch(/continuity correction: 0.5 added .* 2 studies/);
  });
});
