import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { forestAxis, forestRows, forestSpec, type ForestInput, type ForestStudy } from '../../src/lib/plots/forest-spec.ts';
import { forestInput, forestModelText } from '../../src/lib/plots/forest-input.ts';
import { forestCompact } from '../../src/lib/plots/forest-compact.ts';
import { methodName } from '../../src/lib/format/method-name.ts';
import type { OutcomeAnalysis } from '../../src/lib/review/analyses-types.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

const study = (label: string, events: number, n: number, ciLower: number, ciUpper: number, weight: number, group?: string): ForestStudy => ({
  label,
  events,
  n,
  estimate: events / n,
  ciLower,
  ciUpper,
  weight,
  ...(group ? { group } : {}),
});
const pooled = (estimate: number, ciLower: number, ciUpper: number, extra: object = {}) => ({
  label: 'Overall',
  k: 3,
  events: 1,
  n: 100,
  estimate,
  ciLower,
  ciUpper,
  heterogeneity: 'Heterogeneity: I² = 0%',
  ...extra,
});

/** A rare harm: one event in 24 and none elsewhere; the small studies' intervals reach far up. */
const rare: ForestInput = {
  title: 'Grade 3 harm',
  studies: [study('Alpha', 1, 24, 0.001, 0.211, 40), study('Beta', 0, 68, 0, 0.053, 50), study('Gamma', 0, 3, 0, 0.708, 10)],
  overall: pooled(0.004, 0, 0.021, { piLower: 0, piUpper: 0.055 }),
  model: 'Random-effects model (inverse variance, REML estimate of τ², arcsine transform, Wald intervals)',
};

const percents = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 10);

