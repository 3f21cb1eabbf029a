/**
 * Forest plot as a Vega-Lite spec: a pure function from pooled results to a spec, so the same
 * spec renders to static SVG at build time and to an interactive chart in the browser.
 *
 * Layout: four aligned columns (study, events/n, proportion [CI], weight) around the plot; the
 * columns and tooltips name the intervals at the input's confidence `level` ("90% CI").
 * Every row has a numeric position `y`; squares are sized by weight, diamonds span the
 * confidence interval of each subgroup and of the overall estimate, and a bar below the
 * overall diamond shows the prediction interval. A study label too long for its column wraps
 * at word boundaries over two lines (its row grows to hold them), and past two lines ends in an
 * ellipsis after a whole word; the tooltip and the figure's data table give it in full.
 *
 * The axis is fitted to the data (forestAxis): it spans every study's estimate and every pooled
 * estimate with its confidence and prediction interval, on round ticks, at least 10 percentage
 * points wide, within 0-100%. A study's confidence interval that runs past it ends in an arrow.
 * Under the pooled rows a line names the model, and each subgroup subtotal gives its weight.
 *
 * Its text follows the site's number rule (format/number-format.ts): every proportion at the
 * outcome's digits (`digits`, else those of the overall estimate), weights with one decimal.
 */
import type { TopLevelSpec } from 'vega-lite';
import { labelLines } from './label-lines.ts';
import { ciName, count, formatWithDigits, outcomeFormat, piName, weightPercent, type OutcomeFormat } from '../format/number-format.ts';
import type { ForestRobMark } from './forest-rob.ts';

/** One study row, on the proportion scale (0-1). */
export interface ForestStudy {
  label: string;
  events: number;
  n: number;
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Weight in percent of the analysis it belongs to. */
  weight: number;
  /** Subgroup level label, when the plot is split by a subgroup variable. */
  group?: string;
  /** Extra text for the tooltip, e.g. the source table. */
  note?: string;
  /** Risk-of-bias judgements, one per column of `robColumns` (null: not judged). */
  rob?: (ForestRobMark | null)[];
}

/** A pooled estimate (overall or one subgroup), proportion scale. */
export interface ForestPooled {
  label: string;
  /** Rows pooled (cohorts). */
  k: number;
  /** Trials they come from, when fewer than k (a trial gives several cohorts). */
  trials?: number;
  events: number;
  n: number;
  estimate: number;
  ciLower: number;
  ciUpper: number;
  piLower?: number;
  piUpper?: number;
  /** A subgroup's weight in the overall analysis (its studies' weights summed), in percent. */
  weight?: number;
  /** e.g. "I² = 63.3%, τ² = 0.031, p < 0.001" */
  heterogeneity: string;
}

export interface ForestInput {
  title: string;
  studies: ForestStudy[];
  /** Subgroup results in display order; studies are grouped under them by `group`. */
  subgroups?: ForestPooled[];
  /** e.g. "Test for subgroup differences: Q = 3.59, df = 1, p = 0.058" */
  subgroupTest?: string;
  overall: ForestPooled;
  /** The model in words, drawn under the pooled rows, e.g. "Random-effects model (inverse variance, REML estimate of τ², …)". */
  model?: string;
  /** Axis label, e.g. "Proportion (%)". */
  axisTitle?: string;
  width?: number;
  /** Risk-of-bias columns drawn after the weights (D1 … Dn, Overall), when the review declares a tool. */
  robColumns?: { header: string; label: string }[];
  /** Decimals of every percentage (the outcome's, outcomeFormat); those of the overall estimate when left out. */
  digits?: number;
  /** Confidence level (0-1) of the intervals, as pooled (the release's analysis.level); FOREST_DEFAULT_LEVEL when left out. */
  level?: number;
}

/** The confidence level a forest plot names when its input gives none (review.yaml's default). */
export const FOREST_DEFAULT_LEVEL = 0.95;

/** The heading of a plot's estimate column at `level` (0-1): "% [90% CI]". */
export function forestEstimateHeading(level: number = FOREST_DEFAULT_LEVEL): string {
  return `% [${ciName(level)}]`;
}

