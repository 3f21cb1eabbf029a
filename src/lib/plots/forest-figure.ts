/**
 * What a forest plot figure shows (ForestPlot.astro): the outcome's analysis as of a release,
 * the input of its plot and the plot's SVG, drawn at build time in the drawing thread
 * (render-svg.ts).
 */
import type { Review } from '../../schemas/index.ts';
import type { OutcomeAnalysis } from '../review/analyses-types.ts';
import { outcomeData, releaseData } from '../review/release-data.ts';
import { FOREST_MAX_STUDY_ROWS } from './display-limits.ts';
import { methodName } from '../format/method-name.ts';
import { forestInput, forestModelText, type ForestLabels } from './forest-input.ts';
import { forestRob } from './forest-rob.ts';
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
    i2: review.analysis.i2,
    // The intervals are named at the level the release was pooled at.
    level: releaseData(release).method?.level ?? review.analysis.level,
  };
  // The model the overall estimate was fitted with (a fallback's, when one replaced the review's).
  if (data.overall) labels.model = forestModelText(methodName(releaseData(release).method ?? review.analysis, data.overall.method));
  const summaryOnly = data.studies.length > FOREST_MAX_STUDY_ROWS;
  // Risk-of-bias columns beside the study rows, when the review declares a tool (none without rows).
  const rob = summaryOnly ? undefined : forestRob(releaseData(release).appraisal, data.studies);
  if (rob) labels.rob = rob;
  const input = forestInput(summaryOnly ? { ...data, studies: [] } : data, labels, variable);
  const svg = input ? renderSvg(forestSpec(input), `Forest plot of ${data.label}`) : Promise.resolve('');
  return { data, labels, summaryOnly, input, svg };
}
