import { studyEffects, type StudyEffects } from '../transforms/study-effects.ts';
import type { MetaProportionsInput } from '../types.ts';
import { validateInput, type AnalysisSettings } from './validate-input.ts';

/** A validated request with its study effects, shared by every analysis of the same studies. */
export interface PreparedAnalysis {
  readonly settings: AnalysisSettings;
  readonly events: readonly number[];
  readonly n: readonly number[];
  readonly labels: readonly string[] | null;
  readonly groups: readonly string[] | null;
  readonly effects: StudyEffects;
  /** study intervals [lower, upper] per study, computed on first use */
  intervals: Float64Array | null;
}

/**
 * Study effects already computed for the same events and n, by transform and continuity
 * correction: analyses of one set of studies by several methods share them (metaProportionsVariants).
 */
export type SharedEffects = Map<string, StudyEffects>;

/**
 * Validates a request and computes the study effects (metafor `escalc()`) once, so that the
 * overall analysis, subgroups, leave-one-out and cumulative runs share them.
 *
 * Reference: Viechtbauer W (2010). Conducting meta-analyses in R with the metafor package.
 * Journal of Statistical Software 36(3). https://doi.org/10.18637/jss.v036.i03
 *
 * @param input the request (counts, options by name)
 * @param shared effects of the same events and n computed before, reused and added to
 * @returns settings, effects (transformed scale) and the study data
 * @throws StatsInputError for invalid input
 * @example
 * prepareAnalysis({ events: [1, 2], n: [10, 10], transform: 'PLO', method: 'DL' }).effects.yi.length // 2
 */
export function prepareAnalysis(input: MetaProportionsInput, shared?: SharedEffects): PreparedAnalysis {
  const settings = validateInput(input);
  const key = `${settings.transform} ${settings.add} ${settings.to}`;
  let effects = shared?.get(key);
  if (!effects) {
    effects = studyEffects(input.events, input.n, settings.transform, settings.add, settings.to);
    shared?.set(key, effects);
  }
  return {
    settings,
    events: input.events,
    n: input.n,
    labels: input.labels ?? null,
    groups: input.groups ?? null,
    effects,
    intervals: null,
  };
}
