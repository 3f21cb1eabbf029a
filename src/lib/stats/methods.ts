/**
 * The names the engine accepts, as `as const` arrays with derived unions: inputs are checked
 * against these lists up front, and the command line prints them in its help.
 */

/** Transforms of a proportion: Freeman-Tukey double arcsine, arcsine square root, logit, raw. */
export const TRANSFORMS = ['PFT', 'PAS', 'PLO', 'PRAW'] as const;
export type Transform = (typeof TRANSFORMS)[number];

/** Estimators of the between-study variance tau², as metafor's `rma.uni()` defines them. */
export const TAU2_METHODS = ['DL', 'REML', 'ML', 'PM', 'HE', 'SJ'] as const;
export type Tau2Method = (typeof TAU2_METHODS)[number];

/** Pooling models: the common-effect model (FE, metafor's "EE") or a tau² estimator. */
export const MODEL_METHODS = ['FE', ...TAU2_METHODS] as const;
export type ModelMethod = (typeof MODEL_METHODS)[number];

/** Confidence intervals of the pooled estimate: Wald z, or Hartung-Knapp (t, k - 1 df). */
export const CI_METHODS = ['z', 'hk'] as const;
export type CiMethod = (typeof CI_METHODS)[number];

/** Confidence intervals of a single study's proportion. */
export const STUDY_INTERVALS = ['clopper-pearson', 'wilson'] as const;
export type StudyInterval = (typeof STUDY_INTERVALS)[number];

/**
 * Back-transforms of the Freeman-Tukey scale: Miller's inverse with the harmonic mean of the
 * sample sizes (metafor `transf.ipft.hm`, Stata `metaprop`), or plain sin².
 */
export const PFT_BACK_TRANSFORMS = ['miller', 'sin2'] as const;
export type PftBackTransform = (typeof PFT_BACK_TRANSFORMS)[number];

/**
 * Tests between subgroups: `separate` pools each level with its own tau² and compares the
 * level estimates (Stata `subgroup`, R meta's default); `common` fits one mixed-effects model
 * with a common tau² (metafor `mods = ~ factor(group)`).
 */
export const SUBGROUP_TESTS = ['separate', 'common'] as const;
export type SubgroupTest = (typeof SUBGROUP_TESTS)[number];

/** Which studies receive the continuity correction, as metafor `escalc(to = ...)`. */
export const CORRECTION_TARGETS = ['only0', 'all', 'if0all', 'none'] as const;
export type CorrectionTarget = (typeof CORRECTION_TARGETS)[number];
