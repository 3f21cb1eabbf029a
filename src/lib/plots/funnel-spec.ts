/**
 * Funnel plot as a Vega-Lite spec: a pure function from an outcome's funnel summary to a
 * static spec, rendered to SVG at build time (render-svg.ts).
 *
 * As metafor's `funnel()`: each study's effect (x, on the analysis' transformed scale, the axis
 * labelled in percent through the back-transform) against its standard error (y, 0 at the
 * top); a white pseudo-confidence triangle (estimate ± z·se) on a grey ground, a vertical line at
 * the pooled estimate, Egger's regression line dashed, and the studies trim-and-fill imputes as
 * hollow points. Points that would land on the same half pixel are drawn once, so thousands of
 * studies give a light SVG; marks carry no labels of their own (the SVG is named as a whole, and
 * the page's table lists the points).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FunnelSummary } from '../review/outcome-funnel.ts';
import { arcsineSquareRoot } from '../stats/transforms/arcsine-square-root.ts';
import { backTransform } from '../stats/transforms/back-transform.ts';
import { freemanTukey } from '../stats/transforms/freeman-tukey.ts';
import { logit } from '../stats/transforms/logit.ts';
import { transformedRange } from '../stats/transforms/transformed-range.ts';

export interface FunnelSpecInput {
  /** Outcome name for the description, e.g. "Best overall response rate". */
  title: string;
  funnel: FunnelSummary;
  /** The estimator whose imputed studies are drawn (default L0); null for none. */
  filled?: 'L0' | 'R0' | null;
  /** Size of the plotting area (px); the axes add about 60 px across and 45 down. */
  width?: number;
  height?: number;
}

/** Plot sizes for wide screens and for phones (a 290-px plot is about 350 px with its axes). */
export const FUNNEL_WIDE = { width: 520, height: 330 } as const;
export const FUNNEL_NARROW = { width: 290, height: 260 } as const;

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const INK = '#1b1f24';
const STUDY = '#0b5cad';
const EGGER = '#a4332a';
const GROUND = '#e6e9ee';
/** Least room between two tick labels of the x axis (px). */
const TICK_GAP = 40;

const SCALE_NAMES: Record<FunnelSummary['transform'], string> = {
  PLO: 'logit scale',
  PAS: 'arcsine scale',
  PFT: 'double arcsine scale',
  PRAW: 'proportion',
};

/** A proportion on the plot's x scale: the inverse of the back-transform the analysis uses. */
function forward(p: number, funnel: FunnelSummary): number {
  switch (funnel.transform) {
    case 'PLO':
      return logit(p);
    case 'PAS':
      return arcsineSquareRoot(p);
    case 'PFT':
      return funnel.back_transform === 'miller' ? freemanTukey(p * funnel.harmonic_n, funnel.harmonic_n) : arcsineSquareRoot(p);
    case 'PRAW':
      return p;
  }
}

/** How round a proportion is: the largest of these steps it is a multiple of (ticks are kept roundest first). */
const ROUND_STEPS = [0.5, 0.1, 0.05, 0.01, 0.005, 0.001, 0.0005, 0.0001];
function roundness(p: number): number {
  for (let i = 0; i < ROUND_STEPS.length; i++) {
    const q = p / ROUND_STEPS[i]!;
    if (Math.abs(q - Math.round(q)) < 1e-7) return i;
  }
  return ROUND_STEPS.length;
}

/**
 * Ticks of the x axis at round percentages: the fixed ones (0, 1, 5, 10, … 100%) and evenly
 * spaced ones across the proportions the plot spans, the roundest kept first while each stays
 * TICK_GAP px from the others.
 */
