/**
 * Baujat plot as a Vega-Lite spec: each pooled row as a point, placed by its contribution to the
 * heterogeneity (x) and its influence on the pooled result (y), as metafor's `baujat()` draws
 * it. Rows influential by metafor's rule are drawn as red triangles (shape and colour, and named
 * in the legend), the others as blue circles. With few rows every point is labelled; with more,
 * the influential rows and those furthest out, as long as their labels do not collide. Pure:
 * points in, spec out; the spec renders to static SVG at build time (render-svg.ts).
 *
 * Sized to be read on a phone as drawn (about 400 px wide, 12 px text) and at its own size on a
 * wide screen: the page lets it shrink to the column, never grow past its width.
 */
import { significant } from '../format/number-format.ts';
import type { TopLevelSpec } from 'vega-lite';
import type { InfluenceSummary } from '../review/outcome-influence.ts';
import { labelLines, textWidth } from './label-lines.ts';

/** One row of the plot. */
export interface BaujatPlotPoint {
  label: string;
  /** contribution to the heterogeneity (squared Pearson residual) */
  x: number;
  /** influence on the pooled result */
  y: number;
  influential: boolean;
}

export interface BaujatInput {
  /** Outcome name for the description, e.g. "Best overall response rate". */
  title: string;
  points: BaujatPlotPoint[];
  /** Whether the model is the common-effect one: x is then each row's term of Cochran's Q. */
  commonEffect?: boolean;
  width?: number;
  height?: number;
}

/** Rows up to which every point is labelled (collisions allowing). */
export const BAUJAT_LABEL_ALL = 15;
/** Labels drawn at most when there are more rows. */
export const BAUJAT_MAX_LABELS = 10;

const FONT_SIZE = 12;
const LABEL_WIDTH = 120;
const LABEL_GAP = 7;
const LINE = 15;
const POINT_RADIUS = 5;
const BLUE = '#0b5cad';
const RED = '#a4332a';
const STATUS = ['Not influential', 'Influential'] as const;

/**
 * Points a plot draws at most: with more rows (a review of thousands of trials), the influential
 * ones and those furthest from the origin; the rest lie in the crowd near it, under those drawn.
 */
export const BAUJAT_MAX_POINTS = 150;

/**
 * The plot's points from an outcome's influence summary, in row order (rows without both
 * coordinates left out): all of them, or at most `max`, the influential first, then those
 * furthest out (the larger of x and y as a share of its axis).
 */
export function baujatPoints(summary: InfluenceSummary, max = BAUJAT_MAX_POINTS): BaujatPlotPoint[] {
  const points = summary.rows.flatMap((r) => (r.baujat_x !== null && r.baujat_y !== null ? [{ label: r.label, x: r.baujat_x, y: r.baujat_y, influential: r.influential }] : []));
  if (points.length <= max) return points;
  const xMax = Math.max(...points.map((p) => p.x)) || 1;
  const yMax = Math.max(...points.map((p) => p.y)) || 1;
  const reach = (p: BaujatPlotPoint) => Math.max(p.x / xMax, p.y / yMax);
  const kept = new Set([...points].sort((a, b) => Number(b.influential) - Number(a.influential) || reach(b) - reach(a)).slice(0, max));
  return points.filter((p) => kept.has(p));
}

/**
 * Axis titles, one line each (a second for what x measures): for the common-effect model each
 * row's term of Cochran's Q, for a random-effects model its squared Pearson residual.
 */
export function baujatAxisTitles(commonEffect: boolean): { x: string[]; y: string } {
  return {
    x: ['Contribution to heterogeneity', commonEffect ? "(the row's term of Cochran's Q)" : '(squared Pearson residual)'],
    y: 'Influence on the pooled result',
  };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten at or above `v` (an axis end). */
function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * power >= v * (1 - 1e-12)) return m * power;
  return 10 * power;
}

type Side = 'right' | 'left' | 'above' | 'below';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Which points get a label and on which side: every point when there are few, else the
 * influential ones and those furthest out first; a label goes right of its point, else left,
 * above or below, the first place where it covers no other label or point and stays in the
 * plot, and is dropped when there is none.
 */
