import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { ROB_PRESETS, studyAppraisal } from '../../src/lib/appraisal/risk-of-bias.ts';
import { outcomeAppraisals, overallRuleText } from '../../src/lib/appraisal/rob-text.ts';
import type { ReleaseAppraisal } from '../../src/lib/appraisal/types.ts';
import type { OutcomeAnalysis, StudyResult } from '../../src/lib/review/analyses-types.ts';
import { forestRob, robMark } from '../../src/lib/plots/forest-rob.ts';
import { forestInput } from '../../src/lib/plots/forest-input.ts';
import { forestSpec } from '../../src/lib/plots/forest-spec.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

const rob2 = ROB_PRESETS['rob2']!;
const judge = (judgement: string) => ({ judgement, support: 'Quote', source: 'Methods' });
const row = (trial: string, label: string, weight: number): StudyResult =>
  ({ trial, label, events: 5, n: 20, proportion: 0.25, ci_lower: 0.1, ci_upper: 0.47, weight, source: 'Table 2', levels: {}, report: 'r1', cohort: 'all', report_date: '2024-01-01', report_release: 1 }) as unknown as StudyResult;
const rows = [row('alpha', 'Alpha', 50), row('beta', 'Beta', 30), row('gamma', 'Gamma', 20)];
const appraisal: ReleaseAppraisal = {
  source: 'content',
  tool: rob2,
  required: true,
  studies: {
    alpha: studyAppraisal(rob2, 'alpha', 'Alpha', 'r1', { domains: { randomisation: judge('low'), deviations: judge('low'), missing_data: judge('low'), measurement: judge('high'), reporting: judge('low') }, reports: {} }),
    beta: studyAppraisal(rob2, 'beta', 'Beta', 'r1', { domains: { randomisation: judge('low'), deviations: judge('some_concerns') }, reports: {} }),
  },
};
const outcome = {
  id: 'o',
  label: 'Outcome',
  short_label: 'Outcome',
  studies: rows,
  subgroups: {},
  overall: { k: 3, events: 15, n: 60, proportion: { estimate: 0.25, ci_lower: 0.15, ci_upper: 0.38, pi_lower: 0.1, pi_upper: 0.5 }, I2: 0, H2: 1, tau2: 0, Q: 1, Q_df: 2, Q_p: 0.6, method: 'REML' },
} as unknown as OutcomeAnalysis;

describe('risk-of-bias columns of the forest plot', () => {
  const rob = forestRob(appraisal, rows)!;

  test('are absent without a tool', () => {
    expect(forestRob(undefined, rows)).toBeUndefined();
    expect(forestRob({ ...appraisal, tool: null }, rows)).toBeUndefined();
  });

  test('give a column per domain and the overall judgement, per trial an index into the palette', () => {
    expect(rob.columns.map((c) => c.header)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'Overall']);
    const label = (trial: string) => rob.trials[trial]!.map((i) => (i < 0 ? null : rob.palette[i]!.label));
    expect(label('alpha')).toEqual(['Low risk', 'Low risk', 'Low risk', 'High risk', 'Low risk', 'High risk']);
    // incomplete: two domains judged, the overall cannot be reached
    expect(label('beta')).toEqual(['Low risk', 'Some concerns', null, null, null, 'Not assessed']);
    expect(label('gamma')).toEqual([null, null, null, null, null, 'Not assessed']);
    expect(rob.palette.find((m) => m.label === 'High risk')).toEqual({ symbol: '×', colour: '#c62828', ink: '#ffffff', label: 'High risk' });
  });

  test('are drawn after the weights, a circle and a symbol per judgement, in a spec that compiles cleanly', () => {
    const input = forestInput(outcome, { outcome: 'Outcome', variables: [], rob }, undefined)!;
    expect(input.studies.find((s) => s.label === 'Alpha')!.rob!.map((m) => m?.symbol)).toEqual(['+', '+', '+', '×', '+', '×']);
    const spec = forestSpec(input);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
    const columns = (spec as { hconcat: { layer: { data: { values?: Record<string, unknown>[] } }[] }[] }).hconcat;
    expect(columns).toHaveLength(6);
    const cells = columns[5]!.layer[1]!.data.values!;
    // alpha 6, beta 3 (two domains and the overall), gamma 1 (the overall)
    expect(cells).toHaveLength(10);
    expect(cells[0]).toMatchObject({ colour: '#1b7f3b', symbol: '+', tip: 'Randomisation process: Low risk', study: 'Alpha' });
  });

  test('leave the plot as it was without a tool', () => {
    const plain = forestSpec(forestInput(outcome, { outcome: 'Outcome', variables: [] }, undefined)!);
    expect((plain as { hconcat: unknown[] }).hconcat).toHaveLength(5);
    expect(JSON.stringify(plain)).not.toContain('robColumns');
  });

  test('mark a judgement with its class colour and symbol, and nothing when not judged', () => {
    expect(robMark(rob2, 'some_concerns', 'some', 'Some concerns')).toEqual({ symbol: '−', colour: '#e0b000', ink: '#1b1f24', label: 'Some concerns' });
    expect(robMark(rob2, null, null, '')).toBeNull();
  });
});

describe('risk of bias in words', () => {
  test('says how each preset reaches the overall judgement', () => {
    expect(overallRuleText(rob2)).toMatch(/^the worst of its domain judgements/);
    expect(overallRuleText(ROB_PRESETS['minors']!)).toMatch(/^read from the share of the points its applicable domains could score \(reported and adequate 2 points, reported but inadequate 1 point, not reported 0 points\): low risk from \d/);
    expect(overallRuleText({ ...rob2, overall: { method: 'judged', score: 'share' } })).toBe('given by the curator for each study, with the reason for it');
  });

  test('lists each trial of an outcome once, with its assessment or null', () => {
    const list = outcomeAppraisals(appraisal, [...rows, row('alpha', 'Alpha, second cohort', 10)]);
    expect(list.map((x) => [x.trial, x.label, x.appraisal?.overall.label ?? null])).toEqual([
      ['alpha', 'Alpha', 'High risk'],
      ['beta', 'Beta', 'Incomplete'],
      ['gamma', 'Gamma', null],
    ]);
  });
});