export function funnelTicks(funnel: FunnelSummary, domain: readonly [number, number], width: number): { value: number; label: string }[] {
  const [lowest, highest] = transformedRange(funnel.transform, funnel.back_transform, funnel.harmonic_n);
  const proportionAt = (x: number) => backTransform(Math.min(Math.max(x, lowest), highest), funnel.transform, funnel.back_transform, funnel.harmonic_n);
  const from = Math.max(0, proportionAt(domain[0]));
  const to = Math.min(1, proportionAt(domain[1]));
  const candidates = new Set([0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 1]);
  const step = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1].find((s) => (to - from) / s <= 8) ?? 0.1;
  for (let p = Math.ceil(from / step) * step; p <= to + 1e-12; p += step) candidates.add(Number(p.toFixed(6)));
  const span = domain[1] - domain[0];
  const ticks: { value: number; p: number }[] = [];
  const ordered = [...candidates].sort((a, b) => roundness(a) - roundness(b) || Math.abs(a - 0.5) - Math.abs(b - 0.5));
  for (const p of ordered) {
    const value = forward(p, funnel);
    if (!Number.isFinite(value) || value < domain[0] || value > domain[1]) continue;
    if (ticks.some((t) => (Math.abs(t.value - value) / span) * width < TICK_GAP)) continue;
    ticks.push({ value, p });
  }
  return ticks.sort((a, b) => a.value - b.value).map((t) => ({ value: t.value, label: `${Number((t.p * 100).toFixed(2))}%` }));
}

/**
 * The most points a funnel plot draws: beyond it the drawing would outweigh the page (each
 * point is a mark of the SVG), and the picture does not change.
 */
export const FUNNEL_MAX_POINTS = 120;

/**
 * The points a funnel plot draws of `points` (all of them up to `max`): half the budget for
 * those furthest from the pooled estimate in standard errors (where asymmetry shows), half
 * spread evenly over the standard errors of the rest.
 */
export function funnelPointsDrawn<T extends { yi: number; sei: number }>(points: readonly T[], estimate: number, max = FUNNEL_MAX_POINTS): T[] {
  if (points.length <= max) return [...points];
  const far = (p: T) => Math.abs(p.yi - estimate) / (p.sei || 1);
  const order = points.map((_, i) => i).sort((a, b) => far(points[b]!) - far(points[a]!));
  const kept = new Set(order.slice(0, Math.floor(max / 2)));
  const rest = order.slice(Math.floor(max / 2)).sort((a, b) => points[a]!.sei - points[b]!.sei);
  const spread = max - kept.size;
  for (let j = 0; j < spread; j++) kept.add(rest[Math.floor((j * rest.length) / spread)]!);
  return points.filter((_, i) => kept.has(i));
}

/**
 * The Vega-Lite spec of a funnel plot.
 * @example funnelSpec({ title: 'Response', funnel: summary }) // a layered TopLevelSpec
 */
