/**
 * The evidence timeline's figures (timeline.astro): for each efficacy outcome of the latest
 * release, its cumulative estimates by report date, drawn wide and narrow.
 */
import type { Review } from '../../schemas/index.ts';
import type { OutcomeAnalysis } from '../review/analyses-types.ts';
import { latestRelease, releaseData } from '../review/release-data.ts';
import { renderSvg } from './render-svg.ts';
import { timelinePoints, timelineSpec } from './timeline-spec.ts';

export interface TimelineFigure {
  outcome: Review['outcomes'][number];
  analysis: OutcomeAnalysis;
  /** The plot at two sizes ('' when the outcome has no study yet). */
  wide: Promise<string>;
  narrow: Promise<string>;
}

/** One figure per efficacy outcome, in the review's order. */
export function timelineFigures(review: Review): TimelineFigure[] {
  const data = releaseData(latestRelease());
  return review.outcomes
    .filter((o) => o.kind === 'efficacy')
    .map((o) => {
      const analysis = data.outcomes[o.id]!;
      const points = timelinePoints(analysis.cumulative);
      // each release's own published estimate, marked at its date
      const releases = review.releases.map((r) => ({ number: r.number, date: r.date, published: releaseData(r.number).outcomes[o.id]?.overall?.proportion ?? null }));
      const input = { title: o.label, points, releases, axisTitle: `Pooled ${o.short_label}` };
      const label = `${o.label}: cumulative pooled estimate by report date`;
      const draw = (width: number, height: number) =>
        points.length > 0 ? renderSvg(timelineSpec({ ...input, width, height }), label) : Promise.resolve('');
      return { outcome: o, analysis, wide: draw(680, 280), narrow: draw(300, 230) };
    });
}
