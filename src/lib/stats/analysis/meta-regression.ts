import { chiSquareUpperTail } from '../distributions/chi-square-upper-tail.ts';
import { criticalValue } from '../distributions/critical-value.ts';
import { fUpperTail } from '../distributions/f-upper-tail.ts';
import { normalCdf } from '../distributions/normal-cdf.ts';
import { studentTUpperTail } from '../distributions/student-t-upper-tail.ts';
import { StatsInputError } from '../errors.ts';
import { createWorkspace } from '../heterogeneity/create-workspace.ts';
import { designData } from '../heterogeneity/design-data.ts';
import { designMoments } from '../heterogeneity/design-moments.ts';
import { designTau2 } from '../heterogeneity/design-tau2.ts';
import { designWorkspace } from '../heterogeneity/design-workspace.ts';
import { estimateTau2 } from '../heterogeneity/estimate-tau2.ts';
import { MOMENT } from '../heterogeneity/residual-moments.ts';
import { messages } from '../messages.ts';
import { effectData } from '../models/effect-data.ts';
import { choleskyInverse } from '../numeric/cholesky-inverse.ts';
import { backTransform } from '../transforms/back-transform.ts';
import { harmonicMean } from '../transforms/harmonic-mean.ts';
import {
  MODERATOR_TYPES,
  type MetaRegressionInput,
  type MetaRegressionResult,
  type ModeratorInput,
  type ModeratorSummary,
  type RegressionCoefficient,
  type RegressionPrediction,
} from './meta-regression-types.ts';
import { prepareAnalysis } from './prepare-analysis.ts';

const DOUBLE_EPSILON = 2.220446049250313e-16;
/** Relative tolerance below which a column counts as a combination of the ones before it (R's lm(), qr tol = 1e-7). */
const RANK_TOLERANCE = 1e-7;
const DEFAULT_GRID_POINTS = 50;

/** A column of the model matrix before the rank check. */
interface Column {
  readonly name: string;
  readonly moderator: string | null;
  readonly level: string | null;
  /** the values as given (raw units) */
  readonly values: Float64Array;
  /** centre and scale of the fitted column (values - centre) / scale; 0 and 1 for the intercept and dummies */
  readonly centre: number;
  readonly scale: number;
}

/** Levels of a categorical moderator in R's factor() order: numerically when all values are numbers, else by text. */
function sortedLevels(values: readonly (number | string)[]): string[] {
  const numeric = values.every((v) => typeof v === 'number');
  const unique = [...new Set(values.map(String))];
  return numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort((a, b) => a.localeCompare(b, 'en'));
}

/** Checks one moderator and turns it into columns (none when it takes one value). */
function moderatorColumns(moderator: ModeratorInput, index: number, k: number, warnings: string[]): { columns: Column[]; summary: ModeratorSummary } {
  const { name, type, values } = moderator as Partial<ModeratorInput>;
  if (typeof name !== 'string' || name === '' || !(MODERATOR_TYPES as readonly unknown[]).includes(type) || !Array.isArray(values)) {
    throw new StatsInputError(messages.invalidModerator(index + 1));
  }
  if (values.length !== k) throw new StatsInputError(messages.lengthMismatch(`moderator "${name}"`, values.length, k));
  if (type === 'continuous') {
    const column = new Float64Array(k);
    values.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new StatsInputError(messages.invalidModeratorValue(name, i + 1, v));
      column[i] = v;
    });
    let mean = 0;
    for (let i = 0; i < k; i++) mean += column[i]!;
    mean /= k;
    let squares = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      squares += (column[i]! - mean) ** 2;
      min = Math.min(min, column[i]!);
      max = Math.max(max, column[i]!);
    }
    const scale = Math.sqrt(squares / k);
    const summary = { name, type: 'continuous' as const, levels: null, reference: null, min, max, inModel: max > min };
    if (!(max > min)) {
      warnings.push(messages.moderatorConstant(name));
      return { columns: [], summary };
    }
    return { columns: [{ name, moderator: name, level: null, values: column, centre: mean, scale }], summary };
  }
  values.forEach((v: unknown, i) => {
    if (!((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== ''))) {
      throw new StatsInputError(messages.invalidModeratorValue(name, i + 1, v));
    }
  });
  const sorted = sortedLevels(values);
  const reference = moderator.reference ?? sorted[0]!;
  if (!sorted.includes(reference)) throw new StatsInputError(messages.unknownReference(name, reference, sorted));
  const levels = [reference, ...sorted.filter((l) => l !== reference)];
  const summary = { name, type: 'categorical' as const, levels, reference, min: null, max: null, inModel: levels.length > 1 };
  if (levels.length === 1) {
    warnings.push(messages.moderatorConstant(name));
    return { columns: [], summary };
  }
  const text = values.map(String);
  const columns = levels.slice(1).map((level) => ({
    name: `${name}: ${level}`,
    moderator: name,
    level,
    values: Float64Array.from(text, (v) => (v === level ? 1 : 0)),
    centre: 0,
    scale: 1,
  }));
  return { columns, summary };
}

