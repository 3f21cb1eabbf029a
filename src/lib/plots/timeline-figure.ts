/**
 * The evidence timeline's figures (timeline.astro): for each efficacy outcome of the latest
 * release, its cumulative estimates by report date, drawn wide and narrow.
 */
import type { Review } from '../../schemas/index.ts';
import type { OutcomeAnalysis } from '../review/analyses-types.ts';
import { latestRelease, releaseData } from '../review/release-data.ts';
import { renderSvg } from './render-svg.ts';
import { timelinePoints, timelineSpec } from './timeline-spec.ts';
import { formatOf } from '../format/number-format.ts';

export interface TimelineFigure {
  outcome: Review['outcomes'][number];
  analysis: OutcomeAnalysis;
  /** The plot at two sizes ('' when the outcome has no study yet). */
  wide: Promise<string>;
  narrow: Promise<string>;
}

/** The confidence level (0-1) of the timeline's cumulative estimates: the latest release's analysis.level. */
export function timelineLevel(review: Review): number {
  return releaseData(latestRelease()).method?.level ?? review.analysis.level;
}

/** One figure per efficacy outcome, in the review's order. */
export function timelineFigures(review: Review): TimelineFigure[] {
  const data = releaseData(latestRelease());
  // The cumulative estimates are pooled at the latest release's confidence level.
  const level = timelineLevel(review);
  return review.outcomes
    .filter((o) => o.kind === 'efficacy')
    .map((o) => {
      const analysis = data.outcomes[o.id]!;
      const points = timelinePoints(analysis.cumulative);
      // each release's own published estimate, marked at its date, with the level it was pooled at
      const releases = review.releases.map((r) => {
        const own = releaseData(r.number);
        return { number: r.number, date: r.date, published: own.outcomes[o.id]?.overall?.proportion ?? null, level: own.method?.level ?? review.analysis.level };
      });
      const input = { title: o.label, points, releases, axisTitle: `Pooled ${o.short_label}`, digits: formatOf(analysis).digits, level };
      const label = `${o.label}: cumulative pooled estimate by report date`;
      const draw = (width: number, height: number) =>
        points.length > 0 ? renderSvg(timelineSpec({ ...input, width, height }), label) : Promise.resolve('');
      return { outcome: o, analysis, wide: draw(680, 280), narrow: draw(300, 230) };
    });
}
