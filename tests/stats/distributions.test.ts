// Expected values: R 4.2 stats package (scripts/r/make-stats-fixtures.R section 5), e.g.
//   qt(p, df); pchisq(x, df, lower.tail = FALSE); qbeta(p, a, b); pf(f, df1, df2, lower.tail = FALSE)
import { describe, test } from 'vitest';
import {
  betaQuantile,
  brentRoot,
  chiSquareQuantile,
  chiSquareUpperTail,
  fUpperTail,
  normalCdf,
  normalQuantile,
  studentTQuantile,
  studentTUpperTail,
} from '../../src/lib/stats/index.ts';
import { expectClose, loadFixture, TOLERANCE } from './helpers.ts';

interface Fixture {
  qnorm: { p: number; value: number }[];
  pnorm: { z: number; value: number }[];
  qt: { p: number; df: number; value: number }[];
  pt_upper: { t: number; df: number; value: number }[];
  qchisq: { p: number; df: number; value: number }[];
  pchisq_upper: { x: number; df: number; value: number }[];
  pf_upper: { f: number; df1: number; df2: number; value: number }[];
  qbeta: { p: number; a: number; b: number; value: number }[];
}
const r = loadFixture<Fixture>('distributions');
// quantiles are compared relative to their size; tails of 1e-40 keep their relative precision
const relative = (actual: number, expected: number, label: string) =>
  expectClose(actual / expected, 1, TOLERANCE.distribution * 100, label);

describe('distribution functions agree with R', () => {
  test.each(r.qnorm)('qnorm($p)', ({ p, value }) => expectClose(normalQuantile(p), value, TOLERANCE.distribution));
  test.each(r.pnorm)('pnorm($z)', ({ z, value }) => relative(normalCdf(z), value, `pnorm(${z})`));
  test.each(r.qt)('qt($p, $df)', ({ p, df, value }) => expectClose(studentTQuantile(p, df), value, TOLERANCE.distribution * 100));
  test.each(r.pt_upper)('pt($t, $df, lower.tail = FALSE)', ({ t, df, value }) => relative(studentTUpperTail(t, df), value, 'pt'));
  test.each(r.qchisq)('qchisq($p, $df)', ({ p, df, value }) => relative(chiSquareQuantile(p, df), value, 'qchisq'));
  test.each(r.pchisq_upper)('pchisq($x, $df, lower.tail = FALSE)', ({ x, df, value }) => relative(chiSquareUpperTail(x, df), value, 'pchisq'));
  test.each(r.pf_upper)('pf($f, $df1, $df2, lower.tail = FALSE)', ({ f, df1, df2, value }) => relative(fUpperTail(f, df1, df2), value, 'pf'));
  test.each(r.qbeta)('qbeta($p, $a, $b)', ({ p, a, b, value }) => relative(betaQuantile(p, a, b), value, 'qbeta'));
});

describe("Brent's root finder", () => {
  test('finds √2 to the tolerance asked for', () => {
    const result = brentRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-12, 100);
    expectClose(result.root, Math.SQRT2, TOLERANCE.identity);
  });

  test('returns an end point that is already a root', () => {
    expectClose(brentRoot((x) => x, 0, 1, 0, 1, 1e-12, 100).root, 0, 0);
  });
});
