import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { forestRows, forestSpec, type ForestInput } from '../../src/lib/plots/forest-spec.ts';
import { forestInput } from '../../src/lib/plots/forest-input.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { analyseOutcome } from '../../src/lib/review/analyse-release.ts';
import { roundNumbers, vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

const input: ForestInput = {
  title: 'bORR',
  studies: [
    { label: 'Alpha', events: 12, n: 32, estimate: 0.375, ciLower: 0.211, ciUpper: 0.563, weight: 60, group: 'CAR-NK' },
    { label: 'Beta', events: 6, n: 8, estimate: 0.75, ciLower: 0.349, ciUpper: 0.968, weight: 40, group: 'CAR-T' },
  ],
  subgroups: [
    { label: 'CAR-NK', k: 1, events: 12, n: 32, estimate: 0.375, ciLower: 0.211, ciUpper: 0.563, heterogeneity: 'Heterogeneity: not applicable (one trial)' },
    { label: 'CAR-T', k: 1, events: 6, n: 8, estimate: 0.75, ciLower: 0.349, ciUpper: 0.968, heterogeneity: 'Heterogeneity: not applicable (one trial)' },
  ],
  subgroupTest: 'Test for subgroup differences: Q = 3.20, df = 1, p = 0.074',
  overall: { label: 'Overall', k: 2, events: 18, n: 40, estimate: 0.55, ciLower: 0.2, ciUpper: 0.86, piLower: 0.05, piUpper: 0.98, heterogeneity: 'Heterogeneity: I² = 69%' },
};

describe('forest plot spec', () => {
  test('is a valid Vega-Lite spec that compiles without warnings', () => {
    const spec = forestSpec(input);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
  });

  test('lays out headings, studies, subtotals, the test, the overall diamond and its prediction interval in order', () => {
    expect(forestRows(input).map((r) => `${r.y} ${r.kind} ${r.label}`)).toMatchInlineSnapshot(`
      [
        "0 heading CAR-NK",
        "1 study Alpha",
        "2 subgroup Subtotal (k = 1)",
        "3 note Heterogeneity: not applicable (one trial)",
        "4 heading CAR-T",
        "5 study Beta",
        "6 subgroup Subtotal (k = 1)",
        "7 note Heterogeneity: not applicable (one trial)",
        "8 note Test for subgroup differences: Q = 3.20, df = 1, p = 0.074",
        "9 overall Overall (k = 2)",
        "10 pi Prediction interval",
        "11 note Heterogeneity: I² = 69%",
      ]
    `);
  });

  test('matches its snapshot, numbers rounded', () => {
    expect(roundNumbers(forestSpec(input))).toMatchSnapshot();
  });

  test('the bORR plot of the hosted review has one square per trial and validates against the schema', () => {
    const { review, trials } = loadReview('content');
    const outcome = analyseOutcome(review, trials.map((t) => ({ slug: t.slug, data: t.data })), 'borr', 1, { robustness: false });
    const labels = { outcome: 'bORR', variables: review.subgroups.map((v) => ({ id: v.id, label: v.label, levels: v.levels })) };
    const built = forestInput(outcome, labels, 'modality')!;
    const spec = forestSpec(built);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    expect(forestRows(built).filter((r) => r.kind === 'study')).toHaveLength(outcome.overall!.k);
    expect(built.overall.estimate.toFixed(4)).toBe('0.5252');
  });
});