type RowKind = 'heading' | 'study' | 'subgroup' | 'overall' | 'pi' | 'note';

export interface ForestRow {
  /** Vertical position (centre of the row), in row units: a two-line row takes WRAPPED_ROW units. */
  y: number;
  kind: RowKind;
  /** The full label (tooltips). */
  label: string;
  /** Study rows: the label as drawn, its lines joined by a line break (see labelLines). */
  labelText?: string;
  /** Study rows: how many lines the drawn label takes. */
  lines?: number;
  eventsText: string;
  estimateText: string;
  weightText: string;
  estimate?: number;
  ciLower?: number;
  ciUpper?: number;
  weight?: number;
  group?: string;
  note?: string;
  rob?: (ForestRobMark | null)[];
}

/** Width of the study label column, and the font size and line height of its text (px). */
const LABEL_COLUMN = 215;
const FONT_SIZE = 11;
const LINE_HEIGHT = 13;
/** Room left between a label and the column's edge (px). */
const LABEL_MARGIN = 6;
/** Height of a row whose label takes two lines, in row units. */
export const WRAPPED_ROW = 1.6;

/** "k = 5", or "6 cohorts from 5 trials" when some trial gives more than one cohort. */
export function countText(k: number, trials?: number): string {
  return trials !== undefined && trials !== k ? `${k} cohorts from ${trials} ${trials === 1 ? 'trial' : 'trials'}` : `k = ${k}`;
}
/** The number format of a plot's input: the outcome's digits. */
const formatFor = (input: ForestInput): OutcomeFormat =>
  input.digits !== undefined ? formatWithDigits(input.digits) : outcomeFormat(input.overall.estimate);

const noteRow = (label: string): ForestRow => ({ y: 0, kind: 'note', label, eventsText: '', estimateText: '', weightText: '' });

function pooledRows(f: OutcomeFormat, p: ForestPooled, kind: 'subgroup' | 'overall', y: number, model?: string): ForestRow[] {
  const rows: ForestRow[] = [
    {
      y,
      kind,
      label: p.label,
      eventsText: `${count(p.events)}/${count(p.n)}`,
      estimateText: f.bracketed(p.estimate, p.ciLower, p.ciUpper),
      weightText: kind === 'overall' ? weightPercent(100) : p.weight !== undefined ? weightPercent(p.weight) : '',
      estimate: p.estimate,
      ciLower: p.ciLower,
      ciUpper: p.ciUpper,
    },
  ];
  if (p.piLower !== undefined && p.piUpper !== undefined) {
    rows.push({
      y: y + 1,
      kind: 'pi',
      label: 'Prediction interval',
      eventsText: '',
      estimateText: `[${f.pct(p.piLower)}, ${f.pct(p.piUpper)}]`,
      weightText: '',
      ciLower: p.piLower,
      ciUpper: p.piUpper,
    });
  }
  if (model) rows.push({ ...noteRow(model), y: rows.length + y });
  rows.push({ ...noteRow(p.heterogeneity), y: rows.length + y });
  return rows;
}

function studyRow(f: OutcomeFormat, s: ForestStudy, y: number): ForestRow {
  const lines = labelLines(s.label, LABEL_COLUMN - LABEL_MARGIN, FONT_SIZE);
  return {
    y,
    kind: 'study',
    label: s.label,
    labelText: lines.join('\n'),
    lines: lines.length,
    eventsText: `${count(s.events)}/${count(s.n)}`,
    estimateText: f.bracketed(s.estimate, s.ciLower, s.ciUpper),
    weightText: weightPercent(s.weight),
    estimate: s.estimate,
    ciLower: s.ciLower,
    ciUpper: s.ciUpper,
    weight: s.weight,
    ...(s.group !== undefined ? { group: s.group } : {}),
    ...(s.note !== undefined ? { note: s.note } : {}),
    ...(s.rob !== undefined ? { rob: s.rob } : {}),
  };
}

