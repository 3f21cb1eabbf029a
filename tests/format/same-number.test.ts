/**
 * One number, one reading: the forest plot's text, the caption and table helpers of the pages
 * and the CSV all write an outcome's numbers by the rule of format/number-format.ts.
 */
import { describe, expect, test } from 'vitest';
import type { OutcomeAnalysis } from '../../src/lib/review/analyses-types.ts';
import { ciCaption, forestInput } from '../../src/lib/plots/forest-input.ts';
import { forestRows } from '../../src/lib/plots/forest-spec.ts';
import { timelineSpec } from '../../src/lib/plots/timeline-spec.ts';
import { csvNumber, formatOf, i2Percent, percentWithInterval, weightPercent } from '../../src/lib/format/numbers.ts';
import { heterogeneityText } from '../../src/lib/format/heterogeneity.ts';
import { csv } from '../../src/lib/review/exports.ts';

/** A rare outcome: a pooled 0.02%, whose old one-decimal plot text read "0.0 [0.0, 0.4]". */
function rareOutcome(): OutcomeAnalysis {
  const study = (trial: string, events: number, n: number, proportion: number, lower: number, upper: number, weight: number, level: string) =>
    ({ trial, report: 'r', cohort: 'c', label: trial, events, n, proportion, ci_lower: lower, ci_upper: upper, weight, source: 'Table 1', levels: { kind: level }, report_date: '2024-01-01' });
  const pooled = (k: number, estimate: number, lower: number, upper: number) => ({
    k, events: 1, n: 5000, proportion: { estimate, ci_lower: lower, ci_upper: upper, pi_lower: 0, pi_upper: 0.0061 },
    I2: 62.44, I2_Q: 58.05, tau2: 0.0000321, Q: 20.149, Q_df: k - 1, Q_p: 0.0049, H2: 2.6, method: 'REML', warnings: [], prediction_shown: true,
  });
  return {
    id: 'o', label: 'Rare harm', short_label: 'Rare harm', kind: 'safety',
    studies: [
      study('Alpha', 1, 2000, 0.0005, 0.0000127, 0.00278, 40.04, 'x'),
      study('Beta', 0, 1500, 0, 0, 0.00245, 29.96, 'x'),
      study('Gamma', 0, 1500, 0, 0, 0.00245, 30, 'y'),
    ],
    subgroups: { kind: { levels: { x: pooled(2, 0.00031, 0.000004, 0.0044), y: pooled(1, 0.0001, 0, 0.0024) }, Q_between: 0.4, Q_between_df: 1, Q_between_p: 0.527 } },
    overall: pooled(3, 0.000204, 0.0000012, 0.00441),
  } as unknown as OutcomeAnalysis;
}

const labels = { outcome: 'Rare harm', variables: [{ id: 'kind', label: 'Kind', levels: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] }] };

describe('the same number reads the same everywhere', () => {
  const o = rareOutcome();
  const f = formatOf(o);
  const overall = o.overall!;
  const p = overall.proportion;

  test('a 0.02% outcome takes three decimals, and never reads as 0.0', () => {
    expect(f.digits).toBe(3);
    expect(f.estimate(p.estimate, p.ci_lower, p.ci_upper)).toBe('0.020 (0.000 to 0.441)');
  });

  test('forest plot rows, caption and table helpers agree', () => {
    const rows = forestRows(forestInput(o, labels, 'kind')!);
    const row = (kind: string, label?: string) => rows.find((r) => r.kind === kind && (label === undefined || r.label.startsWith(label)))!;
    // the overall row of the plot and the caption and tables of the page
    expect(row('overall').estimateText).toBe('0.020 [0.000, 0.441]');
    expect(ciCaption(overall)).toBe(`${f.pctSign(p.estimate)} (95% CI ${f.interval(p.ci_lower, p.ci_upper)})`);
    expect(percentWithInterval(p)).toBe(f.estimate(p.estimate, p.ci_lower, p.ci_upper));
    // a study and a subgroup at the outcome's digits, whatever their own size
    const alpha = o.studies[0]!;
    expect(row('study', 'Alpha').estimateText).toBe(f.bracketed(alpha.proportion, alpha.ci_lower, alpha.ci_upper));
    expect(row('study', 'Alpha').estimateText).toBe('0.050 [0.001, 0.278]');
    expect(row('study', 'Alpha').weightText).toBe(weightPercent(alpha.weight));
    expect(row('study', 'Alpha').eventsText).toBe('1/2,000');
    const x = o.subgroups['kind']!.levels['x']!.proportion;
    expect(row('subgroup').estimateText).toBe(f.bracketed(x.estimate, x.ci_lower, x.ci_upper));
    expect(percentWithInterval(x, p.estimate)).toBe(f.estimate(x.estimate, x.ci_lower, x.ci_upper));
    // the prediction interval and the heterogeneity line
    expect(row('pi').estimateText).toBe(`[${f.pct(p.pi_lower)}, ${f.pct(p.pi_upper)}]`);
    expect(rows.some((r) => r.kind === 'note' && r.label === heterogeneityText(overall))).toBe(true);
    expect(heterogeneityText(overall)).toBe('Heterogeneity: I² (from τ²) = 62.4%, τ² = 3.21 × 10⁻⁵, Q = 20.15 (df = 2), p = 0.005');
    expect(i2Percent(overall.I2)).toBe('62.4%');
  });

  test('the timeline plot writes the outcome at the same digits', () => {
    const spec = JSON.stringify(timelineSpec({
      title: 'Rare harm',
      points: [{ date: '2024-01-01', added: 'Alpha', release: 1, k: 3, estimate: p.estimate, ciLower: p.ci_lower, ciUpper: p.ci_upper }],
      releases: [{ number: 1, date: '2024-06-01' }],
      digits: f.digits,
    }));
    expect(spec).toContain(`${f.pctSign(p.estimate)} [${f.pct(p.ci_lower)}, ${f.pct(p.ci_upper)}]`);
  });

  test('the CSV keeps ten significant digits, which read back to the same text', () => {
    for (const value of [p.estimate, p.ci_lower, p.ci_upper, o.studies[0]!.proportion, 1 / 3, 0.024630541871921183]) {
      const cell = csvNumber(value);
      expect(cell).toMatch(/^-?[0-9.e+-]+$/);
      expect(cell.replace(/^-?0\.0*|[.-]|e.*$/g, '').length).toBeLessThanOrEqual(10);
      expect(f.pct(Number(cell))).toBe(f.pct(value));
    }
    expect(csv(['estimate'], [[1 / 3]])).toBe('estimate\n0.3333333333\n');
  });
});
