import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { funnelSpec, funnelTicks, FUNNEL_NARROW, FUNNEL_WIDE } from '../../src/lib/plots/funnel-spec.ts';
import { renderSvg } from '../../src/lib/plots/render-svg.ts';
import { funnelSummary, type FunnelSummary } from '../../src/lib/review/outcome-funnel.ts';
import { backTransform } from '../../src/lib/stats/transforms/back-transform.ts';
import type { MetaProportionsInput } from '../../src/lib/stats/types.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

// Small studies with high proportions and none with low ones: trim-and-fill fills on the left.
const input: MetaProportionsInput = {
  events: [30, 52, 18, 9, 8, 7, 6, 5, 12, 40, 22, 4],
  n: [100, 160, 50, 15, 12, 10, 8, 6, 25, 120, 60, 5],
  transform: 'PLO',
  method: 'REML',
};
const labels = input.events.map((_, i) => `Trial ${i + 1}`);
const funnel = funnelSummary(input, labels, { eggerMinK: 10 })!;

type Layer = { mark: { type: string; strokeDash?: number[]; filled?: boolean }; data: { values: Record<string, unknown>[] } };
const layersOf = (spec: object) => (spec as { layer: Layer[] }).layer;

function compileWarnings(spec: object): string[] {
  const warnings: string[] = [];
  const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
  compile(spec as never, { logger: logger as never });
  return warnings;
}

describe('funnel plot spec', () => {
  test('the example has imputed studies and an Egger line to draw', () => {
    expect(funnel.trim_and_fill.L0!.k0).toBeGreaterThan(0);
    expect(funnel.egger).not.toBeNull();
  });

  test('is a valid Vega-Lite spec that compiles without warnings, wide and narrow', () => {
    for (const size of [FUNNEL_WIDE, FUNNEL_NARROW]) {
      const spec = funnelSpec({ title: 'Response', funnel, ...size });
      expect(vegaLiteSchemaErrors(spec)).toEqual([]);
      expect(compileWarnings(spec)).toEqual([]);
    }
  });

  test('draws the region, its edges, the estimate, the dashed Egger line and the points, imputed ones hollow', () => {
    const spec = funnelSpec({ title: 'Response', funnel });
    const layers = layersOf(spec);
    expect(layers.map((l) => l.mark.type)).toEqual(['area', 'rule', 'rule', 'rule', 'point']);
    const [region, , estimate, egger, points] = layers as [Layer, Layer, Layer, Layer, Layer];
    // the white triangle: apex at the estimate at se 0, widening by z·se
    expect(region.data.values[0]).toEqual({ se: 0, x: funnel.estimate, x2: funnel.estimate });
    const base = region.data.values[1] as { se: number; x: number; x2: number };
    expect(base.x2 - funnel.estimate).toBeCloseTo(funnel.z * base.se, 12);
    expect(estimate.data.values[0]!['x']).toBe(funnel.estimate);
    expect(egger.mark.strokeDash).toBeDefined();
    expect(egger.data.values[0]!['x']).toBe(funnel.egger!.intercept);
    const kinds = points.data.values.map((p) => p['kind']);
    expect(kinds.filter((kind) => kind === 'Study')).toHaveLength(funnel.k);
    expect(kinds.filter((kind) => kind === 'Filled')).toHaveLength(funnel.trim_and_fill.L0!.k0);
    const fill = (points as unknown as { encoding: { fill: { scale: { domain: string[]; range: string[] } } } }).encoding.fill.scale;
    expect(fill.range[fill.domain.indexOf('Filled')]).toBe('#ffffff');
    expect(spec.description).toMatch(/^Funnel plot of Response: 12 studies.*Egger.*trim-and-fill \(L0\)/);
  });

  test('the standard error axis runs from 0 at the top, and the x axis is labelled in percent at the right places', () => {
    const spec = funnelSpec({ title: 'Response', funnel });
    const point = layersOf(spec)[4] as unknown as { encoding: { y: { scale: { reverse: boolean; domain: number[] } }; x: { axis: { values: number[] }; scale: { domain: [number, number] } } } };
    expect(point.encoding.y.scale.reverse).toBe(true);
    expect(point.encoding.y.scale.domain[0]).toBe(0);
    const ticks = funnelTicks(funnel, point.encoding.x.scale.domain, FUNNEL_WIDE.width);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) {
      const p = Number(t.label.replace('%', '')) / 100;
      expect(backTransform(t.value, 'PLO', 'miller', 1)).toBeCloseTo(p, 12);
    }
    expect(point.encoding.x.axis.values).toEqual(ticks.map((t) => t.value));
  });

  test('PFT ticks map back through Miller’s inverse at the harmonic mean of the sizes', () => {
    const pft = funnelSummary({ ...input, transform: 'PFT' }, labels, { eggerMinK: 10 })!;
    const ticks = funnelTicks(pft, [0.3, 1.2], 400);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(backTransform(t.value, 'PFT', 'miller', pft.harmonic_n)).toBeCloseTo(Number(t.label.replace('%', '')) / 100, 9);
  });

  test('without imputed studies or Egger line: no legend, no dashed line', () => {
    const bare: FunnelSummary = { ...funnel, egger: null, trim_and_fill: { L0: null, R0: null } };
    const spec = funnelSpec({ title: 'Response', funnel: bare });
    expect(layersOf(spec).map((l) => l.mark.type)).toEqual(['area', 'rule', 'rule', 'point']);
    expect(JSON.stringify(spec)).not.toContain('Imputed');
    expect(compileWarnings(spec)).toEqual([]);
  });

  test('studies that fall on the same spot are drawn once; the summary keeps every one', () => {
    const repeated = { ...input, events: [...input.events, ...Array(40).fill(9)], n: [...input.n, ...Array(40).fill(15)] };
    const many = funnelSummary(repeated, repeated.events.map((_, i) => `Trial ${i + 1}`), { eggerMinK: 10 })!;
    expect(many.studies).toHaveLength(52);
    const drawn = layersOf(funnelSpec({ title: 'Response', funnel: many, filled: null })).at(-1)!.data.values;
    expect(drawn).toHaveLength(12);
  });

  test('renders to SVG named for screen readers; the narrow plot fits a 390-px phone', async () => {
    const wide = await renderSvg(funnelSpec({ title: 'Response', funnel, ...FUNNEL_WIDE }), 'Funnel plot of Response');
    const narrow = await renderSvg(funnelSpec({ title: 'Response', funnel, ...FUNNEL_NARROW }), 'Funnel plot of Response');
    for (const svg of [wide, narrow]) {
      expect(svg).toMatch(/^<svg role="img" aria-label="Funnel plot of Response" /);
      expect(svg).toContain('Imputed by trim-and-fill (L0)');
    }
    const widthOf = (svg: string) => Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect(widthOf(narrow)).toBeLessThanOrEqual(370);
    expect(widthOf(wide)).toBeGreaterThan(500);
  });
});
