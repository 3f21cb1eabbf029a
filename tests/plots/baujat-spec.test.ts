import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { BAUJAT_LABEL_ALL, BAUJAT_MAX_LABELS, baujatAxisTitles, baujatPoints, baujatSpec, type BaujatPlotPoint } from '../../src/lib/plots/baujat-spec.ts';
import { renderSvg } from '../../src/lib/plots/render-svg.ts';
import { influenceSummary } from '../../src/lib/review/outcome-influence.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

const labels = ['Alpha', 'Beta', 'Gamma <expansion>', 'Delta', 'Epsilon', 'Zeta'];
const summary = influenceSummary({ events: [4, 9, 40, 3, 10, 7], n: [10, 15, 45, 12, 30, 30], transform: 'PLO', method: 'REML' }, labels)!;
const points = baujatPoints(summary);

interface Layer {
  mark: { type: string; align?: string };
  transform?: { filter: string }[];
  encoding: Record<string, { field?: string; scale?: { domain?: unknown[]; range?: unknown[] } }>;
}
type Row = { label: string; text: string; x: number; y: number; status: string; side: string | null };
const layersOf = (spec: unknown) => (spec as { layer: Layer[] }).layer;
const rowsOf = (spec: unknown) => (spec as { datasets: { points: Row[] } }).datasets.points;

/** A cloud of n points, the first `flagged` of them influential and furthest out. */
function cloud(n: number, flagged = 0): BaujatPlotPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    label: `Trial ${i + 1}`,
    x: i < flagged ? 8 + 7 * i : ((i * 37) % 101) / 25,
    y: i < flagged ? 2.2 - 0.8 * i : ((i * 53) % 97) / 300,
    influential: i < flagged,
  }));
}

describe('Baujat plot spec', () => {
  test('is a valid Vega-Lite spec that compiles without warnings', () => {
    const spec = baujatSpec({ title: 'Response', points });
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
  });

  test('draws points by contribution to heterogeneity (x) and influence (y), influential ones by shape and colour, then the labels', () => {
    const spec = baujatSpec({ title: 'Response', points });
    const [dots, ...texts] = layersOf(spec);
    expect(dots!.mark.type).toBe('point');
    expect(dots!.encoding['x']!.field).toBe('x');
    expect(dots!.encoding['y']!.field).toBe('y');
    expect(dots!.encoding['color']!.scale!.domain).toEqual(['Not influential', 'Influential']);
    expect(dots!.encoding['shape']!.scale!.range).toEqual(['circle', 'triangle-up']);
    expect(texts.map((t) => [t.mark.type, t.transform![0]!.filter])).toEqual([
      ['text', "datum.side === 'right'"],
      ['text', "datum.side === 'left'"],
      ['text', "datum.side === 'above'"],
      ['text', "datum.side === 'below'"],
    ]);
    const rows = rowsOf(spec);
    expect(rows.map((r) => [r.label, r.x, r.y, r.status === 'Influential'])).toEqual(summary.rows.map((r) => [r.label, r.baujat_x, r.baujat_y, r.influential]));
    // both axes start at 0 and reach past the furthest point
    const xDomain = dots!.encoding['x']!.scale!.domain as number[];
    const yDomain = dots!.encoding['y']!.scale!.domain as number[];
    expect(xDomain[0]).toBe(0);
    expect(yDomain[0]).toBe(0);
    expect(xDomain[1]).toBeGreaterThan(Math.max(...points.map((p) => p.x)));
    expect(yDomain[1]).toBeGreaterThan(Math.max(...points.map((p) => p.y)));
  });

  test('names the influential rows in its description', () => {
    const spec = baujatSpec({ title: 'Response', points }) as { description: string };
    const flagged = summary.rows.filter((r) => r.influential).map((r) => r.label);
    expect(flagged.length).toBeGreaterThan(0);
    for (const name of flagged) expect(spec.description).toContain(name);
    const calm = baujatSpec({ title: 'Response', points: points.map((p) => ({ ...p, influential: false })) }) as { description: string };
    expect(calm.description).toContain('none is influential');
  });

  test('labels every point when there are few, unless a label would cover another label or point', () => {
    const spread = cloud(8).map((p, i) => ({ ...p, x: i, y: i / 10 }));
    const rows = rowsOf(baujatSpec({ title: 'R', points: spread }));
    expect(rows.every((r) => r.side !== null)).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(BAUJAT_LABEL_ALL);
  });

  test('with many points labels the influential ones first and at most BAUJAT_MAX_LABELS', () => {
    const rows = rowsOf(baujatSpec({ title: 'R', points: cloud(200, 3) }));
    const labelled = rows.filter((r) => r.side !== null);
    expect(labelled.length).toBeLessThanOrEqual(BAUJAT_MAX_LABELS);
    expect(labelled.length).toBeGreaterThan(0);
    for (const r of rows.slice(0, 3)) expect(r.side, r.label).not.toBeNull();
  });

  test('cuts a long label after a whole word, with an ellipsis', () => {
    const rows = rowsOf(baujatSpec({ title: 'R', points: [{ label: 'A very long name of a trial and its expansion cohort', x: 1, y: 1, influential: false }] }));
    expect(rows[0]!.text).toMatch(/^A very long .*…$/);
    expect(rows[0]!.label).toBe('A very long name of a trial and its expansion cohort');
  });

  test('titles the x axis by the model: Q terms for the common effect, squared Pearson residuals otherwise', () => {
    expect(baujatAxisTitles(true).x.join(' ')).toContain("Cochran's Q");
    expect(baujatAxisTitles(false).x.join(' ')).toContain('squared Pearson residual');
  });

  test('renders to a static SVG named for screen readers, labels escaped', async () => {
    const tricky = points.map((p, i) => (i === 2 ? { ...p, label: '<b>&' } : p));
    const svg = await renderSvg(baujatSpec({ title: 'Response', points: tricky }), 'Baujat plot of Response');
    expect(svg).toMatch(/^<svg role="img" aria-label="Baujat plot of Response" /);
    // a label is drawn beside its point, escaped
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Influence on the pooled result');
    expect(svg).not.toMatch(/NaN/);
  });
});

describe('baujatPoints', () => {
  test('keeps every row with both coordinates, in row order', () => {
    expect(points.map((p) => p.label)).toEqual(labels);
    const missing = { ...summary, rows: summary.rows.map((r, i) => (i === 1 ? { ...r, baujat_y: null } : r)) };
    expect(baujatPoints(missing).map((p) => p.label)).toEqual(labels.filter((_, i) => i !== 1));
  });

  test('above the maximum keeps the influential rows and those furthest out, in row order', () => {
    const many = cloud(50, 2);
    const rows = many.map((p) => ({ label: p.label, baujat_x: p.x, baujat_y: p.y, influential: p.influential }));
    const kept = baujatPoints({ ...summary, k: 50, rows: rows as never }, 10);
    expect(kept).toHaveLength(10);
    expect(kept.slice(0, 2).map((p) => p.label)).toEqual(['Trial 1', 'Trial 2']);
    const indices = kept.map((p) => many.findIndex((q) => q.label === p.label));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    const xMax = Math.max(...many.map((p) => p.x));
    const yMax = Math.max(...many.map((p) => p.y));
    const reach = (p: BaujatPlotPoint) => Math.max(p.x / xMax, p.y / yMax);
    const dropped = many.filter((p) => !kept.some((q) => q.label === p.label));
    expect(Math.max(...dropped.map(reach))).toBeLessThanOrEqual(Math.min(...kept.slice(2).map(reach)));
  });
});