/** Height of a row in row units. */
const rowUnits = (row: ForestRow) => ((row.lines ?? 1) > 1 ? WRAPPED_ROW : 1);

/** The rows of the plot, top to bottom, each with its vertical position. */
export function forestRows(input: ForestInput): ForestRow[] {
  const rows: ForestRow[] = [];
  const f = formatFor(input);
  let top = 0;
  const push = (r: ForestRow[]) => {
    for (const row of r) {
      const units = rowUnits(row);
      // the centre of the row: its index when every row above takes one unit
      rows.push({ ...row, y: top + (units - 1) / 2 });
      top += units;
    }
  };
  if (input.subgroups && input.subgroups.length > 0) {
    for (const sg of input.subgroups) {
      push([{ y: 0, kind: 'heading', label: sg.label, eventsText: '', estimateText: '', weightText: '' }]);
      push(input.studies.filter((s) => s.group === sg.label).map((s) => studyRow(f, s, 0)));
      push(pooledRows(f, { ...sg, label: `Subtotal (${countText(sg.k, sg.trials)})` }, 'subgroup', 0));
    }
    if (input.subgroupTest) push([noteRow(input.subgroupTest)]);
  } else {
    push(input.studies.map((s) => studyRow(f, s, 0)));
  }
  push(pooledRows(f, { ...input.overall, label: `Overall (${countText(input.overall.k, input.overall.trials)})` }, 'overall', 0, input.model));
  return rows;
}

/** The x axis of a forest plot, on the proportion scale. */
export interface ForestAxis {
  /** The axis' ends, e.g. [0, 0.1]. */
  domain: [number, number];
  /** Tick positions from end to end, e.g. [0, 0.02, …, 0.1]. */
  ticks: number[];
}

/** The narrowest axis drawn, in percentage points. */
export const FOREST_MIN_AXIS_WIDTH = 10;
/** Tick steps tried, in percentage points: the smallest that gives at most four intervals (room for their labels on a phone). */
const TICK_STEPS = [2, 2.5, 5, 10, 20, 25];
const MAX_TICK_INTERVALS = 4;

/**
 * The axis of a plot's rows: from the smallest to the largest of every study's estimate and
 * every pooled estimate's confidence and prediction bounds, padded a little, at least
 * FOREST_MIN_AXIS_WIDTH points wide, rounded out to at most four intervals between ticks 2,
 * 2.5, 5, 10, 20 or 25 points apart, within
 * 0-100%. Studies' confidence intervals do not widen it: a small study's interval (0/3 events:
 * 0% to 71%) would squeeze a rare outcome's pooled estimate against 0; past the axis they end
 * in an arrow, and the row's text gives them.
 * @example forestAxis(forestRows(input)) // -> { domain: [0, 0.1], ticks: [0, 0.025, 0.05, 0.075, 0.1] } for a rare harm
 */
