/**
 * A meta-regression of one outcome as the site shows it: the engine's fit (stats
 * metaRegression, metafor `rma(mods = ...)`) of the rows that give a value of every moderator,
 * with reader-facing labels, the rows left out for a missing value, and the data of the bubble
 * plot when the model has one continuous moderator. JSON-able: it is written to analyses.json.
 * Pure: numbers in, numbers out.
 */
import { metaRegression } from '../stats/analysis/meta-regression.ts';
import type { ModeratorInput } from '../stats/analysis/meta-regression-types.ts';
import { StatsInputError } from '../stats/errors.ts';
import type { CiMethod, ModelMethod, Transform } from '../stats/methods.ts';
import type { MetaProportionsInput } from '../stats/types.ts';

/**
 * A moderator as the caller declares it: one value per row, null (or absent) where the row gives
 * none. A continuous moderator takes finite numbers (anything else counts as missing); a
 * categorical one takes text, numbers or yes/no (as their text).
 */
export interface ModeratorDeclaration {
  id: string;
  label: string;
  type: 'continuous' | 'categorical';
  values: readonly (number | string | boolean | null | undefined)[];
  unit?: string;
  /** categorical: the reference level (default the first in sorted order) */
  reference?: string;
}

export interface MetaRegressionModerator {
  id: string;
  label: string;
  type: 'continuous' | 'categorical';
  unit: string | null;
  /** categorical: the levels present, the reference first */
  levels: string[] | null;
  reference: string | null;
  /** continuous: range of the values used */
  min: number | null;
  max: number | null;
  /** false when it takes one value in the rows used (or is a copy of another) and was left out */
  in_model: boolean;
}

export interface MetaRegressionCoefficientRow {
  /** "Intercept", the moderator's label, or "label: level vs reference" */
  label: string;
  moderator: string | null;
  level: string | null;
  /** transformed scale */
  estimate: number;
  se: number;
  /** z, or t with Hartung-Knapp */
  statistic: number;
  p: number;
  ci_lower: number;
  ci_upper: number;
}

export interface BubbleStudy {
  label: string;
  /** the moderator's value */
  x: number;
  /** transformed scale: effect and sampling variance */
  yi: number;
  vi: number;
  /** weight in the model, percent */
  weight: number;
  /** observed proportion events / n (0-1) */
  proportion: number;
}

export interface BubbleLinePoint {
  x: number;
  /** fitted proportion and its confidence interval (0-1) */
  estimate: number;
  ci_lower: number;
  ci_upper: number;
}

export interface MetaRegressionSummary {
  /** the model's id and label in review.yaml (set by the caller) */
  id: string;
  label: string;
  moderators: MetaRegressionModerator[];
  /** rows with a value of every moderator (used), and the others */
  k: number;
  k_total: number;
  dropped: number;
  dropped_labels: string[];
  /** why the model was not fitted (too few rows for its coefficients, no moderator varies, ...); null when fitted */
  skipped: string | null;
  transform: Transform;
  method: ModelMethod | null;
  ci: CiMethod | null;
  level: number;
  /** coefficients (intercept included) */
  p: number | null;
  coefficients: MetaRegressionCoefficientRow[];
  /** omnibus test of the moderators: chi-square (QM_df2 null) or F */
  QM: number | null;
  QM_df1: number | null;
  QM_df2: number | null;
  QM_p: number | null;
  /** residual heterogeneity */
  tau2: number | null;
  I2: number | null;
  H2: number | null;
  QE: number | null;
  QE_df: number | null;
  QE_p: number | null;
  /** percent of tau² explained (pseudo-R²); null for FE */
  R2: number | null;
  warnings: string[];
  /** one continuous moderator: the studies and the fitted line with its CI, as proportions */
  bubble: { moderator: string; label: string; unit: string | null; studies: BubbleStudy[]; line: BubbleLinePoint[] } | null;
}

/** What {@link metaRegressionSummary} fills in: everything but the model's id and label. */
export type MetaRegressionFields = Omit<MetaRegressionSummary, 'id' | 'label'>;

/** Points of the fitted line of the bubble plot. */
const LINE_POINTS = 60;

