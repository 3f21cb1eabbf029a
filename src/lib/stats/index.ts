/**
 * Meta-analysis of proportions, matching R metafor. Pure TypeScript: no Astro or Node
 * imports, so the site, the command line and the tests all use the same code.
 */

// Main API
export { metaProportions, metaProportionsVariants } from './analysis/meta-proportions.ts';
export { leaveOneOut, leaveClustersOut, type ClusterRefitRow } from './analysis/leave-one-out.ts';
export { cumulative } from './analysis/cumulative.ts';
export { eggerTest, type EggerTest } from './analysis/egger-test.ts';
export { EGGER_MIN_K } from './analysis/egger-min-k.ts';
export { tau2ConfidenceInterval } from './analysis/tau2-confidence-interval.ts';
export { trimAndFill } from './analysis/trim-and-fill.ts';
export { funnelData } from './analysis/funnel-data.ts';
export { influence } from './analysis/influence.ts';
export { baujat } from './analysis/baujat.ts';
export { metaRegression } from './analysis/meta-regression.ts';
export type * from './analysis/meta-regression-types.ts';
export type { RefitRow } from './analysis/sequential-fit.ts';
export { batchCase, type BatchRecord, type BatchSummary } from './analysis/batch-case.ts';

// Names, types, messages and errors
export * from './methods.ts';
export type * from './types.ts';
export { messages } from './messages.ts';
export { StatsInputError } from './errors.ts';

// Transforms and back-transforms
export { freemanTukey } from './transforms/freeman-tukey.ts';
export { freemanTukeyInverse } from './transforms/freeman-tukey-inverse.ts';
export { arcsineSquareRoot } from './transforms/arcsine-square-root.ts';
export { arcsineSquareRootInverse } from './transforms/arcsine-square-root-inverse.ts';
export { logit } from './transforms/logit.ts';
export { logitInverse } from './transforms/logit-inverse.ts';
export { harmonicMean } from './transforms/harmonic-mean.ts';
export { studyEffects, type StudyEffects } from './transforms/study-effects.ts';
export { backTransform } from './transforms/back-transform.ts';

// Study intervals
export { clopperPearson } from './intervals/clopper-pearson.ts';
export { wilson } from './intervals/wilson.ts';
export { studyInterval } from './intervals/study-interval.ts';

// Models on the transformed scale
export { effectData, type EffectData } from './models/effect-data.ts';
export { fitModel } from './models/fit-model.ts';
export type { ModelFit } from './models/model-fit.ts';

// Heterogeneity: tau² estimators, Q-profile interval
export { derSimonianLaird } from './heterogeneity/dersimonian-laird.ts';
export { hedges } from './heterogeneity/hedges.ts';
export { sidikJonkman } from './heterogeneity/sidik-jonkman.ts';
export { pauleMandel } from './heterogeneity/paule-mandel.ts';
export { fisherScoring } from './heterogeneity/fisher-scoring.ts';
export { estimateTau2 } from './heterogeneity/estimate-tau2.ts';
export { qProfileInterval } from './heterogeneity/q-profile-interval.ts';
export { createWorkspace, type Workspace } from './heterogeneity/create-workspace.ts';
export { residualMoments, MOMENT } from './heterogeneity/residual-moments.ts';

// Distributions and numerics
export { normalCdf } from './distributions/normal-cdf.ts';
export { normalQuantile } from './distributions/normal-quantile.ts';
export { studentTUpperTail } from './distributions/student-t-upper-tail.ts';
export { studentTQuantile } from './distributions/student-t-quantile.ts';
export { chiSquareUpperTail } from './distributions/chi-square-upper-tail.ts';
export { chiSquareQuantile } from './distributions/chi-square-quantile.ts';
export { fUpperTail } from './distributions/f-upper-tail.ts';
export { betaQuantile } from './distributions/beta-quantile.ts';
export { brentRoot } from './numeric/brent-root.ts';

// Command-line helpers (pure: text in, text out)
export { parseStudiesCsv, type CsvStudies } from './io/parse-studies-csv.ts';
export { formatResultTable } from './io/format-result-table.ts';