export function forestAxis(rows: readonly ForestRow[]): ForestAxis {
  const values: number[] = [];
  for (const r of rows) {
    if (r.kind === 'study' && r.estimate !== undefined) values.push(r.estimate);
    if ((r.kind === 'subgroup' || r.kind === 'overall' || r.kind === 'pi') && r.ciLower !== undefined && r.ciUpper !== undefined) values.push(r.ciLower, r.ciUpper);
  }
  const finite = values.filter(Number.isFinite).map((v) => Math.min(100, Math.max(0, v * 100)));
  let lo = finite.length > 0 ? Math.min(...finite) : 0;
  let hi = finite.length > 0 ? Math.max(...finite) : 100;
  const pad = Math.max((hi - lo) * 0.04, 0.5);
  lo = Math.max(0, lo - pad);
  hi = Math.min(100, hi + pad);
  if (hi - lo < FOREST_MIN_AXIS_WIDTH) {
    const centre = (lo + hi) / 2;
    lo = Math.min(100 - FOREST_MIN_AXIS_WIDTH, Math.max(0, centre - FOREST_MIN_AXIS_WIDTH / 2));
    hi = lo + FOREST_MIN_AXIS_WIDTH;
  }
  const step = TICK_STEPS.find((s) => Math.ceil(hi / s - 1e-9) - Math.floor(lo / s + 1e-9) <= MAX_TICK_INTERVALS) ?? 25;
  const from = Math.floor(lo / step + 1e-9) * step;
  const to = Math.min(100, Math.ceil(hi / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let t = from; t <= to + 1e-9; t += step) ticks.push(Math.round(t * 10) / 1000);
  return { domain: [from / 100, to / 100], ticks };
}

/** Arrow heads where a study's confidence interval runs past the axis: two strokes each, in data units. */
function ciArrows(rows: readonly ForestRow[], axis: ForestAxis) {
  const [lo, hi] = axis.domain;
  const head = (hi - lo) * 0.025;
  const eps = (hi - lo) * 1e-6;
  return rows.flatMap((r) => {
    if (r.kind !== 'study' || r.ciLower === undefined || r.ciUpper === undefined) return [];
    const ends: { x: number; x2: number }[] = [];
    if (r.ciUpper > hi + eps) ends.push({ x: hi, x2: hi - head });
    if (r.ciLower < lo - eps) ends.push({ x: lo, x2: lo + head });
    return ends.flatMap((e) => [
      { ...e, y: r.y, y2: r.y - 0.22 },
      { ...e, y: r.y, y2: r.y + 0.22 },
    ]);
  });
}

/** Height of the rows in row units (one per row, WRAPPED_ROW for a two-line label). */
export function forestUnits(rows: readonly ForestRow[]): number {
  let units = 0;
  for (const row of rows) units += rowUnits(row);
  return units;
}

const ROW_HEIGHT = 20;
type ForestTextField = 'label' | 'eventsText' | 'estimateText' | 'weightText';
const DIAMOND_HALF = 0.38;

/** Diamond outlines as area-mark points: left tip, centre (full height), right tip. */
function diamondPoints(rows: ForestRow[]) {
  return rows
    .filter((r) => (r.kind === 'subgroup' || r.kind === 'overall') && r.estimate !== undefined)
    .flatMap((r) => [
      { id: r.y, kind: r.kind, x: r.ciLower!, lo: r.y, hi: r.y },
      { id: r.y, kind: r.kind, x: r.estimate!, lo: r.y - DIAMOND_HALF, hi: r.y + DIAMOND_HALF },
      { id: r.y, kind: r.kind, x: r.ciUpper!, lo: r.y, hi: r.y },
    ]);
}

/** Width of a risk-of-bias column, and of the overall judgement's (px). */
const ROB_COLUMN = 18;
const ROB_OVERALL_COLUMN = 46;

/** The risk-of-bias columns (as R meta's rob() draws them): a circle with its symbol per judgement, headed D1 … Dn, Overall. */
function robColumnsSpec(columns: readonly { header: string; label: string }[], rows: readonly ForestRow[], y: object, height: number) {
  const width = (columns.length - 1) * ROB_COLUMN + ROB_OVERALL_COLUMN;
  const centre = (i: number) => (i < columns.length - 1 ? (i + 0.5) * ROB_COLUMN : width - ROB_OVERALL_COLUMN / 2);
  const cells = rows.flatMap((r) =>
    r.kind === 'study' && r.rob
      ? r.rob.flatMap((m, i) => (m && columns[i] ? [{ y: r.y, x: centre(i), colour: m.colour, ink: m.ink, symbol: m.symbol, tip: `${columns[i]!.label}: ${m.label}`, study: r.label }] : []))
      : [],
  );
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, width], nice: false, zero: false }, axis: null };
  return {
    width,
    height,
    title: { text: ' ', fontSize: FONT_SIZE },
    layer: [
      {
        data: { values: columns.map((c, i) => ({ x: centre(i), header: c.header, label: c.label })) },
        mark: { type: 'text' as const, align: 'center' as const, baseline: 'bottom' as const, fontSize: 9, fontWeight: 'bold' as const, aria: false },
        encoding: { x, y: { value: -3 }, text: { field: 'header' }, tooltip: { field: 'label', title: 'Risk of bias' } },
      },
      {
        // named, so that the risk-of-bias cells are told apart from the studies' squares (class rob_cells_marks)
        name: 'rob_cells',
        data: { values: cells },
        // No description per mark (it would weigh more than the marks): the data table gives every judgement.
        mark: { type: 'circle' as const, size: 150, opacity: 1, stroke: '#1b1f24', strokeWidth: 0.6, aria: false },
        encoding: {
          x,
          y,
          color: { field: 'colour', type: 'nominal' as const, scale: null, legend: null },
          tooltip: [{ field: 'study', title: 'Study' }, { field: 'tip', title: 'Risk of bias' }],
        },
      },
      {
        data: { values: cells },
        mark: { type: 'text' as const, align: 'center' as const, baseline: 'middle' as const, fontSize: 10, fontWeight: 'bold' as const, aria: false },
        encoding: { x, y, text: { field: 'symbol' }, color: { field: 'ink', type: 'nominal' as const, scale: null, legend: null } },
      },
    ],
  };
}

