/**
 * Asks, once per build and from its first page, for every plot the site shows: the forest plot
 * of each outcome of each release (the latest first: the chapters and the results pages show
 * it), by each subgroup variable or overall, and the evidence timeline's. The drawing thread
 * (render-svg.ts) then draws them while the build renders the pages that have none, and the
 * pages with plots find them drawn. Failures are left for the page that shows the plot.
 */
import type { Review } from '../../schemas/index.ts';
import { allReleases } from '../review/release-data.ts';
import { forestFigure } from './forest-figure.ts';
import { timelineFigures } from './timeline-figure.ts';

let asked = false;

export function drawPlotsAhead(review: Review): void {
  if (asked) return;
  asked = true;
  const ignore = () => undefined;
  const variables = review.subgroups.length > 0 ? review.subgroups.map((v) => v.id) : [undefined];
  const releases = [...allReleases()].sort((a, b) => b.release - a.release);
  for (const [i, release] of releases.entries()) {
    for (const outcome of Object.keys(release.outcomes)) {
      for (const variable of variables) forestFigure(review, outcome, variable, release.release).svg.catch(ignore);
    }
    if (i === 0) {
      for (const figure of timelineFigures(review)) {
        figure.wide.catch(ignore);
        figure.narrow.catch(ignore);
      }
    }
  }
}
