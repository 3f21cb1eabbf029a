import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import {
  CI_METHODS,
  CORRECTION_TARGETS,
  ANALYSIS_METHODS,
  GLMM_FALLBACKS,
  GLMM_METHODS,
  PFT_BACK_TRANSFORMS,
  PREDICTION_INTERVALS,
  STUDY_INTERVALS,
  SUBGROUP_TESTS,
  TRANSFORMS,
  type CiMethod,
  type CorrectionTarget,
  type GlmmFallback,
  type GlmmMethod,
  type ModelMethod,
  type PftBackTransform,
  type PredictionRule,
  type StudyInterval,
  type SubgroupTest,
  type Transform,
} from '../methods.ts';
import type { FitControl, MetaProportionsInput } from '../types.ts';

/** Input after validation, with every default filled in. */
export interface AnalysisSettings {
  readonly transform: Transform;
  /** the inverse-variance model; for a binomial model its counterpart (ML for GLMM, FE for GLMM-FE), see `glmm` */
  readonly method: ModelMethod;
  /** the binomial model requested (GLMM, GLMM-FE), or null for an inverse-variance model */
  readonly glmm: GlmmMethod | null;
  /** GLMM: report the common-effect fit when tau² cannot be estimated (`common-effect`), or metafor's fit whatever it is (`none`) */
  readonly glmmFallback: GlmmFallback;
  readonly ci: CiMethod;
  readonly predictionInterval: PredictionRule;
  readonly level: number;
  readonly backTransform: PftBackTransform;
  readonly add: number;
  readonly to: CorrectionTarget;
  readonly studyInterval: StudyInterval;
  readonly subgroupTest: SubgroupTest;
  readonly control: FitControl;
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined) throw new StatsInputError(messages.missingName(option, allowed));
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new StatsInputError(messages.unknownName(option, value, allowed));
}

function checkCounts(events: unknown, n: unknown): void {
  if (!Array.isArray(events) || events.length === 0) throw new StatsInputError(messages.noStudies());
  if (!Array.isArray(n) || n.length !== events.length) {
    throw new StatsInputError(messages.lengthMismatch('n', Array.isArray(n) ? n.length : 0, events.length));
  }
  for (let i = 0; i < events.length; i++) {
    const x: unknown = events[i];
    const size: unknown = n[i];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw new StatsInputError(messages.notACount('n', i + 1, size));
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new StatsInputError(messages.notACount('events', i + 1, x));
    if (x > size) throw new StatsInputError(messages.eventsExceedN(i + 1, x, size));
  }
}

function checkStrings(field: 'labels' | 'groups', values: unknown, k: number): void {
  if (values === undefined) return;
  if (!Array.isArray(values) || values.length !== k) {
    throw new StatsInputError(messages.lengthMismatch(field, Array.isArray(values) ? values.length : 0, k));
  }
  if (field === 'groups') {
    values.forEach((value: unknown, i) => {
      if (typeof value !== 'string' || value === '') throw new StatsInputError(messages.invalidGroup(i + 1));
    });
  }
}

/**
 * Checks an analysis request and fills in the defaults: refuses empty or mismatched arrays,
 * counts that are not whole numbers, events above n, unknown method names (checked against
 * the lists in `methods.ts` before any computation, as metafor does), a level outside (0, 1)
 * and a negative correction.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param input the request (counts on the count scale, options by name)
 * @returns the settings with defaults
 * @throws StatsInputError with a message from `messages.ts` for invalid input
 * @example
 * validateInput({ events: [1], n: [2], transform: 'PAS', method: 'REML' }).add // 0
 */
export function validateInput(input: MetaProportionsInput): AnalysisSettings {
  checkCounts(input.events, input.n);
  const k = input.events.length;
  checkStrings('labels', input.labels, k);
  checkStrings('groups', input.groups, k);
  const transform = oneOf('transform', input.transform, TRANSFORMS);
  const requested = oneOf('method', input.method, ANALYSIS_METHODS);
  const ci = oneOf('ci', input.ci, CI_METHODS, 'z');
  const glmm = (GLMM_METHODS as readonly string[]).includes(requested) ? (requested as GlmmMethod) : null;
  if (glmm !== null) {
    if (transform !== 'PLO') throw new StatsInputError(messages.glmmNeedsLogit(glmm, transform));
    if (ci === 'hk-adhoc') throw new StatsInputError(messages.glmmCiMethod(glmm, ci));
    if (input.groups !== undefined && input.subgroupTest === 'common') throw new StatsInputError(messages.glmmCommonSubgroups(glmm));
  }
  const method: ModelMethod = glmm === 'GLMM' ? 'ML' : glmm === 'GLMM-FE' ? 'FE' : (requested as ModelMethod);
  const glmmFallback = oneOf('glmmFallback', input.glmmFallback, GLMM_FALLBACKS, 'none');
  const predictionInterval = oneOf('predictionInterval', input.predictionInterval, PREDICTION_INTERVALS, 'ci');
  if (input.backTransform !== undefined && transform !== 'PFT') {
    throw new StatsInputError(messages.backTransformNeedsPft(transform));
  }
  const backTransform = oneOf('backTransform', input.backTransform, PFT_BACK_TRANSFORMS, 'miller');
  const studyInterval = oneOf('studyInterval', input.studyInterval, STUDY_INTERVALS, 'clopper-pearson');
  const subgroupTest = oneOf('subgroupTest', input.subgroupTest, SUBGROUP_TESTS, 'separate');
  const level = input.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new StatsInputError(messages.invalidLevel(level));
  const correction = typeof input.correction === 'number' ? { add: input.correction } : (input.correction ?? {});
  const add = correction.add ?? (transform === 'PAS' || transform === 'PFT' ? 0 : 0.5);
  if (typeof add !== 'number' || !(add >= 0) || !Number.isFinite(add)) throw new StatsInputError(messages.invalidCorrection(add));
  const to = oneOf('correction target', correction.to, CORRECTION_TARGETS, 'only0');
  return {
    transform,
    method,
    glmm,
    glmmFallback,
    ci,
    predictionInterval,
    level,
    backTransform,
    add,
    to,
    studyInterval,
    subgroupTest,
    control: input.control ?? {},
  };
}