/** The value the engine takes, or undefined when the row gives none usable. */
function moderatorValue(type: ModeratorDeclaration['type'], v: number | string | boolean | null | undefined): number | string | undefined {
  if (type === 'continuous') return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Coefficients a model of these values would have: 1 + one per continuous moderator that varies + levels - 1 per categorical one. */
function coefficientCount(moderators: readonly ModeratorInput[]): number {
  let p = 1;
  for (const m of moderators) {
    const distinct = new Set(m.values.map(String)).size;
    p += m.type === 'continuous' ? (distinct > 1 ? 1 : 0) : distinct - 1;
  }
  return p;
}

/**
 * The meta-regression of one outcome: rows without a value of some moderator are left out
 * (and counted), the model is fitted with the review's transform, method and interval, and the
 * result is labelled for readers. Not fitted (with the reason in `skipped`) when the rows left
 * do not exceed the coefficients by two (k ≤ p + 1: no residual heterogeneity to speak of), no
 * moderator varies across them, or the engine refuses the input.
 *
 * @param input the outcome's pooling input (all rows, in the order of `labels`)
 * @param labels a label per row
 * @param moderators the model's moderators, a value per row
 * @returns the summary, without the model's id and label
 * @example metaRegressionSummary(input, labels, [{ id: 'age', label: 'Median age', type: 'continuous', values: ages, unit: 'years' }]).R2
 */
export function metaRegressionSummary(
  input: MetaProportionsInput,
  labels: readonly string[],
  moderators: readonly ModeratorDeclaration[],
): MetaRegressionFields {
  const kTotal = input.events.length;
  const used: number[] = [];
  const droppedLabels: string[] = [];
  for (let i = 0; i < kTotal; i++) {
    if (moderators.every((m) => moderatorValue(m.type, m.values[i]) !== undefined)) used.push(i);
    else droppedLabels.push(labels[i] ?? `row ${i + 1}`);
  }
  const moderatorInputs: ModeratorInput[] = moderators.map((m) => ({
    name: m.id,
    type: m.type,
    values: used.map((i) => moderatorValue(m.type, m.values[i])!),
    ...(m.reference !== undefined ? { reference: m.reference } : {}),
  }));
  const declared = (m: ModeratorDeclaration): MetaRegressionModerator => ({
    id: m.id,
    label: m.label,
    type: m.type,
    unit: m.unit ?? null,
    levels: null,
    reference: null,
    min: null,
    max: null,
    in_model: false,
  });
  const k = used.length;
  const empty: MetaRegressionFields = {
    moderators: moderators.map(declared),
    k,
    k_total: kTotal,
    dropped: kTotal - k,
    dropped_labels: droppedLabels,
    skipped: null,
    transform: input.transform,
    method: null,
    ci: null,
    level: input.level ?? 0.95,
    p: null,
    coefficients: [],
    QM: null,
    QM_df1: null,
    QM_df2: null,
    QM_p: null,
    tau2: null,
    I2: null,
    H2: null,
    QE: null,
    QE_df: null,
    QE_p: null,
    R2: null,
    warnings: [],
    bubble: null,
  };
  const p = coefficientCount(moderatorInputs);
  if (p === 1) return { ...empty, skipped: k === 0 ? 'no row gives a value of every moderator' : 'no moderator varies across the rows that give a value' };
  if (k <= p + 1) {
    return { ...empty, skipped: `${k} ${k === 1 ? 'row gives' : 'rows give'} a value of every moderator: too few for ${p} coefficients (at least ${p + 2} needed)` };
  }

  let result;
  try {
    result = metaRegression({
      events: used.map((i) => input.events[i]!),
      n: used.map((i) => input.n[i]!),
      transform: input.transform,
      method: input.method,
      ...(input.ci !== undefined ? { ci: input.ci } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.backTransform !== undefined ? { backTransform: input.backTransform } : {}),
      ...(input.correction !== undefined ? { correction: input.correction } : {}),
      ...(input.control !== undefined ? { control: input.control } : {}),
      moderators: moderatorInputs,
      gridPoints: LINE_POINTS,
    });
  } catch (error) {
    if (error instanceof StatsInputError) return { ...empty, skipped: error.message };
    throw error;
  }
  if (result.p <= 1) return { ...empty, skipped: 'no moderator varies across the rows that give a value', warnings: result.warnings };

  const byId = new Map(moderators.map((m) => [m.id, m]));
  const summaries = result.moderators.map((s): MetaRegressionModerator => {
    const m = byId.get(s.name)!;
    return { ...declared(m), levels: s.levels ? [...s.levels] : null, reference: s.reference, min: s.min, max: s.max, in_model: s.inModel };
  });
  const coefficients = result.coefficients.map((c): MetaRegressionCoefficientRow => {
    const m = c.moderator === null ? undefined : byId.get(c.moderator);
    const summary = summaries.find((s) => s.id === c.moderator);
    const label = m === undefined ? 'Intercept' : c.level === null ? m.label : `${m.label}: ${c.level} vs ${summary?.reference ?? ''}`;
    return {
      label,
      moderator: c.moderator,
      level: c.level,
      estimate: c.estimate,
      se: c.se,
      statistic: c.z_or_t,
      p: c.p,
      ci_lower: c.ci_lower,
      ci_upper: c.ci_upper,
    };
  });
  let bubble: MetaRegressionFields['bubble'] = null;
  if (result.grid) {
    const m = byId.get(result.grid.moderator)!;
    const values = moderatorInputs.find((x) => x.name === m.id)!.values as number[];
    bubble = {
      moderator: m.id,
      label: m.label,
      unit: m.unit ?? null,
      studies: used.map((i, j) => ({
        label: labels[i] ?? `row ${i + 1}`,
        x: values[j]!,
        yi: result.yi[j]!,
        vi: result.vi[j]!,
        weight: result.weights[j]!,
        proportion: input.events[i]! / input.n[i]!,
      })),
      line: result.grid.points.map((point) => ({
        x: point.x,
        estimate: point.proportion.estimate,
        ci_lower: point.proportion.ci_lower,
        ci_upper: point.proportion.ci_upper,
      })),
    };
  }
  return {
    ...empty,
    moderators: summaries,
    method: result.method,
    ci: result.ci,
    level: result.level,
    p: result.p,
    coefficients,
    QM: result.QM,
    QM_df1: result.QM_df1,
    QM_df2: result.QM_df2,
    QM_p: result.QM_p,
    tau2: result.tau2,
    I2: result.I2,
    H2: result.H2,
    QE: result.QE,
    QE_df: result.QE_df,
    QE_p: result.QE_p,
    R2: result.R2,
    warnings: result.warnings,
    bubble,
  };
}
