import type { MetaProportionsResult, PooledAnalysis, StudyRow } from '../types.ts';
import { printable } from './printable.ts';

const METHOD_NAMES: Record<string, string> = {
  FE: 'common-effect model',
  DL: 'random effects, DerSimonian-Laird tau²',
  REML: 'random effects, REML tau²',
  ML: 'random effects, ML tau²',
  PM: 'random effects, Paule-Mandel tau²',
  HE: 'random effects, Hedges tau²',
  SJ: 'random effects, Sidik-Jonkman tau²',
  GLMM: 'binomial-normal random-intercept model (GLMM, ML)',
  'GLMM-FE': 'common-effect binomial model',
};
const TRANSFORM_NAMES: Record<string, string> = {
  PFT: 'Freeman-Tukey double arcsine',
  PAS: 'arcsine square root',
  PLO: 'logit',
  PRAW: 'raw proportions',
};

const percent = (value: number): string => (Number.isFinite(value) ? (100 * value).toFixed(2) : 'NA');
const interval = (lower: number, upper: number): string => `[${percent(lower)}, ${percent(upper)}]`;
const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'NA');
const pValue = (p: number): string => (p < 0.0001 ? '< 0.0001' : fixed(p, 4));

function studyLine(row: StudyRow, labelWidth: number): string {
  const label = printable(row.label ?? `study ${row.study + 1}`).slice(0, labelWidth).padEnd(labelWidth);
  const estimate = `${percent(row.proportion)} ${interval(row.ci_lower, row.ci_upper)}`;
  return `${label} ${String(row.events).padStart(7)} ${String(row.n).padStart(7)}   ${estimate.padEnd(26)} ${row.weight.toFixed(1).padStart(6)}%`;
}

function pooledLines(title: string, analysis: PooledAnalysis, labelWidth: number): string[] {
  const { proportion } = analysis;
  let events = 0;
  let n = 0;
  for (const row of analysis.studies) {
    events += row.events;
    n += row.n;
  }
  const lines = [
    `${printable(title).slice(0, labelWidth).padEnd(labelWidth)} ${String(events).padStart(7)} ${String(n).padStart(7)}   ${percent(proportion.estimate)} ${interval(proportion.ci_lower, proportion.ci_upper)}`,
  ];
  if (analysis.method !== 'FE') {
    lines.push(`${'  prediction interval'.padEnd(labelWidth)} ${''.padStart(15)}   ${interval(proportion.pi_lower, proportion.pi_upper)}`);
  }
  return lines;
}

function heterogeneityLine(analysis: PooledAnalysis): string {
  const parts: string[] = [];
  if (analysis.method !== 'FE') {
    const ci = analysis.tau2_ci;
    parts.push(`tau² = ${fixed(analysis.tau2, 4)}${ci ? ` [${fixed(ci.tau2_lower, 4)}, ${fixed(ci.tau2_upper, 4)}]` : ''}`);
  }
  parts.push(`I² = ${fixed(analysis.I2, 2)}%`, `H² = ${fixed(analysis.H2, 2)}`);
  parts.push(`Q = ${fixed(analysis.Q, 2)} (df = ${analysis.Q_df}), p = ${pValue(analysis.Q_p)}`);
  return `  heterogeneity: ${parts.join(', ')}`;
}

/**
 * Formats a result as a plain-text table for the command line: each study with its
 * proportion, study interval and weight, the pooled line with its prediction interval,
 * heterogeneity, subgroups with the test between them, and the warnings. Proportions are
 * shown in percent. Text from the input (study labels, subgroup names, warnings naming them)
 * is printed with its control characters escaped (printable.ts), so a label cannot send
 * escape sequences to the terminal.
 *
 * Reference: Lewis S, Clarke M (2001). Forest plots: trying to see the wood and the trees.
 * BMJ 322(7300), 1479-1480. https://doi.org/10.1136/bmj.322.7300.1479
 *
 * @param result a result of metaProportions
 * @returns the table, lines separated by "\n"
 * @throws never
 * @example
 * formatResultTable(metaProportions({ events: [3, 5], n: [10, 12], transform: 'PLO', method: 'DL' }))
 */
export function formatResultTable(result: MetaProportionsResult): string {
  return [...resultTableLines(result)].join('\n');
}

/**
 * The lines of formatResultTable one at a time, so that a table of a million studies can be
 * written out as it is made, without holding all of it.
 */
export function* resultTableLines(result: MetaProportionsResult): Generator<string> {
  // a loop, not Math.max(...labels): a spread of a million values overflows the stack
  let labelWidth = 24;
  for (const row of result.studies) labelWidth = Math.max(labelWidth, printable(row.label ?? '').length + 1);
  const level = `${Math.round(result.level * 100)}%`;
  const ci =
    result.ci === 'hk' ? `Hartung-Knapp (t, ${result.df} df)` : result.ci === 'hk-adhoc' ? `Hartung-Knapp with the ad hoc correction (t, ${result.df} df)` : 'Wald z';
  yield `Meta-analysis of proportions: ${TRANSFORM_NAMES[result.transform]} (${result.transform}), ${METHOD_NAMES[result.method]}, ${ci} ${level} CI`;
  yield '';
  yield `${'study'.padEnd(labelWidth)} ${'events'.padStart(7)} ${'n'.padStart(7)}   ${`% [${level} CI]`.padEnd(26)} ${'weight'.padStart(7)}`;
  const lines: string[] = [];
  if (result.subgroups) {
    for (const [name, analysis] of Object.entries(result.subgroups)) {
      yield `${printable(name)}:`;
      for (const row of analysis.studies) yield studyLine(row, labelWidth);
      yield* pooledLines(`  ${name} (k = ${analysis.k})`, analysis, labelWidth);
      yield heterogeneityLine(analysis);
      yield '';
    }
  } else {
    for (const row of result.studies) yield studyLine(row, labelWidth);
    yield '';
  }
  lines.push(...pooledLines(`Pooled (k = ${result.k})`, result, labelWidth), heterogeneityLine(result));
  if (result.Q_between !== undefined) {
    const test = result.subgroup_test === 'common' ? 'common tau²' : 'separate tau² per subgroup';
    const statistic =
      result.Q_between_df2 == null
        ? `Q = ${fixed(result.Q_between, 3)}, df = ${result.Q_between_df}`
        : `F = ${fixed(result.Q_between, 3)}, df = ${result.Q_between_df}, ${result.Q_between_df2}`;
    lines.push(`Test between subgroups (${test}): ${statistic}, p = ${pValue(result.Q_between_p ?? NaN)}`);
  }
  const warnings = [
    ...result.warnings,
    ...Object.entries(result.subgroups ?? {}).flatMap(([name, analysis]) => analysis.warnings.map((w) => `${name}: ${w}`)),
  ];
  yield* lines;
  if (warnings.length > 0) yield* ['', 'Warnings:'];
  for (const warning of warnings) yield `  - ${printable(warning)}`;
}
