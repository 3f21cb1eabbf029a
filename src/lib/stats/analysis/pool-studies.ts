import { qProfileInterval } from '../heterogeneity/q-profile-interval.ts';
import { messages } from '../messages.ts';
import type { EffectData } from '../models/effect-data.ts';
import { fitModel } from '../models/fit-model.ts';
import type { ModelFit } from '../models/model-fit.ts';
import type { PooledAnalysis, StudyRow, Tau2Interval } from '../types.ts';
import { glmmFit } from './glmm-fit.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';
import { studyRows } from './study-rows.ts';
import { subsetData } from './subset-data.ts';
import { summarizeLevel } from './summarize-level.ts';
import { refitsByCells } from './refit-cells.ts';
import { cellsData, varianceCells } from './variance-cells.ts';

/** Model weights 1 / (vᵢ + tau²) of each study, as fitModel leaves them for a fit on the studies. */
function studyWeights(vi: Float64Array, tau2: number): Float64Array {
  const weights = new Float64Array(vi.length);
  for (let i = 0; i < vi.length; i++) weights[i] = 1 / (vi[i]! + tau2);
  return weights;
}

/**
 * Pools the listed studies of a prepared analysis: fits the model (metafor `rma.uni()`),
 * back-transforms the estimate and intervals, adds the Q-profile interval of tau² and the
 * study rows (both computed when first read), and collects the warnings.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param prepared the prepared analysis
 * @param indices positions of the studies to pool (0-based, in input order)
 * @returns the pooled analysis of those studies
 * @throws never: input was validated by prepareAnalysis
 * @example
 * poolStudies(prepareAnalysis(input), [0, 1, 2]).proportion.estimate
 */
export function poolStudies(prepared: PreparedAnalysis, indices: readonly number[]): PooledAnalysis {
  const { settings } = prepared;
  const subset = subsetData(prepared, indices);
  // Many studies: fit on cells of equal variance (the same estimates, O(cells) per iteration).
  const cells = settings.glmm === null && refitsByCells(indices.length, settings.method) ? varianceCells(prepared, indices) : undefined;
  // binomial models (GLMM, GLMM-FE) fit the counts themselves
  const glmm = settings.glmm !== null ? glmmFit(prepared, indices) : null;
  const fit =
    glmm ??
    (cells
      ? fitModel(cellsData(cells), settings.method, settings.ci, settings.level, settings.control, cells.workspace)
      : fitModel(subset.data, settings.method, settings.ci, settings.level, settings.control));
  const summary = summarizeLevel(fit, 0, settings, subset.harmonicN);
  const warnings: string[] = [];
  if (subset.correctedCount > 0 && settings.glmm === null) warnings.push(messages.correctionApplied(settings.add, subset.correctedCount, settings.transform));
  warnings.push(...fit.warnings, ...summary.warnings);
  const randomEffects = settings.glmm === null && fit.method !== 'FE' && fit.Q_df > 0;
  const result: Omit<PooledAnalysis, 'tau2_ci' | 'studies'> = {
    k: fit.k,
    transform: settings.transform,
    // a binomial model reports GLMM-FE after falling back to the common-effect fit
    method: settings.glmm === null ? fit.method : fit.method === 'FE' ? 'GLMM-FE' : 'GLMM',
    ci: fit.ci,
    level: settings.level,
    tau2: fit.tau2,
    tau: Math.sqrt(fit.tau2),
    I2: fit.I2,
    H2: fit.H2,
    I2_Q: fit.I2_Q,
    H2_Q: fit.H2_Q,
    Q: fit.Q,
    Q_df: fit.Q_df,
    Q_p: fit.Q_p,
    ...(glmm ? { Q_LRT: glmm.Q_LRT, Q_LRT_p: glmm.Q_LRT_p } : {}),
    df: fit.df,
    transformed: summary.transformed,
    proportion: summary.proportion,
    clamped: summary.clamped,
    warnings,
  };
  return withLazyFields(result, { prepared, indices, data: subset.data, fit, cells: cells !== undefined, randomEffects });
}

/** What the fields computed on first read need, and their values once computed. */
interface LazyState {
  readonly prepared: PreparedAnalysis;
  readonly indices: readonly number[];
  readonly data: EffectData;
  readonly fit: ModelFit;
  /** fitted on cells: fit.weights are per cell */
  readonly cells: boolean;
  readonly randomEffects: boolean;
  interval?: Tau2Interval | null;
  rows?: StudyRow[];
}

/**
 * Hands a plain object back from `new`, so that a subclass's private field is added to it: the
 * only way to give an object literal a hidden field without defineProperty (several times slower).
 */
class ReturnsItsArgument {
  constructor(target: object) {
    return target;
  }
}

/**
 * Keeps a result's LazyState in a private field: invisible to JSON, spreading, Object.keys and
 * symbol listings, and the result stays a plain object (its prototype Object.prototype).
 */
class LazyStateHolder extends ReturnsItsArgument {
  readonly #state: LazyState;

  private constructor(target: object, state: LazyState) {
    super(target);
    this.#state = state;
  }

  /** Gives `target` its state, once. */
  static attach(target: object, state: LazyState): void {
    new LazyStateHolder(target, state);
  }

  static of(result: object): LazyState {
    return (result as LazyStateHolder).#state;
  }
}

/**
 * The accessors of `tau2_ci` and `studies`, shared by every result. Getters written in each
 * result's object literal would be new functions per result, which puts every result object in
 * V8's slow dictionary mode (about a microsecond to build, and slower to read); shared ones
 * keep one hidden class. Enumerable, so JSON.stringify and spreading read them like any field.
 */
const LAZY_FIELDS: Record<'tau2_ci' | 'studies', PropertyDescriptor> = {
  tau2_ci: {
    enumerable: true,
    configurable: true,
    get(this: object): Tau2Interval | null {
      const state = LazyStateHolder.of(this);
      if (state.interval === undefined) {
        // a workspace of its own: the fit's weights are those of the fit's workspace
        const { data, prepared, fit } = state;
        state.interval = state.randomEffects ? qProfileInterval(data, prepared.settings.level, fit.typicalVariance) : null;
      }
      return state.interval;
    },
  },
  studies: {
    enumerable: true,
    configurable: true,
    get(this: object): StudyRow[] {
      const state = LazyStateHolder.of(this);
      const { prepared, indices, data, fit, cells } = state;
      state.rows ??= studyRows(prepared, indices, cells ? studyWeights(data.vi, fit.tau2) : fit.weights);
      return state.rows;
    },
  },
};

/**
 * Adds the fields computed on first read (the Q-profile interval of tau² and the study rows,
 * which cost more than the pooling itself) to a pooled result, after its other fields.
 */
function withLazyFields(result: Omit<PooledAnalysis, 'tau2_ci' | 'studies'>, state: LazyState): PooledAnalysis {
  LazyStateHolder.attach(result, state);
  // one property at a time: defineProperties with a descriptor map costs twice as much
  Object.defineProperty(result, 'tau2_ci', LAZY_FIELDS.tau2_ci);
  Object.defineProperty(result, 'studies', LAZY_FIELDS.studies);
  return result as PooledAnalysis;
}
