/**
 * Forest plots of pooled estimates as plain HTML, one bar per table row (leave-one-out,
 * cumulative, method robustness): each row's interval a line and its estimate a dot (or a
 * diamond), placed with a CSS left and width in percent on an axis every row shares, and a
 * dashed reference line at the full analysis' estimate. The table around the bars is their text
 * alternative; this module only turns rows into positions, so the page stays light (a couple of
 * short inline styles per row, no drawing per row). The axis is forestAxis's (forest-spec.ts):
 * round ticks, at least 10 points wide, within 0-100%.
 */
import { forestAxis, type ForestAxis, type ForestRow } from './forest-spec.ts';

/** One row: a pooled estimate and its interval on the proportion scale (0-1); null where there is none. */
export interface SummaryInterval {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /**
   * Whether the interval widens the axis (true when left out). A single study's interval (1 of
   * 2 events: 1% to 99%) would squeeze every other row; give false and only its estimate counts,
   * its line ending in an arrow where it runs past the axis.
   */
  widens?: boolean;
  /** A diamond from lower to upper (a pooled row, as the full analysis) instead of a line and a dot. */
  diamond?: boolean;
}

/** Where one row's marks go: CSS declarations in percent of the bar's width. */
export interface SummaryBar {
  /** The interval's line, e.g. "left:21.1%;width:35.2%". */
  line?: string;
  /** Classes for the ends of the line that run past the axis: "sf-lo", "sf-hi" or both. */
  ends?: string;
  /** The estimate's dot, e.g. "left:37.5%". */
  dot?: string;
  /** A diamond's left, width and tip (percent of its own width), e.g. "left:30%;width:12%;--t:40%". */
  diamond?: string;
}

/** The bars of a table's rows, its axis ticks and the custom properties the table carries. */
export interface SummaryForest {
  bars: SummaryBar[];
  /** Tick labels in percent with their CSS position, e.g. { style: 'left:25%', text: '30' }. */
  ticks: { style: string; text: string }[];
  /**
   * The table's style: the reference line (--r, absent without a reference), the number of
   * intervals between ticks (--n, for grid lines) and the axis' end labels (--lo, --hi, CSS strings).
   */
  frame: string;
  axis: ForestAxis;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A number as CSS percent text, at most one decimal. */
const pc = (x: number) => `${Math.round(x * 10) / 10}%`;

/** A tick in percent, as its label reads: "30", "2.5". */
const tickText = (t: number) => `${Math.round(t * 1000) / 10}`;

/**
 * The shared axis of summary rows: every interval that widens it (both bounds), every estimate
 * and the reference, as forestAxis fits a forest plot's pooled rows.
 * @example summaryAxis([{ estimate: 0.5, lower: 0.4, upper: 0.6 }]) // -> { domain: [0.35, 0.65], ticks: [0.35, 0.4, …, 0.65] }
 */
export function summaryAxis(rows: readonly SummaryInterval[], reference?: number | null): ForestAxis {
  const pooled = (lo: number, hi: number): ForestRow => ({ y: 0, kind: 'overall', label: '', eventsText: '', estimateText: '', weightText: '', ciLower: lo, ciUpper: hi });
  const spans: ForestRow[] = [];
  for (const r of rows) {
    if (finite(r.estimate)) spans.push(pooled(r.estimate, r.estimate));
    if (r.widens !== false) {
      // an unbounded end widens the axis to its end of the scale
      const lo = r.lower === -Infinity ? 0 : r.lower;
      const hi = r.upper === Infinity ? 1 : r.upper;
      if (finite(lo)) spans.push(pooled(lo, lo));
      if (finite(hi)) spans.push(pooled(hi, hi));
    }
  }
  if (finite(reference)) spans.push(pooled(reference, reference));
  return forestAxis(spans);
}

/**
 * The bars of summary rows on their shared axis (summaryAxis), with a reference line at
 * `reference` (the full analysis' estimate) when given.
 * @example summaryForest([{ estimate: 0.5, lower: 0.4, upper: 0.6 }], 0.5).bars[0] // -> { line: 'left:16.7%;width:66.7%', dot: 'left:50%' }
 */
export function summaryForest(rows: readonly SummaryInterval[], reference?: number | null): SummaryForest {
  const axis = summaryAxis(rows, reference);
  const [lo, hi] = axis.domain;
  const at = (v: number) => ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 100;
  const eps = (hi - lo) * 1e-6;
  const bars = rows.map((r): SummaryBar => {
    const bar: SummaryBar = {};
    // an unknown end (null) draws no line; an unbounded one runs to the axis' end with an arrow
    const hasLine = (finite(r.lower) || r.lower === -Infinity) && (finite(r.upper) || r.upper === Infinity);
    if (hasLine) {
      const lower = r.lower as number;
      const upper = r.upper as number;
      const left = at(lower);
      const width = Math.max(0, at(upper) - left);
      if (r.diamond && finite(r.estimate)) {
        const tip = width > 0 ? ((at(r.estimate) - left) / width) * 100 : 50;
        bar.diamond = `left:${pc(left)};width:${pc(width)};--t:${pc(tip)}`;
        return bar;
      }
      bar.line = `left:${pc(left)};width:${pc(width)}`;
      const ends = [lower < lo - eps ? 'sf-lo' : '', upper > hi + eps ? 'sf-hi' : ''].filter(Boolean).join(' ');
      if (ends) bar.ends = ends;
    }
    if (finite(r.estimate)) bar.dot = `left:${pc(at(r.estimate))}`;
    return bar;
  });
  const ticks = axis.ticks.map((t) => ({ style: `left:${pc(at(t))}`, text: tickText(t) }));
  const frame = [
    finite(reference) ? `--r:${pc(at(reference))}` : '',
    `--n:${Math.max(1, axis.ticks.length - 1)}`,
    `--lo:'${tickText(lo)}%'`,
    `--hi:'${tickText(hi)}%'`,
  ]
    .filter(Boolean)
    .join(';');
  return { bars, ticks, frame, axis };
}
