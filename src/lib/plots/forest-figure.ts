/**
 * What a forest plot figure shows (ForestPlot.astro): the outcome's analysis as of a release,
 * the input of its plot and the plot's SVG, drawn at build time in the drawing thread
 * (render-svg.ts). drawForestPlotsAhead asks for every plot the outcome pages show at once, so
 * the thread draws them while the build renders other pages, and no page waits for its plot.
 */
import type { Review } from '../../schemas/index.ts';
import type { OutcomeAnalysis } from '../review/analyses-types.ts';
import { allReleases, outcomeData } from '../review/release-data.ts';
import { FOREST_MAX_STUDY_ROWS } from './display-limits.ts';
import { forestInput, type ForestLabels } from './forest-input.ts';
import { forestSpec, type ForestInput } from './forest-spec.ts';
import { renderSvg } from './render-svg.ts';

export interface ForestFigure {
  data: OutcomeAnalysis;
  labels: ForestLabels;
  /** Too many trials for one row each: the plot draws the pooled diamonds only. */
  summaryOnly: boolean;
  /** The plot's input; null when no trial reports the outcome. */
  input: ForestInput | null;
  /** The plot as SVG ('' without input). */
  svg: Promise<string>;
}

/** The forest plot of `outcome` as of `release` (the latest when undefined), by `variable` when given. */
export function forestFigure(review: Review, outcome: string, variable: string | undefined, release: number | undefined): ForestFigure {
  const data = outcomeData(outcome, release);
  const labels: ForestLabels = {
    outcome: data.short_label,
    variables: review.subgroups.map((v) => ({ id: v.id, label: v.label, levels: v.levels.map((l) => ({ id: l.id, label: l.label })) })),
  };
  const summaryOnly = data.studies.length > FOREST_MAX_STUDY_ROWS;
  const input = forestInput(summaryOnly ? { ...data, studies: [] } : data, labels, variable);
  const svg = input ? renderSvg(forestSpec(input), `Forest plot of ${data.label}`) : Promise.resolve('');
  return { data, labels, summaryOnly, input, svg };
}

let drawnAhead = false;

/**
 * Asks once per build for the plot of every outcome of every release, by each subgroup
 * variable (or overall when the review has none), as the outcome pages show them. Failures
 * are left for the page that shows the plot to report.
 */
export function drawForestPlotsAhead(review: Review): void {
  if (drawnAhead) return;
  drawnAhead = true;
  const variables = review.subgroups.length > 0 ? review.subgroups.map((v) => v.id) : [undefined];
  for (const release of allReleases()) {
    for (const outcome of Object.keys(release.outcomes)) {
      for (const variable of variables) forestFigure(review, outcome, variable, release.release).svg.catch(() => undefined);
    }
  }
}