/** Drops columns that are (numerically) combinations of the ones before them, by Gram-Schmidt on the fitted columns. */
function independentColumns(columns: readonly Column[], k: number): { kept: Column[]; dropped: Column[] } {
  const basis: Float64Array[] = [];
  const kept: Column[] = [];
  const dropped: Column[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column.values, (x) => (x - column.centre) / column.scale);
    let norm = 0;
    for (let i = 0; i < k; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += q[i]! * v[i]!;
      for (let i = 0; i < k; i++) v[i] = v[i]! - dot * q[i]!;
    }
    let residual = 0;
    for (let i = 0; i < k; i++) residual += v[i]! * v[i]!;
    residual = Math.sqrt(residual);
    if (!(residual > RANK_TOLERANCE * norm)) {
      dropped.push(column);
      continue;
    }
    for (let i = 0; i < k; i++) v[i] = v[i]! / residual;
    basis.push(v);
    kept.push(column);
  }
  return { kept, dropped };
}

/**
 * Meta-regression of proportions: the mixed-effects model yᵢ = xᵢ'β + uᵢ + εᵢ on the
 * transformed scale with continuous moderators and treatment-coded categorical ones (dummies
 * against the reference level), as metafor 3.8 `rma(measure, xi, ni, mods = ~ x1 + factor(x2),
 * method, test)`. Residual tau² by the named estimator for the general model matrix
 * (heterogeneity/design-tau2.ts), weighted least squares coefficients with Wald z or
 * Hartung-Knapp t tests (`hk-adhoc`: variances scaled by max(1, s²_w)), the omnibus test QM of
 * all moderators (chi-square, or F on (m, k - p) df), the residual heterogeneity test QE,
 * residual I² and H² with the typical variance (k - p) / tr P, metafor's pseudo-R² against the
 * intercept-only model of the same method, and, when the one moderator is continuous, fitted
 * values with confidence and prediction intervals over its range, back-transformed to
 * proportions. Continuous columns are centred and scaled inside the fit (the column space, so
 * tau² and every test, are unchanged) and the coefficients are transformed back, so moderators
 * like calendar years do not cost precision. Redundant columns are dropped as metafor does.
 *
 * Reference: Viechtbauer W, López-López JA, Sánchez-Meca J, Marín-Martínez F (2015). A
 * comparison of procedures to test for moderators in mixed-effects meta-regression models.
 * Psychological Methods 20(3), 360-374. https://doi.org/10.1037/met0000023;
 * Raudenbush SW (2009). Analyzing effect sizes: random-effects models. In The Handbook of
 * Research Synthesis and Meta-Analysis, 2nd ed., 295-315 (pseudo-R², no DOI);
 * Knapp G, Hartung J (2003), https://doi.org/10.1002/sim.1482
 *
 * @param input counts, pooling options and moderators (no missing values: the caller leaves
 *   out studies without a value and reports how many)
 * @returns coefficients, tests, residual heterogeneity, R², predictions and warnings
 * @throws StatsInputError for invalid input (as metaProportions), an invalid moderator, or
 *   k ≤ p (no more studies than coefficients)
 * @example
 * metaRegression({ events: [2, 5, 9, 14], n: [20, 20, 20, 20], transform: 'PLO', method: 'FE',
 *   moderators: [{ name: 'dose', type: 'continuous', values: [1, 2, 3, 4] }] }).coefficients[1].estimate // 0.99536131404748…
 */
