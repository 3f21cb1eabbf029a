/**
 * Bubble plot of a meta-regression on one continuous moderator, as a Vega-Lite spec: each study
 * a circle at (moderator value, observed proportion) with its area proportional to its weight
 * in the model, and the fitted proportion as a line inside its confidence band. Static: the
 * spec is drawn to SVG at build time (render-svg.ts), and the figure's data table is its
 * alternative. Fonts and colours follow the forest plot (forest-spec.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatWithDigits, outcomeFormat, weightPercent } from '../format/number-format.ts';

export interface BubbleInput {
  /** what the plot shows, e.g. "Response by median age" (the spec's description) */
  title: string;
  /** the x axis title, e.g. "Median age (years)" */
  xTitle: string;
  /** y axis title (default "Proportion (%)") */
  yTitle?: string;
  studies: readonly { label: string; x: number; proportion: number; weight: number }[];
  /** the fitted proportion and its CI over the moderator's range, proportions (0-1) */
  line: readonly { x: number; estimate: number; ci_lower: number; ci_upper: number }[];
  /** plot area in px (default 560 × 300) */
  width?: number;
  height?: number;
  /** font size of the axes (default 11; larger for the narrow version drawn for phones) */
  fontSize?: number;
  /** Decimals of the tooltips' percentages: the outcome's (number-format.ts); from the studies' weighted mean when left out. */
  digits?: number;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const INK = '#1b1f24';
const ACCENT = '#0b5cad';
const BAND = '#8fb5dc';

/** The top of the y axis in percent: the data's largest value rounded up to a tidy step, at most 100. */
function yMaximum(values: readonly number[]): number {
  const largest = Math.max(1, ...values.filter((v) => Number.isFinite(v)));
  const step = largest > 50 ? 20 : largest > 20 ? 10 : largest > 5 ? 5 : 1;
  return Math.min(100, Math.ceil((largest * 1.05) / step) * step);
}

/**
 * The Vega-Lite spec of a bubble plot.
 * @example bubbleSpec({ title: 'Response by dose', xTitle: 'Dose (mg)', studies, line }) // -> a layered TopLevelSpec
 */
export function bubbleSpec(input: BubbleInput): TopLevelSpec {
  const width = input.width ?? 560;
  const height = input.height ?? 300;
  const fontSize = input.fontSize ?? 11;
  const percent = (p: number) => Math.round(p * 1e6) / 1e4;
  const totalWeight = input.studies.reduce((sum, s) => sum + s.weight, 0);
  const mean = totalWeight > 0 ? input.studies.reduce((sum, s) => sum + s.weight * s.proportion, 0) / totalWeight : 0.5;
  const f = input.digits !== undefined ? formatWithDigits(input.digits) : outcomeFormat(mean);
  const studies = input.studies.map((s) => ({
    label: s.label,
    x: s.x,
    y: percent(s.proportion),
    weight: s.weight,
    text: `${f.pct(s.proportion)}%, weight ${weightPercent(s.weight)}`,
  }));
  const line = input.line.map((p) => ({ x: p.x, y: percent(p.estimate), lower: percent(p.ci_lower), upper: percent(p.ci_upper) }));
  const top = yMaximum([...studies.map((s) => s.y), ...line.map((p) => p.upper)]);
  let xMin = Infinity;
  let xMax = -Infinity;
  for (const { x } of [...studies, ...line]) {
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
  }
  const pad = xMax > xMin ? (xMax - xMin) * 0.04 : 1;
  const xScale = { domain: [xMin - pad, xMax + pad], nice: false, zero: false };
  const yScale = { domain: [0, top], nice: false, zero: true, clamp: true };
  const xAxis = { title: input.xTitle, tickCount: 6, grid: false };
  const yAxis = { title: input.yTitle ?? 'Proportion (%)', tickCount: 5, grid: true, gridColor: '#e3e6ea' };
  const maxWeight = Math.max(1e-9, ...studies.map((s) => s.weight));
  // circle areas: the largest study gets about 1/90 of the plot area, the smallest stays visible
  const maxArea = Math.max(200, Math.min(1400, (width * height) / 90));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Bubble plot: ${input.title}`,
    width,
    height,
    config: {
      view: { stroke: null },
      font: FONT,
      axis: { labelFontSize: fontSize, titleFontSize: fontSize, titleFontWeight: 'bold', labelColor: INK, titleColor: INK, domainColor: '#8a94a3', tickColor: '#8a94a3' },
    },
    layer: [
      {
        data: { values: line },
        mark: { type: 'area', color: BAND, opacity: 0.45 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, axis: xAxis },
          y: { field: 'lower', type: 'quantitative', scale: yScale, axis: yAxis },
          y2: { field: 'upper' },
        },
      },
      {
        data: { values: studies },
        mark: { type: 'circle', color: ACCENT, opacity: 0.35, stroke: ACCENT, strokeWidth: 1, strokeOpacity: 0.9 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale },
          y: { field: 'y', type: 'quantitative', scale: yScale },
          size: { field: 'weight', type: 'quantitative', scale: { domain: [0, maxWeight], range: [12, maxArea] }, legend: null },
          tooltip: [
            { field: 'label', title: 'Study' },
            { field: 'x', title: input.xTitle },
            { field: 'text', title: 'Proportion, weight' },
          ],
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', color: ACCENT, strokeWidth: 2 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale },
          y: { field: 'y', type: 'quantitative', scale: yScale },
        },
      },
    ],
  } as TopLevelSpec;
}
