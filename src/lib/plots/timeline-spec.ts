/**
 * Evidence timeline as a Vega-Lite spec: the cumulative meta-analysis of one outcome drawn
 * against the date of each report, so readers see how the pooled estimate and its confidence
 * interval settled as the evidence came in. Pure: cumulative rows in, spec out; the same spec
 * renders to static SVG at build time.
 *
 * The estimate is drawn as a step (it holds until the next report arrives) and carried to the
 * latest release; each report is a point coloured by the release it entered; each release is
 * a dashed vertical rule labelled "Release n" at its publication date. A report can be dated
 * before a release it did not make (it appeared after that release's search cut-off), so a
 * point of release 2 can sit to the left of the release 1 rule: the colour tells them apart.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CumulativeRow } from '../review/analyses-types.ts';
import { thinnedCumulative } from './display-limits.ts';
import { firstDayOf } from '../format/partial-date.ts';
import { ciName, formatWithDigits, outcomeFormat } from '../format/number-format.ts';

/** One step of the cumulative analysis, proportion scale (0-1). */
export interface TimelinePoint {
  /** Report date, YYYY-MM-DD. */
  date: string;
  /** The trial added at this step. */
  added: string;
  /** The release the report entered. */
  release: number;
  k: number;
  estimate: number;
  ciLower: number;
  ciUpper: number;
}

export interface TimelineRelease {
  number: number;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** The pooled estimate that release published (proportions 0-1); null or absent when it had none. */
  published?: { estimate: number; ci_lower: number; ci_upper: number } | null;
  /** Confidence level (0-1) that release pooled at; its tooltip names it when it differs from the plot's `level`. */
  level?: number;
}

export interface TimelineInput {
  /** Outcome name for the description, e.g. "Best overall response rate". */
  title: string;
  points: TimelinePoint[];
  releases: TimelineRelease[];
  /** Axis title, e.g. "Pooled response". */
  axisTitle?: string;
  width?: number;
  height?: number;
  /** Decimals of the labels' percentages: the outcome's (number-format.ts); those of the latest estimate when left out. */
  digits?: number;
  /** Confidence level (0-1) of the band and the tooltips (the latest release's analysis.level); TIMELINE_DEFAULT_LEVEL when left out. */
  level?: number;
}

/** The confidence level a timeline names when its input gives none (review.yaml's default). */
export const TIMELINE_DEFAULT_LEVEL = 0.95;

/**
 * Most points a timeline draws: with more steps (a review of thousands of trials), the last step
 * of each release and evenly spaced steps between, which trace the same curve.
 */
export const TIMELINE_MAX_POINTS = 100;

/** The timeline's points from the `cumulative` rows of a release's outcome analysis. */
export function timelinePoints(rows: readonly CumulativeRow[]): TimelinePoint[] {
  return thinnedCumulative(rows, TIMELINE_MAX_POINTS).map((r) => ({
    date: r.report_date,
    added: r.added,
    release: r.report_release,
    k: r.k,
    estimate: r.estimate,
    ciLower: r.ci_lower,
    ciUpper: r.ci_upper,
  }));
}

const DAY = 86_400_000;
// A report date may be a year or a month: it is placed at the first day of its period.
const time = (iso: string) => Date.parse(`${firstDayOf(iso)}T00:00:00Z`);
const RELEASE_COLOURS = ['#0b5cad', '#c05a00', '#1d7a5f', '#7a3fa0', '#4a5361'];

/**
 * The Vega-Lite spec of an evidence timeline.
 * @example timelineSpec({ title: 'Response', points, releases: [{ number: 1, date: '2025-06-01' }] }) // layered spec
 */
