/**
 * Every text the engine shows: errors (thrown for invalid input) and warnings (returned in
 * `warnings` for conditions it recovers from). Tests compare against these functions, so a
 * wording change happens here once.
 */

const list = (values: readonly string[]): string => values.join(', ');
const studies = (count: number): string => (count === 1 ? '1 study' : `${count} studies`);
const format = (value: number): string => (Math.abs(value) < 1e-3 ? value.toExponential(3) : value.toFixed(4));

export const messages = {
  // errors: invalid input
  noStudies: (): string => 'pooling requires at least one study',
  lengthMismatch: (field: string, length: number, k: number): string =>
    `${field} has ${length} values but events has ${k}`,
  notACount: (field: string, study: number, value: unknown): string =>
    `study ${study}: ${field} must be a whole number ≥ ${field === 'n' ? 1 : 0}, got ${String(value)}`,
  eventsExceedN: (study: number, events: number, n: number): string =>
    `study ${study}: events (${events}) exceed n (${n})`,
  unknownName: (option: string, value: unknown, allowed: readonly string[]): string =>
    `unknown ${option} "${String(value)}" (use one of ${list(allowed)})`,
  missingName: (option: string, allowed: readonly string[]): string => `no ${option} given (use one of ${list(allowed)})`,
  invalidLevel: (level: unknown): string => `confidence level must be between 0 and 1, got ${String(level)}`,
  invalidCorrection: (add: unknown): string => `continuity correction must be a number ≥ 0, got ${String(add)}`,
  backTransformNeedsPft: (transform: string): string =>
    `backTransform applies to the PFT transform only (transform is ${transform})`,
  zeroVariance: (study: number, transform: string): string =>
    `study ${study}: zero or undefined sampling variance under ${transform} (0 or n events without a continuity correction)`,
  invalidOrder: (k: number): string => `order must list each study index 0..${k - 1} exactly once`,
  invalidSteps: (k: number): string => `steps must be step indices 0..${k - 1} in ascending order, each once`,
  tooFewForEgger: (k: number): string => `Egger's test needs at least 3 studies, got ${k}`,
  invalidGroup: (study: number): string => `study ${study}: group must be a non-empty string`,
  eggerEqualPrecision: (): string => "Egger's test needs studies of different precision (all standard errors are equal)",
  trimFillSingleStudy: (): string => 'trim-and-fill needs at least 2 studies',
  trimFillFailed: (detail: string): string => `trim-and-fill could not be computed: ${detail}`,
  tooFewForInfluence: (k: number): string => `influence diagnostics need at least 2 studies, got ${k}`,
  noModerators: (): string => 'meta-regression needs at least one moderator',
  invalidModerator: (index: number): string => `moderator ${index}: give a non-empty name, a type (continuous or categorical) and one value per study`,
  duplicateModerator: (name: string): string => `moderator "${name}" is given twice`,
  invalidModeratorValue: (name: string, study: number, value: unknown): string =>
    `study ${study}: moderator "${name}" needs a value (a finite number if continuous, a number or non-empty text if categorical), got ${String(value)}; leave out studies without one`,
  unknownReference: (name: string, reference: string, levels: readonly string[]): string =>
    `moderator "${name}": reference level "${reference}" is not among its values (${list(levels)})`,
  regressionTooFewStudies: (k: number, p: number): string =>
    `meta-regression needs more studies than coefficients: ${studies(k)} for ${p} coefficients (intercept and moderators)`,
  notAnObject: (): string => 'each case must be a JSON object',
  glmmNeedsLogit: (method: string, transform: string): string =>
    `method ${method} is a binomial model of the counts on the logit scale: use transform PLO (got ${transform}), or another method`,
  glmmCiMethod: (method: string, ci: string): string =>
    `method ${method} takes ci z or hk (a t distribution on k − 1 df), not ${ci}`,
  glmmCommonSubgroups: (method: string): string =>
    `method ${method} pools each subgroup on its own: use subgroupTest separate (common is not available for binomial models)`,
  glmmNoEvents: (count: number): string =>
    `the binomial model has no finite estimate: no event in ${studies(count)} (the pooled logit is −∞); use transform PAS or PFT with an inverse-variance method`,
  glmmOnlyEvents: (count: number): string =>
    `the binomial model has no finite estimate: only events in ${studies(count)} (the pooled logit is +∞); use transform PAS or PFT with an inverse-variance method`,
  glmmUnboundedTau2: (count: number): string =>
    `the random-intercept model has no finite maximum: each of the ${studies(count)} has 0 or n events, so tau² grows without bound; use GLMM-FE, or transform PAS or PFT with an inverse-variance method`,
  glmmNotConverged: (iterations: number): string =>
    `the random-intercept model did not converge after ${iterations} Newton iterations; use GLMM-FE, or transform PAS or PFT with an inverse-variance method`,
  internalError: (detail: string): string => `internal error: ${detail}`,
  csvEmpty: (): string => 'the CSV file has no header row (expected study,events,n)',
  csvMissingColumn: (column: string, header: readonly string[]): string =>
    `the CSV file has no "${column}" column (columns: ${list(header)})`,
  csvColumnCount: (line: number, expected: number, got: number): string =>
    `line ${line}: expected ${expected} fields like the header, got ${got}`,
  csvBadCount: (line: number, column: string, value: string): string =>
    `line ${line}: ${column} must be a whole number, got "${value}"`,
  csvUnclosedQuote: (line: number): string => `line ${line}: a quoted field is not closed`,
  csvTextAfterQuote: (line: number): string =>
    `line ${line}: text follows the closing quote of a field; put the whole field in quotes ("a ""b"" c") or end it at the quote`,
  csvNoRows: (): string => 'the CSV file has a header but no studies',

  // warnings: recoverable conditions
  tau2Truncated: (method: string, raw: number): string =>
    `tau² by ${method} was negative (${format(raw)}) and is set to 0`,
  correctionApplied: (add: number, count: number, transform: string): string =>
    `continuity correction: ${add} added to events and non-events of ${studies(count)} (${transform})`,
  iterationFallback: (method: string, iterations: number, fallback: string): string =>
    `${method} did not converge after ${iterations} iterations; tau² estimated by ${fallback} instead`,
  localMaximum: (method: string): string =>
    `${method} Fisher scoring stopped at a point with a lower likelihood than tau² = 0; tau² set to 0 (as metafor does)`,
  hartungKnappCommonEffect: (): string =>
    'Hartung-Knapp intervals are not meant for a common-effect model (used as requested)',
  singleStudy: (): string => 'only one study: tau² is 0 and heterogeneity cannot be assessed',
  hartungKnappSingleStudy: (): string => 'only one study: Hartung-Knapp needs two, Wald z interval used',
  predictionUndefined: (rule: string, df: number): string =>
    `prediction interval (${rule}) undefined: t would have ${df} degrees of freedom; the confidence interval is shown in its place`,
  backTransformClamped: (what: string, bound: number): string =>
    `${what} lies outside the range of the transform and is shown as ${bound}`,
  rawOutsideUnit: (what: string): string => `${what} extends outside [0, 1] on the raw proportion scale`,
  searchIntervalExtended: (method: string, upper: number): string =>
    `${method}: the default tau² search interval was too short and was extended to ${format(upper)}`,
  subgroupSingleLevel: (): string => 'only one subgroup level: no test between subgroups',
  trimFillOnInverseVariance: (method: string): string =>
    `trim-and-fill is not available for ${method}; it uses the inverse-variance model of the same transform with REML`,
  trimFillSideAssumed: (): string =>
    'trim-and-fill: the side of the missing studies could not be estimated (too few studies, or studies of (nearly) equal precision); the left side was assumed',
  influenceOnInverseVariance: (method: string): string =>
    `influence diagnostics are not available for ${method}; they are computed on the inverse-variance model of the same transform with REML`,
  moderatorConstant: (name: string): string =>
    `moderator "${name}" takes the same value in every study and is left out of the model`,
  redundantPredictors: (names: readonly string[]): string =>
    `redundant predictors dropped from the model (${list(names)}), as metafor does`,
  interceptOnly: (): string => 'no moderator varies across these studies: the model has the intercept only and no test of moderators',
  glmmNotIdentifiable: (withEvents: number, withNonEvents: number): string =>
    `GLMM: only ${withEvents < 2 ? `${withEvents === 1 ? 'one study has' : 'no study has'} events` : `${withNonEvents === 1 ? 'one study has' : 'no study has'} non-events`}, so tau² cannot be estimated; the common-effect binomial fit is reported instead`,
  glmmTau2RunsAway: (tau2: number, limit: number): string =>
    `GLMM: the likelihood is largest at tau² = ${format(tau2)}, above ${limit}, which leaves the pooled proportion undetermined; the common-effect binomial fit is reported instead`,
  glmmBoundary: (): string =>
    'GLMM: the likelihood is largest at tau² = 0, so the common-effect binomial fit is reported (as metafor)',
  betweenUndefined: (): string =>
    'the test between subgroups is undefined: a subgroup estimate has a standard error of 0 (Hartung-Knapp with identical studies)',
} as const;
