/**
 * From an outcome's pooled results to the input of the forest plot builder, for a chosen
 * subgroup variable (or none) and a chosen study order. Pure, so the page renders the static
 * SVG with it and the interactive mode rebuilds the plot in the browser with the same code.
 */
import type { OutcomeAnalysis, PooledResult } from '../review/analyses-types.ts';
import type { ForestInput, ForestPooled, ForestStudy } from './forest-spec.ts';
import type { ForestRob } from './forest-rob.ts';
import { heterogeneityText, predictionShown, type I2Definition } from '../format/heterogeneity.ts';
import { ciName, formatOf, outcomeFormat, pText, statistic } from '../format/number-format.ts';
import { FOREST_DEFAULT_LEVEL } from './forest-spec.ts';

export const FOREST_SORTS = ['name', 'estimate', 'weight', 'date'] as const;
export type ForestSort = (typeof FOREST_SORTS)[number];

/** Labels the plot needs from the review protocol. */
export interface ForestLabels {
  outcome: string;
  variables: { id: string; label: string; levels: { id: string; label: string }[] }[];
  /** Which I² the plot names (review.yaml analysis.i2); τ²-based when left out. */
  i2?: I2Definition;
  /** Risk-of-bias columns, when the review declares a tool (forest-rob.ts). */
  rob?: ForestRob;
  /** The model in words, drawn under the pooled rows (forestModelText). */
  model?: string;
  /** Confidence level (0-1) the release was pooled at (its analysis.level): the plot names its intervals with it. */
  level?: number;
}

function pooled(label: string, r: PooledResult, withPi: boolean, i2: I2Definition): ForestPooled {
  return {
    label,
    k: r.k,
    ...(r.trials !== undefined && r.trials !== r.k ? { trials: r.trials } : {}),
    events: r.events,
    n: r.n,
    estimate: r.proportion.estimate,
    ciLower: r.proportion.ci_lower,
    ciUpper: r.proportion.ci_upper,
    ...(withPi && predictionShown(r) ? { piLower: r.proportion.pi_lower, piUpper: r.proportion.pi_upper } : {}),
    heterogeneity: heterogeneityText(r, i2),
  };
}

function sortStudies(studies: ForestStudy[], dates: Map<string, string>, sort: ForestSort): ForestStudy[] {
  // Collation in English, whatever the locale of the machine that builds or shows the plot.
  const by: Record<ForestSort, (a: ForestStudy, b: ForestStudy) => number> = {
    name: (a, b) => a.label.localeCompare(b.label, 'en'),
    estimate: (a, b) => a.estimate - b.estimate || a.label.localeCompare(b.label, 'en'),
    weight: (a, b) => b.weight - a.weight || a.label.localeCompare(b.label, 'en'),
    date: (a, b) => (dates.get(a.label) ?? '').localeCompare(dates.get(b.label) ?? '', 'en') || a.label.localeCompare(b.label, 'en'),
  };
  return [...studies].sort(by[sort]);
}

/**
 * The forest plot input of one outcome. Returns null when no trial reports the outcome.
 * @param variable a subgroup variable id, or undefined for one list of studies
 */
export function forestInput(
  outcome: OutcomeAnalysis,
  labels: ForestLabels,
  variable?: string,
  sort: ForestSort = 'name',
): ForestInput | null {
  if (!outcome.overall) return null;
  const v = variable ? labels.variables.find((x) => x.id === variable) : undefined;
  const levelLabel = (id: string | undefined) => v?.levels.find((l) => l.id === id)?.label ?? id ?? 'Unassigned';
  const dates = new Map(outcome.studies.map((s) => [s.label, s.report_date]));
  const studies: ForestStudy[] = sortStudies(
    outcome.studies.map((s) => ({
      label: s.label,
      events: s.events,
      n: s.n,
      estimate: s.proportion,
      ciLower: s.ci_lower,
      ciUpper: s.ci_upper,
      weight: s.weight,
      note: `${s.source}${s.inferred ? ` (inferred: ${s.inferred})` : ''}`,
      ...(v ? { group: levelLabel(s.levels[v.id]) } : {}),
      ...(labels.rob?.trials[s.trial] ? { rob: labels.rob.trials[s.trial]!.map((i) => labels.rob!.palette[i] ?? null) } : {}),
    })),
    dates,
    sort,
  );
  const input: ForestInput = {
    title: labels.outcome,
    studies,
    overall: pooled('Overall', outcome.overall, true, labels.i2 ?? 'tau2'),
    axisTitle: `${labels.outcome} (%)`,
    digits: formatOf(outcome).digits,
    ...(labels.model ? { model: labels.model } : {}),
    ...(labels.level !== undefined ? { level: labels.level } : {}),
    ...(labels.rob ? { robColumns: labels.rob.columns } : {}),
  };
  if (v) {
    const s = outcome.subgroups[v.id];
    if (s) {
      // A subtotal's weight: its studies' weights in the overall analysis (none without study rows).
      const weightOf = (level: string) => outcome.studies.reduce((sum, st) => sum + (st.levels[v.id] === level ? st.weight : 0), 0);
      input.subgroups = v.levels
        .filter((l) => s.levels[l.id])
        .map((l) => ({
          ...pooled(l.label, s.levels[l.id]!, false, labels.i2 ?? 'tau2'),
          ...(outcome.studies.length > 0 ? { weight: weightOf(l.id) } : {}),
        }));
      if (s.Q_between !== null && s.Q_between_p !== null) {
        input.subgroupTest = `Test for subgroup differences: Q = ${statistic(s.Q_between)}, df = ${s.Q_between_df}, ${pText(s.Q_between_p)}`;
      }
    }
  }
  return input;
}

/**
 * The model a plot names under its pooled rows: methodName's words as a line of their own.
 * @example forestModelText('a random-effects model (inverse variance, REML estimate of τ², …)') // -> 'Random-effects model (inverse variance, REML estimate of τ², …)'
 */
export function forestModelText(method: string): string {
  const words = method.replace(/^an? /, '');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/**
 * "52.5% (90% CI 41.0 to 63.9)" for captions, at the digits of `reference` (the outcome's
 * pooled estimate; the result's own when left out), as in the plot, the interval named at the
 * confidence `level` (0-1) it was pooled at.
 */
export function ciCaption(r: PooledResult, reference: number = r.proportion.estimate, level: number = FOREST_DEFAULT_LEVEL): string {
  const f = outcomeFormat(reference);
  return `${f.pct(r.proportion.estimate)}% (${ciName(level)} ${f.interval(r.proportion.ci_lower, r.proportion.ci_upper)})`;
}