export function funnelSpec(input: FunnelSpecInput): TopLevelSpec {
  const { funnel } = input;
  const width = input.width ?? FUNNEL_WIDE.width;
  const height = input.height ?? FUNNEL_WIDE.height;
  const trimFill = input.filled === null ? null : funnel.trim_and_fill[input.filled ?? 'L0'];
  const filled = trimFill?.filled ?? [];
  const seMax = funnel.region.se_max;
  const seTop = seMax > 0 ? seMax * 1.04 : 1;

  // x: every point, the region's base and the estimate, with a margin
  const xs = [funnel.estimate - funnel.z * seTop, funnel.estimate + funnel.z * seTop, ...funnel.studies.map((s) => s.yi), ...filled.map((f) => f.yi)];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const margin = (xMax - xMin || 1) * 0.04;
  const domain = [xMin - margin, xMax + margin] as const;
  const ticks = funnelTicks(funnel, domain, width);
  const labelExpr = `${JSON.stringify(ticks.map((t) => t.label))}[indexof(${JSON.stringify(ticks.map((t) => t.value))}, datum.value)]`;
  const xScale = { domain: [...domain], nice: false, zero: false };
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    scale: xScale,
    axis: {
      title: funnel.transform === 'PRAW' ? 'Proportion' : `Proportion (${SCALE_NAMES[funnel.transform]})`,
      values: ticks.map((t) => t.value),
      labelExpr,
      grid: false,
      labelFlush: true,
    },
  };
  const yScale = { domain: [0, seTop], reverse: true, nice: false, zero: true };
  const y = { field: 'se', type: 'quantitative' as const, scale: yScale, axis: { title: 'Standard error', tickCount: 5, format: '.3~f', grid: false } };
  // filled points overlap observed ones when k is large: smaller, lighter marks
  const many = funnel.studies.length + filled.length > 150;
  const pointSize = many ? 16 : 38;
  // Imputed points first, so the observed ones are drawn over them. Points that would land on the
  // same half pixel are drawn once: thousands of studies give the same picture in a fraction of the SVG.
  const seen = new Set<string>();
  const points: { x: number; se: number; kind: string }[] = [];
  const span = domain[1] - domain[0];
  const drawnStudies = funnelPointsDrawn(funnel.studies, funnel.estimate);
  const drawnFilled = funnelPointsDrawn(filled, funnel.estimate, Math.floor(FUNNEL_MAX_POINTS / 4));
  for (const [kind, list] of [['Filled', drawnFilled], ['Study', drawnStudies]] as const) {
    for (const p of list) {
      const key = `${kind} ${Math.round(((p.yi - domain[0]) / span) * width * 2)} ${Math.round((p.sei / seTop) * height * 2)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      points.push({ x: p.yi, se: p.sei, kind });
    }
  }
  const pointKinds = filled.length > 0 ? ['Study', 'Filled'] : ['Study'];
  const legendLabels = `datum.label === 'Filled' ? 'Imputed by trim-and-fill (${trimFill?.estimator ?? 'L0'})' : 'Observed study'`;
  // one entry a line on a narrow plot, so the legend is never wider than the plot; none without imputed points
  const legend = filled.length > 0 ? { title: null, orient: 'bottom', direction: width < 400 ? 'vertical' : 'horizontal', labelExpr: legendLabels, symbolStrokeWidth: 1.2 } : null;

  const layers: unknown[] = [
    // pseudo-confidence region: white triangle on the grey ground
    {
      // drawn to the foot of the plot: the region is estimate ± z·se at every se
      data: { values: [{ se: 0, x: funnel.estimate, x2: funnel.estimate }, { se: seTop, x: funnel.estimate - funnel.z * seTop, x2: funnel.estimate + funnel.z * seTop }] },
      mark: { type: 'area', color: '#ffffff', opacity: 1, clip: true, aria: false },
      encoding: { y, x, x2: { field: 'x2' } },
    },
    {
      data: { values: [-1, 1].map((sign) => ({ se: 0, x: funnel.estimate, xEnd: funnel.estimate + sign * funnel.z * seTop })) },
      mark: { type: 'rule', color: '#8a94a3', strokeDash: [2, 2], strokeWidth: 1, clip: true, aria: false },
      encoding: { y, x, x2: { field: 'xEnd' }, y2: { datum: seTop } },
    },
    // the pooled estimate
    {
      data: { values: [{ x: funnel.estimate, se: 0 }] },
      mark: { type: 'rule', color: INK, strokeWidth: 1.2, aria: false },
      encoding: { x, y, y2: { datum: seTop } },
    },
  ];
  if (funnel.egger) {
    const { intercept, slope } = funnel.egger;
    layers.push({
      data: { values: [{ x: intercept, se: 0, xEnd: intercept + slope * seTop }] },
      mark: { type: 'rule', color: EGGER, strokeDash: [6, 4], strokeWidth: 1.6, clip: true, aria: false },
      encoding: { x, y, x2: { field: 'xEnd' }, y2: { datum: seTop } },
    });
  }
  layers.push({
    data: { values: points },
    mark: { type: 'point', shape: 'circle', size: pointSize, strokeWidth: 1.2, opacity: many ? 0.75 : 0.95, clip: true, aria: false },
    encoding: {
      x,
      y,
      fill: { field: 'kind', type: 'nominal', scale: { domain: pointKinds, range: ['#0b5cad', '#ffffff'].slice(0, pointKinds.length) }, legend },
      stroke: { field: 'kind', type: 'nominal', scale: { domain: pointKinds, range: pointKinds.map(() => STUDY) }, legend },
    },
  });

  const parts = [
    `Funnel plot of ${input.title}: ${funnel.studies.length} ${funnel.studies.length === 1 ? 'study' : 'studies'}, effect against standard error`,
    funnel.egger ? "with Egger's regression line" : '',
    filled.length > 0 ? `and ${filled.length} ${filled.length === 1 ? 'study' : 'studies'} imputed by trim-and-fill (${trimFill!.estimator})` : '',
  ].filter(Boolean);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${parts.join(' ')}.`,
    width,
    height,
    config: {
      view: { fill: GROUND, stroke: null },
      font: FONT,
      axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelColor: INK, titleColor: '#4a5361' },
      legend: { labelFontSize: 11, symbolSize: 60, labelLimit: 320 },
    },
    layer: layers,
  } as TopLevelSpec;
}