describe('forest plot axis', () => {
  test('a rare harm gets a 0-10% axis, not 0-100%: studies’ intervals do not widen it', () => {
    const axis = forestAxis(forestRows(rare));
    expect(percents(axis.domain)).toEqual([0, 10]);
    expect(percents(axis.ticks)).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  test('spans every estimate and the pooled intervals, on round ticks at most four intervals apart', () => {
    const input: ForestInput = {
      title: 'Response',
      studies: [study('A', 12, 18, 0.41, 0.87, 50), study('B', 4, 12, 0.1, 0.65, 50)],
      overall: pooled(0.52, 0.41, 0.63, { piLower: 0.19, piUpper: 0.84 }),
    };
    const axis = forestAxis(forestRows(input));
    expect(percents(axis.domain)).toEqual([0, 100]);
    expect(percents(axis.ticks)).toEqual([0, 25, 50, 75, 100]);
    const mid: ForestInput = { ...input, studies: [study('A', 11, 50, 0.1, 0.35, 50), study('B', 13, 40, 0.2, 0.5, 50)], overall: pooled(0.27, 0.2, 0.35) };
    expect(percents(forestAxis(forestRows(mid)).domain)).toEqual([10, 40]);
  });

  test('is at least 10 points wide, within 0-100%', () => {
    const near = (e: number): ForestInput => ({ title: 'x', studies: [study('A', e, 100, 0, 1, 100)], overall: pooled(e / 100, e / 100 - 0.01, Math.min(1, e / 100 + 0.01)) });
    for (const e of [0, 3, 45, 97, 100]) {
      const { domain, ticks } = forestAxis(forestRows(near(e)));
      expect(domain[0]).toBeGreaterThanOrEqual(0);
      expect(domain[1]).toBeLessThanOrEqual(1);
      expect(domain[1] - domain[0]).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(domain[0]).toBeLessThanOrEqual(e / 100);
      expect(domain[1]).toBeGreaterThanOrEqual(e / 100);
      expect(ticks[0]).toBe(domain[0]);
      expect(ticks.at(-1)).toBe(domain[1]);
    }
    expect(percents(forestAxis(forestRows(near(100))).domain)).toEqual([90, 100]);
  });

  test('is the spec’s x scale and ticks; an interval past it ends in an arrow, in a spec that compiles cleanly', () => {
    const spec = forestSpec(rare);
    const json = JSON.stringify(spec);
    expect(json).toContain('"domain":[0,0.1]');
    expect(json).toContain('"values":[0,0.025,0.05,0.075,0.1]');
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
    const plot = (spec as unknown as { hconcat: { layer: { data: { values?: { x: number; x2: number }[] }; mark: { type: string } }[] }[] }).hconcat[2]!;
    const arrows = plot.layer.find((l) => l.mark.type === 'rule' && l.data.values?.[0]?.x2 !== undefined)!.data.values!;
    // Alpha (21%) and Gamma (71%) run past 10%, two strokes each; Beta (5%) does not
    expect(arrows).toHaveLength(4);
    expect(arrows.every((a) => a.x === 0.1 && a.x2 < 0.1)).toBe(true);
  });
});

describe('forest plot labels', () => {
  test('the model is named on a line under the pooled rows', () => {
    expect(forestRows(rare).map((r) => `${r.kind} ${r.label}`).slice(-4)).toEqual([
      'overall Overall (k = 3)',
      'pi Prediction interval',
      'note Random-effects model (inverse variance, REML estimate of τ², arcsine transform, Wald intervals)',
      'note Heterogeneity: I² = 0%',
    ]);
    expect(forestModelText(methodName({ transform: 'PFT', method: 'REML', ci: 'hk' }))).toBe(
      'Random-effects model (inverse variance, REML estimate of τ², Freeman-Tukey double arcsine transform, Hartung-Knapp intervals)',
    );
    expect(forestModelText(methodName({ transform: 'PLO', method: 'FE', ci: 'z' }))).toBe('Common-effect model (inverse variance, logit transform, Wald intervals)');
  });

  test("each subgroup subtotal carries its studies' weight in the overall analysis", () => {
    const row = (trial: string, weight: number, level: string) =>
      ({ trial, label: trial, events: 1, n: 10, proportion: 0.1, ci_lower: 0.01, ci_upper: 0.4, weight, source: 'Table 1', levels: { kind: level }, report_date: '2024-01-01' });
    const level = { k: 2, events: 2, n: 20, proportion: { estimate: 0.1, ci_lower: 0.02, ci_upper: 0.3, pi_lower: 0, pi_upper: 0.5 }, I2: 0, tau2: 0, Q: 0, Q_df: 1, Q_p: 1, method: 'REML' };
    const outcome = {
      id: 'o',
      label: 'Outcome',
      short_label: 'Outcome',
      studies: [row('a', 30, 'x'), row('b', 25.5, 'x'), row('c', 44.5, 'y')],
      subgroups: { kind: { levels: { x: level, y: { ...level, k: 1 } }, Q_between: null, Q_between_df: null, Q_between_p: null } },
      overall: { ...level, k: 3 },
    } as unknown as OutcomeAnalysis;
    const labels = { outcome: 'Outcome', variables: [{ id: 'kind', label: 'Kind', levels: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] }] };
    const input = forestInput(outcome, labels, 'kind')!;
    expect(input.subgroups!.map((s) => s.weight)).toEqual([55.5, 44.5]);
    const subtotals = forestRows(input).filter((r) => r.kind === 'subgroup');
    expect(subtotals.map((r) => r.weightText)).toEqual(['55.5%', '44.5%']);
    // without study rows (a plot of the pooled estimates only) no weight is claimed
    expect(forestInput({ ...outcome, studies: [] }, labels, 'kind')!.subgroups!.map((s) => s.weight)).toEqual([undefined, undefined]);
  });
});

describe('compact forest plot for a narrow screen', () => {
  test('places each row on the shared axis in percent, with arrows where an interval runs past it', () => {
    const compact = forestCompact(rare);
    expect(compact.ticks.map((t) => `${t.text} ${t.style}`)).toEqual(['0 left:0%', '2.5 left:25%', '5 left:50%', '7.5 left:75%', '10 left:100%']);
    expect(compact.pooled).toBe('--p:4%');
    const [alpha, beta, gamma] = compact.rows;
    expect(alpha).toMatchObject({ cls: 'forest-c-s', label: 'Alpha', eventsText: '1/24', estimateText: '4.17 [0.10, 21.10]', line: 'left:1%;width:99%', arrows: 'forest-c-hi' });
    expect(alpha!.square).toMatch(/^--x:41\.7%;--s:\d+px$/);
    expect(beta).toMatchObject({ line: 'left:0%;width:53%' });
    expect(beta!.arrows).toBeUndefined();
    expect(gamma!.arrows).toBe('forest-c-hi');
    const overall = compact.rows.find((r) => r.cls === 'forest-c-all')!;
    expect(overall.diamond).toBe('left:0%;width:21%;--t:19%');
    expect(compact.rows.find((r) => r.cls === 'forest-c-pi')).toMatchObject({ line: 'left:0%;width:55%', estimateText: '[0.00, 5.50]' });
    expect(compact.rows.filter((r) => r.cls === 'forest-c-note').map((r) => r.label)[0]).toMatch(/^Random-effects model/);
  });

  test('names a subtotal with its weight and heads each subgroup', () => {
    const grouped: ForestInput = {
      ...rare,
      studies: rare.studies.map((s, i) => ({ ...s, group: i === 0 ? 'X' : 'Y' })),
      subgroups: [
        { ...pooled(0.04, 0.001, 0.21), label: 'X', k: 1, weight: 40 },
        { ...pooled(0.002, 0, 0.03), label: 'Y', k: 2, weight: 60 },
      ],
    };
    const { rows, axis } = forestCompact(grouped);
    expect(rows.map((r) => `${r.cls} ${r.label}`).slice(0, 4)).toEqual(['forest-c-head X', 'forest-c-s Alpha', 'forest-c-sub Subtotal (k = 1), weight 40.0%', 'forest-c-note Heterogeneity: I² = 0%']);
    // a subtotal's interval (to 21%) widens the axis, as the pooled estimate's does
    expect(percents(axis.domain)).toEqual([0, 30]);
    expect(rows[2]!.diamond).toBe('left:0.3%;width:69.7%;--t:18.7%');
  });
});
