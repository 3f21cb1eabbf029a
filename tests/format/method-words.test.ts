import { describe, expect, test } from 'vitest';
import { isCommonEffect, methodGroups, methodLegend, methodWords, type MethodRow } from '../../src/lib/format/method-words.ts';
import { CI_METHODS, TAU2_METHODS, TRANSFORMS } from '../../src/lib/stats/methods.ts';

const row = (transform: string, method: string, ci = 'z', extra: Partial<MethodRow> = {}): MethodRow => ({ transform, method, ci, label: `${transform}-${method}`, ...extra });

/** The rows the engine writes: every transform with every model, REML with both Hartung-Knapp forms, the binomial models, two subsets. */
const ENGINE_ROWS: MethodRow[] = [
  ...TRANSFORMS.flatMap((t) => ['FE', ...TAU2_METHODS].map((m) => row(t, m))),
  ...TRANSFORMS.flatMap((t) => [row(t, 'REML', 'hk'), row(t, 'REML', 'hk-adhoc')]),
  row('PLO', 'GLMM'),
  row('PLO', 'GLMM-FE'),
  row('PAS', 'REML', 'z', { subset: 'exclude_high_risk', label: "Review's method, without studies at high risk of bias (3 of 9 rows)" }),
  row('PAS', 'REML', 'z', { subset: 'low_risk_only', label: "Review's method, studies at low risk of bias only (2 of 9 rows)" }),
];

describe('methodWords', () => {
  test('names a row in words, never in codes', () => {
    expect(methodWords(row('PLO', 'FE'))).toBe('Common effect');
    expect(methodWords(row('PLO', 'DL'))).toBe('Random effects, DerSimonian-Laird');
    expect(methodWords(row('PFT', 'REML', 'hk'))).toBe('Random effects, restricted maximum likelihood, Hartung-Knapp interval');
    expect(methodWords(row('PAS', 'REML', 'hk-adhoc'))).toBe('Random effects, restricted maximum likelihood, Hartung-Knapp interval, ad hoc correction');
    expect(methodWords(row('PLO', 'GLMM'))).toBe('Random effects, binomial-normal model (GLMM)');
    expect(methodWords(row('PLO', 'GLMM', 'hk'))).toBe('Random effects, binomial-normal model (GLMM), t interval');
    expect(methodWords(row('PLO', 'GLMM-FE'))).toBe('Common effect, binomial model');
    for (const r of ENGINE_ROWS.filter((x) => !x.subset)) expect(methodWords(r)).not.toMatch(/\b(PFT|PAS|PLO|PRAW|DL|ML|PM|HE|SJ|FE|hk)\b/);
  });
  test("a subset row keeps the engine's own words", () => {
    expect(methodWords(ENGINE_ROWS.at(-1)!)).toBe("Review's method, studies at low risk of bias only (2 of 9 rows)");
  });
  test('common effect: as asked, or as fitted after a fallback', () => {
    expect(isCommonEffect(row('PLO', 'FE'))).toBe(true);
    expect(isCommonEffect(row('PLO', 'GLMM-FE'))).toBe(true);
    expect(isCommonEffect(row('PLO', 'GLMM', 'z', { result: { method: 'GLMM-FE' } }))).toBe(true);
    expect(isCommonEffect(row('PLO', 'REML'))).toBe(false);
  });
});

describe('methodGroups', () => {
  test('one group per transformation, then the binomial models, then the subsets; every row once, in order', () => {
    const groups = methodGroups(ENGINE_ROWS);
    expect(groups.map((g) => g.id)).toEqual(['transform-PFT', 'transform-PAS', 'transform-PLO', 'transform-PRAW', 'binomial', 'subsets']);
    expect(groups.flatMap((g) => g.rows.map((r) => r.row)).length).toBe(ENGINE_ROWS.length);
    const logit = groups[2]!;
    expect(logit.heading).toBe('Logit transformation');
    expect(logit.rows.map((r) => r.name)[0]).toBe('Common effect');
    expect(logit.rows[0]!.commonEffect).toBe(true);
    expect(logit.rows.every((r) => r.prefix === 'Logit')).toBe(true);
    expect(logit.rows.length).toBe(1 + TAU2_METHODS.length + 2);
    expect(groups[5]!.rows.every((r) => r.prefix === '')).toBe(true);
  });
  test('leaves out empty groups, and keeps a transformation it does not know under its code', () => {
    expect(methodGroups([row('PLO', 'REML')]).map((g) => g.id)).toEqual(['transform-PLO']);
    expect(methodGroups([row('XYZ', 'REML')])[0]!.heading).toBe('XYZ');
  });
});

describe('methodLegend', () => {
  test('explains every method present, and only those', () => {
    const terms = methodLegend(ENGINE_ROWS).map((e) => e.term);
    for (const t of TRANSFORMS) expect(terms.some((x) => x.endsWith(`(${t})`))).toBe(true);
    for (const m of TAU2_METHODS) expect(terms.some((x) => x.endsWith(`(${m})`))).toBe(true);
    expect(terms).toContain('Common effect (FE)');
    expect(terms).toContain('Hartung-Knapp interval');
    expect(terms).toContain('Ad hoc correction');
    expect(terms).toContain('Binomial-normal model (GLMM)');
    expect(terms).toContain('Common-effect binomial model');
    expect(CI_METHODS.length).toBe(3);
    expect(methodLegend([row('PLO', 'REML')]).map((e) => e.term)).toEqual(['Logit transformation (PLO)', 'Random effects', 'Restricted maximum likelihood (REML)', 'Wald interval']);
  });
  test("names Miller's back-transform with the Freeman-Tukey transformation", () => {
    const pft = methodLegend([row('PFT', 'DL')])[0]!;
    expect(pft.term).toBe('Freeman-Tukey double arcsine transformation (PFT)');
    expect(pft.text).toMatch(/Miller's back-transform/);
    expect(pft.text).toMatch(/harmonic mean/);
  });
  test('subsets alone need no method explained', () => {
    expect(methodLegend(ENGINE_ROWS.filter((r) => r.subset))).toEqual([]);
  });
});