export function metaRegression(input: MetaRegressionInput): MetaRegressionResult {
  const prepared = prepareAnalysis({
    events: input.events,
    n: input.n,
    transform: input.transform,
    method: input.method,
    ...(input.ci !== undefined ? { ci: input.ci } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.backTransform !== undefined ? { backTransform: input.backTransform } : {}),
    ...(input.correction !== undefined ? { correction: input.correction } : {}),
    ...(input.control !== undefined ? { control: input.control } : {}),
  });
  const { settings, effects } = prepared;
  const { method, ci, level, control } = settings;
  const k = input.events.length;
  const warnings: string[] = [];
  if (effects.correctedCount > 0) warnings.push(messages.correctionApplied(settings.add, effects.correctedCount, settings.transform));

  // moderators -> columns
  if (!Array.isArray(input.moderators) || input.moderators.length === 0) throw new StatsInputError(messages.noModerators());
  const names = new Set<string>();
  const candidates: Column[] = [{ name: 'intrcpt', moderator: null, level: null, values: new Float64Array(k).fill(1), centre: 0, scale: 1 }];
  const summaries: ModeratorSummary[] = [];
  input.moderators.forEach((moderator, index) => {
    const built = moderatorColumns(moderator, index, k, warnings);
    if (names.has(built.summary.name)) throw new StatsInputError(messages.duplicateModerator(built.summary.name));
    names.add(built.summary.name);
    candidates.push(...built.columns);
    summaries.push(built.summary);
  });
  const { kept: columns, dropped } = independentColumns(candidates, k);
  if (dropped.length > 0) warnings.push(messages.redundantPredictors(dropped.map((c) => c.name)));
  const moderators = summaries.map((s) => (s.inModel && !columns.some((c) => c.moderator === s.name) ? { ...s, inModel: false } : s));
  const p = columns.length;
  if (k <= p) throw new StatsInputError(messages.regressionTooFewStudies(k, p));
  if (p === 1) warnings.push(messages.interceptOnly());

  // the fitted (centred and scaled) model matrix
  const x = new Float64Array(k * p);
  columns.forEach((column, j) => {
    for (let i = 0; i < k; i++) x[i * p + j] = (column.values[i]! - column.centre) / column.scale;
  });
  const data = designData(effects.yi, effects.vi, x, p);
  const workspace = designWorkspace(data);
  const residualDf = k - p;

  // residual heterogeneity at the weights 1 / vi
  const atZero = designMoments(data, 0, workspace);
  const QE = Math.max(0, atZero[MOMENT.rss]!);
  const typicalVariance = residualDf / atZero[MOMENT.trP]!;

  // tau², coefficients and their covariance (fitted parametrisation)
  let tau2 = 0;
  let fitted = method;
  if (method !== 'FE') {
    const estimate = designTau2(data, method, control, workspace);
    tau2 = estimate.tau2;
    fitted = estimate.method;
    warnings.push(...estimate.warnings);
  }
  const moments = designMoments(data, tau2, workspace);
  const b = workspace.coefficients.slice();
  const vb = workspace.inverse.slice();
  const studyWeights = workspace.weights.slice();
  let scale = 1;
  if (ci !== 'z') {
    if (method === 'FE') warnings.push(messages.hartungKnappCommonEffect());
    const rss = moments[MOMENT.rss]!;
    scale = rss <= DOUBLE_EPSILON ? 0 : rss / residualDf;
    if (ci === 'hk-adhoc' && scale < 1) scale = 1;
    for (let j = 0; j < p * p; j++) vb[j] = vb[j]! * scale;
  }
  const df = ci === 'z' ? null : residualDf;
  const critical = criticalValue(level, df);
  const twoSided = (statistic: number): number =>
    df === null ? 2 * normalCdf(Math.abs(statistic), true) : 2 * studentTUpperTail(Math.abs(statistic), df);

  // back to the moderators' own units: b = T b', V = T V' T' with T[j][j] = 1 / s_j, T[0][j] = -c_j / s_j
  const transform = new Float64Array(p * p);
  columns.forEach((column, j) => {
    transform[j * p + j] = 1 / column.scale;
    if (j > 0) transform[j] = transform[j]! - column.centre / column.scale;
  });
  const coefficients: RegressionCoefficient[] = columns.map((column, j) => {
    let estimate = 0;
    let variance = 0;
    for (let a = 0; a < p; a++) {
      estimate += transform[j * p + a]! * b[a]!;
      for (let c = 0; c < p; c++) variance += transform[j * p + a]! * vb[a * p + c]! * transform[j * p + c]!;
    }
    const se = Math.sqrt(Math.max(0, variance));
    const statistic = estimate / se;
    return {
      name: column.name,
      moderator: column.moderator,
      level: column.level,
      estimate,
      se,
      z_or_t: statistic,
      p: twoSided(statistic),
      ci_lower: estimate - critical * se,
      ci_upper: estimate + critical * se,
    };
  });

  // omnibus test of the moderators (invariant to the parametrisation)
  let QM: number | null = null;
  let QMp: number | null = null;
  const m = p - 1;
  if (m > 0) {
    const block = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) block[a * m + c] = vb[(a + 1) * p + c + 1]!;
    const inverse = choleskyInverse(block, m);
    if (inverse !== null) {
      let statistic = 0;
      for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) statistic += b[a + 1]! * inverse.inverse[a * m + c]! * b[c + 1]!;
      QM = df === null ? statistic : statistic / m;
      QMp = df === null ? chiSquareUpperTail(QM, m) : fUpperTail(QM, m, df);
    }
  }

  // pseudo-R² against the intercept-only model of the same method
  let R2: number | null = null;
  if (method !== 'FE' && m > 0) {
    const interceptOnly = effectData(effects.yi, effects.vi);
    const tau2Intercept = estimateTau2(interceptOnly, createWorkspace(interceptOnly), method, control).tau2;
    R2 = tau2Intercept === 0 ? 0 : Math.max(0, (100 * (tau2Intercept - tau2)) / tau2Intercept);
  }

  let I2 = 0;
  let H2 = 1;
  if (method === 'FE') {
    I2 = Math.max(0, (100 * (QE - residualDf)) / QE);
    H2 = QE / residualDf;
  } else {
    I2 = (100 * tau2) / (typicalVariance + tau2);
    H2 = tau2 / typicalVariance + 1;
  }

  let sumWeights = 0;
  for (let i = 0; i < k; i++) sumWeights += studyWeights[i]!;

  // fitted values over a single continuous moderator
  let grid: MetaRegressionResult['grid'] = null;
  const single = columns.length === 2 && columns[1]!.level === null ? columns[1]! : null;
  if (single && moderators.filter((s) => s.inModel).length === 1) {
    const summary = moderators.find((s) => s.name === single.moderator)!;
    const count = Math.max(2, Math.floor(input.gridPoints ?? DEFAULT_GRID_POINTS));
    const from = summary.min!;
    const to = summary.max!;
    const step = (to - from) / (count - 1);
    const harmonicN = harmonicMean(input.n);
    const back = (value: number): number => backTransform(value, settings.transform, settings.backTransform, harmonicN);
    const points: RegressionPrediction[] = [];
    for (let j = 0; j < count; j++) {
      // as R's seq(from, to, length.out): the last point is `to` itself
      const at = j === count - 1 ? to : from + j * step;
      const z = (at - single.centre) / single.scale;
      const estimate = b[0]! + z * b[1]!;
      const variance = vb[0]! + 2 * z * vb[1]! + z * z * vb[3]!;
      const se = Math.sqrt(Math.max(0, variance));
      const spread = Math.sqrt(Math.max(0, variance) + tau2);
      const row = {
        x: at,
        estimate,
        se,
        ci_lower: estimate - critical * se,
        ci_upper: estimate + critical * se,
        pi_lower: estimate - critical * spread,
        pi_upper: estimate + critical * spread,
      };
      points.push({
        ...row,
        proportion: {
          estimate: back(row.estimate),
          ci_lower: back(row.ci_lower),
          ci_upper: back(row.ci_upper),
          pi_lower: back(row.pi_lower),
          pi_upper: back(row.pi_upper),
        },
      });
    }
    grid = { moderator: single.moderator!, points };
  }

  return {
    k,
    p,
    transform: settings.transform,
    method: fitted,
    ci,
    level,
    moderators,
    coefficients,
    tau2,
    tau: Math.sqrt(tau2),
    I2,
    H2,
    QE,
    QE_df: residualDf,
    QE_p: chiSquareUpperTail(QE, residualDf),
    QM,
    QM_df1: m,
    QM_df2: m > 0 ? df : null,
    QM_p: QMp,
    R2,
    df,
    yi: Array.from(effects.yi),
    vi: Array.from(effects.vi),
    weights: Array.from(studyWeights, (w) => (100 * w) / sumWeights),
    grid,
    warnings,
  };
}
