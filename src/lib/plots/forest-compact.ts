/**
 * The forest plot for a narrow screen, as plain HTML (ForestPlot.astro draws it): one line of
 * text per row (label, events/n, estimate [CI]) beside a small bar on an axis every row shares,
 * drawn with CSS from a left and a width in percent. Built from the same rows and axis as the
 * wide plot (forest-spec.ts), so the two never disagree. Light by design: a few short inline
 * styles per row, no drawing per row.
 */
import { forestAxis, forestRows, type ForestAxis, type ForestInput, type ForestRow } from './forest-spec.ts';

/** One row of the narrow plot. */
export interface CompactRow {
  /** Its class: forest-c-s (study), -sub (subtotal), -all (overall), -pi, -head (subgroup heading), -note. */
  cls: string;
  label: string;
  eventsText: string;
  estimateText: string;
  /** The confidence (or prediction) interval's line: its CSS left and width in percent of the axis. */
  line?: string;
  /** Which ends of the line run past the axis: a class drawing arrow heads there. */
  arrows?: string;
  /** A study's square: its centre (--x, kept inside the box on the right) and side (--s). */
  square?: string;
  /** A pooled estimate's diamond: its left, width and tip (percent of its own width). */
  diamond?: string;
}

/** The narrow plot: its rows, its axis ticks and where the overall estimate's line falls. */
export interface ForestCompact {
  rows: CompactRow[];
  ticks: { style: string; text: string }[];
  /** The custom property that places the overall estimate's dashed line, e.g. "--p:52%". */
  pooled: string;
  axis: ForestAxis;
}

const CLASSES: Record<ForestRow['kind'], string> = {
  study: 'forest-c-s',
  subgroup: 'forest-c-sub',
  overall: 'forest-c-all',
  pi: 'forest-c-pi',
  heading: 'forest-c-head',
  note: 'forest-c-note',
};

/** A number as CSS percent text, at most one decimal. */
const pc = (x: number) => `${Math.round(x * 10) / 10}%`;

/** Side of a study's square (px), from its weight as the wide plot sizes it (area 12 to 220 px² for weights 0 to 30%), a little smaller. */
function squareSide(weight: number): number {
  const area = 12 + (208 * Math.min(Math.max(weight, 0), 30)) / 30;
  return Math.round(Math.sqrt(area) * 0.85);
}

/**
 * The narrow forest plot of an input.
 * @example forestCompact(input).rows[0] // -> { cls: 'forest-c-s', label: 'Alpha', eventsText: '12/32', estimateText: '37.5 [21.1, 56.3]', line: 'left:21.1%;width:35.2%', square: '--x:37.5%;--s:9px' }
 */
export function forestCompact(input: ForestInput): ForestCompact {
  const rows = forestRows(input);
  const axis = forestAxis(rows);
  const [lo, hi] = axis.domain;
  const at = (v: number) => ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 100;
  const eps = (hi - lo) * 1e-6;
  const out: CompactRow[] = rows.map((r) => {
    const row: CompactRow = {
      cls: CLASSES[r.kind],
      label: r.kind === 'subgroup' && r.weightText ? `${r.label}, weight ${r.weightText}` : r.label,
      eventsText: r.eventsText,
      estimateText: r.estimateText,
    };
    if (r.ciLower === undefined || r.ciUpper === undefined) return row;
    const left = at(r.ciLower);
    const width = at(r.ciUpper) - left;
    if (r.kind === 'study' || r.kind === 'pi') {
      row.line = `left:${pc(left)};width:${pc(width)}`;
      const ends = [r.ciLower < lo - eps ? 'forest-c-lo' : '', r.ciUpper > hi + eps ? 'forest-c-hi' : ''].filter(Boolean).join(' ');
      if (ends) row.arrows = ends;
    }
    if (r.kind === 'study' && r.estimate !== undefined) row.square = `--x:${pc(at(r.estimate))};--s:${squareSide(r.weight ?? 0)}px`;
    if ((r.kind === 'subgroup' || r.kind === 'overall') && r.estimate !== undefined) {
      const tip = width > 0 ? ((at(r.estimate) - left) / width) * 100 : 50;
      row.diamond = `left:${pc(left)};width:${pc(width)};--t:${pc(tip)}`;
    }
    return row;
  });
  const ticks = axis.ticks.map((t) => ({ style: `left:${pc(at(t))}`, text: `${Math.round(t * 1000) / 10}` }));
  return { rows: out, ticks, pooled: `--p:${pc(at(input.overall.estimate))}`, axis };
}