export function timelineSpec(input: TimelineInput): TopLevelSpec {
  const width = input.width ?? 640;
  const height = input.height ?? 260;
  const releaseLabel = (n: number) => `Release ${n}`;
  const level = input.level ?? TIMELINE_DEFAULT_LEVEL;
  const pooledTitle = `Pooled % [${ciName(level)}]`;
  // each release's published estimate at its own digits, as that release's pages give it, and
  // its own confidence level named when it is not the plot's
  const publishedText = (e: { estimate: number; ci_lower: number; ci_upper: number }, ownLevel: number = level) => {
    const own = outcomeFormat(e.estimate);
    return `${own.pct(e.estimate)}% [${own.pct(e.ci_lower)}, ${own.pct(e.ci_upper)}]${ownLevel !== level ? ` (${ciName(ownLevel)})` : ''}`;
  };
  const f = input.digits !== undefined ? formatWithDigits(input.digits) : outcomeFormat(input.points[input.points.length - 1]?.estimate ?? 0.5);
  const points = input.points.map((p) => ({
    t: time(p.date),
    date: p.date,
    added: p.added,
    release: releaseLabel(p.release),
    k: p.k,
    estimate: p.estimate,
    ciLower: p.ciLower,
    ciUpper: p.ciUpper,
    text: `${f.pct(p.estimate)}% [${f.pct(p.ciLower)}, ${f.pct(p.ciUpper)}]`,
  }));
  const sorted = [...input.releases].sort((a, b) => a.number - b.number);
  const releases = sorted.map((r) => ({ t: time(r.date), label: releaseLabel(r.number) }));
  // What each release published, at its date: the step line draws every trial with the report the
  // latest release uses, so it can differ from what an earlier release said.
  const published = sorted.flatMap((r) =>
    r.published
      ? [{ t: time(r.date), label: releaseLabel(r.number), estimate: r.published.estimate, ciLower: r.published.ci_lower, ciUpper: r.published.ci_upper, text: publishedText(r.published, r.level) }]
      : [],
  );
  const last = points[points.length - 1];
  const lastRelease = releases[releases.length - 1];
  // The estimate holds from its last report up to the latest release.
  const steps = last && lastRelease && lastRelease.t > last.t ? [...points, { ...last, t: lastRelease.t }] : points;
  const times = [...points.map((p) => p.t), ...releases.map((r) => r.t)];
  const start = Math.min(...times);
  const end = Math.max(...times);
  const pad = Math.max(60 * DAY, (end - start) * 0.03);
  const x = {
    field: 't',
    type: 'temporal' as const,
    title: 'Date of the report',
    scale: { type: 'utc' as const, domain: [start - pad, end + pad], nice: false },
    // Years in UTC, so the labels do not depend on the time zone of the machine that builds.
    axis: { tickCount: 'year' as const, labelExpr: "utcFormat(datum.value, '%Y')", grid: false, labelFlush: false },
  };
  const y = {
    field: 'estimate',
    type: 'quantitative' as const,
    title: input.axisTitle ?? 'Pooled proportion',
    scale: { domain: [0, 1], nice: false },
    axis: { format: '.0%', tickCount: 5, grid: true, gridColor: '#eceff3' },
  };
  const releaseNames = [...new Set([...points.map((p) => p.release), ...releases.map((r) => r.label)])].sort(
    (a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')),
  );
  const colour = {
    field: 'release',
    type: 'nominal' as const,
    title: 'Report entered in',
    scale: { domain: releaseNames, range: releaseNames.map((_, i) => RELEASE_COLOURS[i % RELEASE_COLOURS.length]!) },
    legend: { orient: 'bottom' as const, direction: 'horizontal' as const, titleFontWeight: 'normal' as const },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Cumulative meta-analysis of ${input.title} by the date of each report, with the releases of the review marked.`,
    width,
    height,
    datasets: { steps, points, releases, published },
    config: {
      view: { stroke: null },
      font: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif',
      axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#1b1f24', titleColor: '#4a5361' },
      legend: { labelFontSize: 11, titleFontSize: 11 },
    },
    layer: [
      {
        data: { name: 'steps' },
        mark: { type: 'area', interpolate: 'step-after', color: '#0b5cad', opacity: 0.14 },
        encoding: { x, y: { ...y, field: 'ciLower' }, y2: { field: 'ciUpper' } },
      },
      {
        data: { name: 'steps' },
        mark: { type: 'line', interpolate: 'step-after', color: '#0b5cad', strokeWidth: 1.8 },
        encoding: { x, y },
      },
      {
        data: { name: 'releases' },
        mark: { type: 'rule', color: '#4a5361', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x },
      },
      {
        data: { name: 'releases' },
        // Left of its rule, so the label of the latest release stays inside the plot.
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, dy: 2, fontSize: 11, fontWeight: 'bold', color: '#4a5361' },
        encoding: { x, y: { value: 0 }, text: { field: 'label' } },
      },
      {
        data: { name: 'published' },
        mark: { type: 'rule', color: '#1b1f24', strokeWidth: 2 },
        encoding: { x, y: { ...y, field: 'ciLower' }, y2: { field: 'ciUpper' } },
      },
      {
        data: { name: 'published' },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 110, color: '#1b1f24', opacity: 1 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'label', title: 'Published by' },
            { field: 'text', title: pooledTitle },
          ],
        },
      },
      {
        data: { name: 'points' },
        mark: { type: 'point', filled: true, size: 42, opacity: 1, stroke: '#ffffff', strokeWidth: 0.8 },
        encoding: {
          x,
          y,
          color: colour,
          tooltip: [
            { field: 'added', title: 'Added' },
            { field: 'date', title: 'Report date' },
            { field: 'release', title: 'Entered in' },
            { field: 'k', title: 'Pooled (k)' },
            { field: 'text', title: pooledTitle },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
