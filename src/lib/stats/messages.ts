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
  notAnObject: (): string => 'each case must be a JSON object',
  internalError: (detail: string): string => `internal error: ${detail}`,
  csvEmpty: (): string => 'the CSV file has no header row (expected study,events,n)',
  csvMissingColumn: (column: string, header: readonly string[]): string =>
    `the CSV file has no "${column}" column (columns: ${list(header)})`,
  csvColumnCount: (line: number, expected: number, got: number): string =>
    `line ${line}: expected ${expected} fields like the header, got ${got}`,
  csvBadCount: (line: number, column: string, value: string): string =>
    `line ${line}: ${column} must be a whole number, got "${value}"`,
  csvUnclosedQuote: (line: number): string => `line ${line}: a quoted field is not closed`,
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
  backTransformClamped: (what: string, bound: number): string =>
    `${what} lies outside the range of the transform and is shown as ${bound}`,
  rawOutsideUnit: (what: string): string => `${what} extends outside [0, 1] on the raw proportion scale`,
  searchIntervalExtended: (method: string, upper: number): string =>
    `${method}: the default tau² search interval was too short and was extended to ${format(upper)}`,
  subgroupSingleLevel: (): string => 'only one subgroup level: no test between subgroups',
  betweenUndefined: (): string =>
    'the test between subgroups is undefined: a subgroup estimate has a standard error of 0 (Hartung-Knapp with identical studies)',
} as const;