/**
 * The Vega-Lite spec of a forest plot.
 * @example forestSpec({ title: 'Response', studies, overall }) // -> a TopLevelSpec with hconcat columns
 */
export function forestSpec(input: ForestInput): TopLevelSpec {
  const rows = forestRows(input);
  const units = forestUnits(rows);
  const height = units * ROW_HEIGHT;
  const width = input.width ?? 300;
  const level = input.level ?? FOREST_DEFAULT_LEVEL;
  const ydomain = [-0.7, units - 0.3];
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: ydomain, reverse: true, nice: false, zero: false }, axis: null };
  const textLayer = (field: ForestTextField, w: number, align: 'left' | 'right', filter: string, style: { fontWeight?: 'bold'; fontStyle?: 'italic' }) => ({
    data: { name: 'rows' },
    transform: [{ filter }],
    // Notes and headings run across the empty columns beside them.
    mark: { type: 'text' as const, align, baseline: 'middle' as const, fontSize: FONT_SIZE, ...style },
    encoding: { y, x: { value: align === 'left' ? 0 : w }, text: { field } },
  });
  // Study labels as laid out by labelLines (never cut by the renderer, which would cut inside a
  // word); a two-line label is moved up half a line so that its two lines centre on the row.
  const studyLabels = (lines: 1 | 2) => ({
    data: { name: 'rows' },
    transform: [{ filter: `datum.kind === 'study' && datum.lines ${lines === 1 ? '<' : '>='} 2` }],
    mark: {
      type: 'text' as const,
      align: 'left' as const,
      baseline: 'middle' as const,
      fontSize: FONT_SIZE,
      lineHeight: LINE_HEIGHT,
      lineBreak: '\n',
      ...(lines === 2 ? { dy: -LINE_HEIGHT / 2 } : {}),
    },
    encoding: { y, x: { value: 0 }, text: { field: 'labelText' }, tooltip: { field: 'label', title: 'Study' } },
  });
  const textColumn = (field: ForestTextField, title: string, w: number, align: 'left' | 'right') => ({
    width: w,
    height,
    title: { text: title, anchor: align === 'left' ? ('start' as const) : ('end' as const), fontSize: FONT_SIZE, fontWeight: 'bold' as const },
    layer: [
      ...(field === 'label'
        ? [textLayer(field, w, align, "datum.kind === 'pi'", {}), studyLabels(1), studyLabels(2)]
        : [textLayer(field, w, align, "datum.kind === 'study' || datum.kind === 'pi'", {})]),
      textLayer(field, w, align, "datum.kind === 'heading' || datum.kind === 'subgroup' || datum.kind === 'overall'", { fontWeight: 'bold' }),
      textLayer(field, w, align, "datum.kind === 'note'", { fontStyle: 'italic' }),
    ],
  });
  const axis = forestAxis(rows);
  const xScale = { domain: axis.domain, nice: false, clamp: true, zero: false };
  const xAxis = { format: '.1~%', title: input.axisTitle ?? 'Proportion', values: axis.ticks, grid: false };
  const arrows = ciArrows(rows, axis);
  const overall = rows.find((r) => r.kind === 'overall');
  const plot = {
    width,
    height,
    title: { text: ' ', fontSize: 11 },
    layer: [
      ...(overall?.estimate !== undefined
        ? [{ data: { values: [{ x: overall.estimate }] }, mark: { type: 'rule' as const, strokeDash: [3, 3], color: '#8a94a3' }, encoding: { x: { field: 'x', type: 'quantitative' as const, scale: xScale, axis: xAxis } } }]
        : []),
      {
        data: { name: 'rows' },
        transform: [{ filter: "datum.kind === 'study'" }],
        mark: { type: 'rule' as const, color: '#1b1f24' },
        encoding: { y, x: { field: 'ciLower', type: 'quantitative' as const, scale: xScale, axis: xAxis }, x2: { field: 'ciUpper' } },
      },
      ...(arrows.length > 0
        ? [
            {
              data: { values: arrows },
              mark: { type: 'rule' as const, color: '#1b1f24', aria: false },
              encoding: {
                x: { field: 'x', type: 'quantitative' as const, scale: xScale },
                x2: { field: 'x2' },
                y: { field: 'y', type: 'quantitative' as const, scale: y.scale, axis: null },
                y2: { field: 'y2' },
              },
            },
          ]
        : []),
      {
        data: { name: 'rows' },
        transform: [{ filter: "datum.kind === 'study'" }],
        mark: { type: 'square' as const, color: '#0b5cad', opacity: 1 },
        encoding: {
          y,
          x: { field: 'estimate', type: 'quantitative' as const, scale: xScale },
          size: { field: 'weight', type: 'quantitative' as const, scale: { domain: [0, 30], range: [12, 220], clamp: true }, legend: null },
          tooltip: [
            { field: 'label', title: 'Study' },
            { field: 'eventsText', title: 'Events/n' },
            { field: 'estimateText', title: `Proportion ${forestEstimateHeading(level)}` },
            { field: 'weightText', title: 'Weight' },
            { field: 'note', title: 'Source' },
          ],
        },
      },
      {
        data: { name: 'rows' },
        transform: [{ filter: "datum.kind === 'pi'" }],
        mark: { type: 'rule' as const, color: '#a4332a', strokeWidth: 3 },
        encoding: {
          y,
          x: { field: 'ciLower', type: 'quantitative' as const, scale: xScale },
          x2: { field: 'ciUpper' },
          tooltip: [{ field: 'label', title: '' }, { field: 'estimateText', title: `${piName(level)} %` }],
        },
      },
      {
        data: { values: diamondPoints(rows) },
        mark: { type: 'area' as const, orient: 'vertical' as const, stroke: '#1b1f24', strokeWidth: 0.8 },
        encoding: {
          x: { field: 'x', type: 'quantitative' as const, scale: xScale },
          y: { field: 'lo', type: 'quantitative' as const, scale: y.scale, axis: null },
          y2: { field: 'hi' },
          detail: { field: 'id' },
          color: { field: 'kind', type: 'nominal' as const, scale: { domain: ['subgroup', 'overall'], range: ['#8fb5dc', '#0b5cad'] }, legend: null },
        },
      },
    ],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Forest plot: ${input.title}`,
    datasets: { rows: rows as unknown as Record<string, unknown>[] },
    config: { view: { stroke: null }, font: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 11 } },
    hconcat: [
      textColumn('label', 'Study', LABEL_COLUMN, 'left'),
      textColumn('eventsText', 'Events/n', 58, 'right'),
      plot,
      textColumn('estimateText', forestEstimateHeading(level), 130, 'right'),
      textColumn('weightText', 'Weight', 52, 'right'),
      ...(input.robColumns && rows.some((r) => r.rob) ? [robColumnsSpec(input.robColumns, rows, y, height)] : []),
    ],
    spacing: 8,
    // Lay columns out by their given widths: notes overflow into the empty columns beside them.
    bounds: 'flush',
    resolve: { scale: { y: 'shared' } },
  } as TopLevelSpec;
}
