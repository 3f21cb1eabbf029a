import { describe, expect, test } from 'vitest';
import { summaryAxis, summaryForest, type SummaryInterval } from '../../src/lib/plots/summary-forest.ts';

const row = (estimate: number, lower: number, upper: number, extra: Partial<SummaryInterval> = {}): SummaryInterval => ({ estimate, lower, upper, ...extra });

describe('summaryAxis', () => {
  test('spans every interval and the reference on round ticks', () => {
    const axis = summaryAxis([row(0.5, 0.31, 0.62), row(0.45, 0.3, 0.58)], 0.48);
    expect(axis.domain[0]).toBeLessThanOrEqual(0.3);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.62);
    expect(axis.ticks[0]).toBe(axis.domain[0]);
    expect(axis.ticks.at(-1)).toBe(axis.domain[1]);
    expect(axis.ticks.length).toBeLessThanOrEqual(5);
  });
  test("a single study's interval does not widen it when told so; its estimate still does", () => {
    const wide = summaryAxis([row(0.5, 0.01, 0.99), row(0.52, 0.45, 0.6)]);
    expect(wide.domain).toEqual([0, 1]);
    const fitted = summaryAxis([row(0.7, 0.01, 0.99, { widens: false }), row(0.52, 0.45, 0.6)]);
    expect(fitted.domain[0]).toBeGreaterThan(0.3);
    expect(fitted.domain[1]).toBeGreaterThanOrEqual(0.7);
    expect(fitted.domain[1]).toBeLessThan(0.9);
  });
  test('at least 10 points wide, within 0-100%, also with nothing to show', () => {
    const narrow = summaryAxis([row(0.02, 0.015, 0.025)]);
    expect(narrow.domain[1] - narrow.domain[0]).toBeGreaterThanOrEqual(0.1 - 1e-9);
    expect(narrow.domain[0]).toBeGreaterThanOrEqual(0);
    expect(summaryAxis([{ estimate: null, lower: null, upper: null }]).domain).toEqual([0, 1]);
  });
  test('bounds past the scale (untransformed proportions) stop it at 0 and 100%', () => {
    expect(summaryAxis([row(0.03, -0.02, 0.08)]).domain[0]).toBe(0);
    expect(summaryAxis([row(0.5, 0.2, Infinity)]).domain[1]).toBe(1);
  });
});

describe('summaryForest', () => {
  test('places lines, dots and the reference line in percent of the axis', () => {
    const f = summaryForest([row(0.5, 0.4, 0.6), row(0.45, 0.35, 0.55)], 0.5);
    const [lo, hi] = f.axis.domain;
    const pct = (v: number) => `${Math.round(((v - lo) / (hi - lo)) * 1000) / 10}%`;
    expect(f.bars[0]).toEqual({ line: `left:${pct(0.4)};width:${Math.round(((0.2) / (hi - lo)) * 1000) / 10}%`, dot: `left:${pct(0.5)}` });
    expect(f.frame).toContain(`--r:${pct(0.5)}`);
    expect(f.frame).toContain(`--n:${f.axis.ticks.length - 1}`);
    expect(f.frame).toContain(`--lo:'${Math.round(lo * 1000) / 10}%'`);
    expect(f.ticks[0]).toEqual({ style: 'left:0%', text: `${Math.round(lo * 1000) / 10}` });
    expect(f.ticks.at(-1)!.style).toBe('left:100%');
  });
  test('an interval running past the axis ends in an arrow, clipped at the end', () => {
    const f = summaryForest([row(0.7, 0.01, 0.99, { widens: false }), row(0.52, 0.45, 0.6)]);
    expect(f.bars[0]!.ends).toBe('sf-lo sf-hi');
    expect(f.bars[0]!.line).toBe('left:0%;width:100%');
    expect(f.bars[1]!.ends).toBeUndefined();
    const below = summaryForest([row(0.03, -0.02, 0.08)]);
    expect(below.bars[0]!.ends).toBe('sf-lo');
    expect(below.bars[0]!.line?.startsWith('left:0%')).toBe(true);
  });
  test('a diamond row gives its tip; a row without an interval only a dot; without anything nothing', () => {
    const f = summaryForest([row(0.5, 0.4, 0.6, { diamond: true }), { estimate: 0.45, lower: null, upper: null }, { estimate: null, lower: null, upper: null }]);
    expect(f.bars[0]!.diamond).toMatch(/^left:[\d.]+%;width:[\d.]+%;--t:50%$/);
    expect(f.bars[0]!.line).toBeUndefined();
    expect(f.bars[1]).toEqual({ dot: expect.stringMatching(/^left:/) });
    expect(f.bars[2]).toEqual({});
  });
  test('no reference: no reference line', () => {
    expect(summaryForest([row(0.5, 0.4, 0.6)]).frame).not.toContain('--r');
  });
  test('many rows stay light: at most a few short declarations each', () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(0.4 + i / 1000, 0.3 + i / 1000, 0.5 + i / 1000));
    const f = summaryForest(rows, 0.43);
    const bytes = f.bars.reduce((s, b) => s + (b.line?.length ?? 0) + (b.dot?.length ?? 0), 0);
    expect(bytes / rows.length).toBeLessThan(40);
  });
});