function placeLabels(points: readonly BaujatPlotPoint[], xMax: number, yMax: number, width: number, height: number): (Side | null)[] {
  const px = (p: BaujatPlotPoint) => (p.x / xMax) * width;
  const py = (p: BaujatPlotPoint) => height - (p.y / yMax) * height;
  const reach = (p: BaujatPlotPoint) => Math.max(p.x / xMax, p.y / yMax);
  const order = points.map((_, i) => i).sort((a, b) => Number(points[b]!.influential) - Number(points[a]!.influential) || reach(points[b]!) - reach(points[a]!));
  const limit = points.length <= BAUJAT_LABEL_ALL ? points.length : BAUJAT_MAX_LABELS;
  // the points themselves are obstacles too: a label never covers another point
  const placed: Box[] = points.map((p) => ({ left: px(p) - POINT_RADIUS, right: px(p) + POINT_RADIUS, top: py(p) - POINT_RADIUS, bottom: py(p) + POINT_RADIUS }));
  const sides: (Side | null)[] = points.map(() => null);
  let count = 0;
  for (const i of order) {
    if (count >= limit) break;
    const p = points[i]!;
    const w = textWidth(shortLabel(p.label), FONT_SIZE);
    const x = px(p);
    const y = py(p);
    const candidates: [Side, Box][] = [
      ['right', { left: x + LABEL_GAP, right: x + LABEL_GAP + w, top: y - LINE / 2, bottom: y + LINE / 2 }],
      ['left', { left: x - LABEL_GAP - w, right: x - LABEL_GAP, top: y - LINE / 2, bottom: y + LINE / 2 }],
      ['above', { left: x - w / 2, right: x + w / 2, top: y - LABEL_GAP - LINE, bottom: y - LABEL_GAP }],
      ['below', { left: x - w / 2, right: x + w / 2, top: y + LABEL_GAP, bottom: y + LABEL_GAP + LINE }],
    ];
    for (const [side, box] of candidates) {
      if (box.left < 0 || box.right > width || box.top < -LINE / 2 || box.bottom > height + LINE / 2) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      placed.push(box);
      sides[i] = side;
      count++;
      break;
    }
  }
  return sides;
}

/** A label as drawn beside its point: one line, cut after a whole word with an ellipsis. */
const shortLabel = (label: string) => labelLines(label, LABEL_WIDTH, FONT_SIZE, 1)[0] ?? '';

/** Three significant digits, whole from 100 (format/number-format.ts). */
const fixed = (v: number) => significant(v, 3);

/**
 * The Vega-Lite spec of a Baujat plot.
 * @example baujatSpec({ title: 'Response', points: [{ label: 'A', x: 0.4, y: 0.1, influential: false }] }) // layered scatter
 */
export function baujatSpec(input: BaujatInput): TopLevelSpec {
  const width = input.width ?? 330;
  const height = input.height ?? 250;
  const points = input.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xMax = niceCeil(Math.max(0, ...points.map((p) => p.x)) * 1.04);
  const yMax = niceCeil(Math.max(0, ...points.map((p) => p.y)) * 1.04);
  const sides = placeLabels(points, xMax, yMax, width, height);
  const rows = points.map((p, i) => ({
    label: p.label,
    text: shortLabel(p.label),
    x: p.x,
    y: p.y,
    xText: fixed(p.x),
    yText: fixed(p.y),
    status: STATUS[p.influential ? 1 : 0],
    side: sides[i],
  }));
  const titles = baujatAxisTitles(input.commonEffect ?? false);
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: titles.x,
    scale: { domain: [0, xMax], nice: false, zero: true },
    axis: { tickCount: 5, grid: true, gridColor: '#eceff3' },
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: titles.y,
    scale: { domain: [0, yMax], nice: false, zero: true },
    axis: { tickCount: 5, grid: true, gridColor: '#eceff3' },
  };
  const placement = {
    right: { align: 'left', baseline: 'middle', dx: LABEL_GAP },
    left: { align: 'right', baseline: 'middle', dx: -LABEL_GAP },
    above: { align: 'center', baseline: 'bottom', dy: -LABEL_GAP },
    below: { align: 'center', baseline: 'top', dy: LABEL_GAP },
  } as const;
  const labels = (side: Side) => ({
    data: { name: 'points' },
    transform: [{ filter: `datum.side === '${side}'` }],
    mark: { type: 'text' as const, ...placement[side], fontSize: FONT_SIZE, color: '#1b1f24', aria: false },
    encoding: { x, y, text: { field: 'text' } },
  });
  const influential = rows.filter((r) => r.status === STATUS[1]).map((r) => r.label);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Baujat plot of ${input.title}: each of ${rows.length} rows by its contribution to the heterogeneity and its influence on the pooled result; ${
      influential.length === 0 ? 'none is influential by metafor\u2019s rule' : `influential by metafor\u2019s rule: ${influential.join(', ')}`
    }.`,
    width,
    height,
    datasets: { points: rows },
    config: {
      view: { stroke: null },
      font: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif',
      axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, titleFontWeight: 'normal', labelColor: '#1b1f24', titleColor: '#4a5361', domainColor: '#8a94a3', tickColor: '#8a94a3' },
      legend: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE },
    },
    layer: [
      {
        data: { name: 'points' },
        // no label per point: the plot's own label names it, and the table beside it is its accessible form
        mark: { type: 'point' as const, filled: true, opacity: 0.85, stroke: '#ffffff', strokeWidth: 0.6, aria: false },
        encoding: {
          x,
          y,
          color: { field: 'status', type: 'nominal' as const, title: null, scale: { domain: [...STATUS], range: [BLUE, RED] }, legend: { orient: 'bottom' as const, direction: 'horizontal' as const } },
          shape: { field: 'status', type: 'nominal' as const, title: null, scale: { domain: [...STATUS], range: ['circle', 'triangle-up'] } },
          size: { condition: { test: `datum.status === '${STATUS[1]}'`, value: 110 }, value: 60 },
          // influential points drawn last, on top
          order: { field: 'status', sort: 'descending' as const },
        },
      },
      ...(['right', 'left', 'above', 'below'] as const).map(labels),
    ],
  } as TopLevelSpec;
}
