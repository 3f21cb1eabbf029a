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

/**
 * Binomial models of the counts on the logit scale (transform PLO only), as metafor's
 * `rma.glmm(measure = "PLO")`: `GLMM` the random-intercept logistic model fitted by maximum
 * likelihood (`method = "ML"`, adaptive Gauss-Hermite quadrature of 7 nodes), `GLMM-FE` the
 * common-effect logistic model (`method = "EE"`).
 */
export const GLMM_METHODS = ['GLMM', 'GLMM-FE'] as const;
export type GlmmMethod = (typeof GLMM_METHODS)[number];

/** Every method an analysis accepts: the inverse-variance models and the binomial ones. */
export const ANALYSIS_METHODS = [...MODEL_METHODS, ...GLMM_METHODS] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

/**
 * Confidence intervals of the pooled estimate: Wald z, Hartung-Knapp (t, k - p df), or
 * Hartung-Knapp with the ad hoc correction (the variance scaled by max(1, s²_w), so never
 * narrower than the Wald-type interval with t; metafor `test = "adhoc"`).
 */
export const CI_METHODS = ['z', 'hk', 'hk-adhoc'] as const;
export type CiMethod = (typeof CI_METHODS)[number];

/**
 * Critical value of the prediction interval b ± c·√(se² + tau²): the CI's (`ci`, metafor 3.8
 * `predict()`), the normal (`z`), or t on k - p (`t-k1`) or k - p - 1 (`t-k2`, Higgins,
 * Thompson & Spiegelhalter 2009) df; p = 1 without subgroups, so k - 1 and k - 2.
 */
export const PREDICTION_INTERVALS = ['ci', 'z', 't-k1', 't-k2'] as const;
export type PredictionRule = (typeof PREDICTION_INTERVALS)[number];

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

/**
 * What a GLMM reports when tau² cannot be estimated: metafor's fit as it is (`none`), or the
 * common-effect binomial fit with a warning (`common-effect`).
 */
export const GLMM_FALLBACKS = ['none', 'common-effect'] as const;
export type GlmmFallback = (typeof GLMM_FALLBACKS)[number];
