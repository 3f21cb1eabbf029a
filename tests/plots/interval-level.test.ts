/**
 * A plot names its intervals at the confidence level the release was pooled at: a review pooled
 * at 90% shows "90% CI" in the forest plot's columns and tooltips, in the narrow plot's heading
 * (drawn at build time and again in the browser from the figure's client data), in captions and
 * in the evidence timeline's tooltips.
 */
import { describe, expect, test } from 'vitest';
import { FOREST_DEFAULT_LEVEL, forestEstimateHeading, forestSpec, type ForestInput } from '../../src/lib/plots/forest-spec.ts';
import { ciCaption, forestInput, type ForestLabels } from '../../src/lib/plots/forest-input.ts';
import { forestCompact } from '../../src/lib/plots/forest-compact.ts';
import { forestCompactHtml } from '../../src/lib/plots/forest-compact-html.ts';
import { timelinePoints, timelineSpec, type TimelineInput } from '../../src/lib/plots/timeline-spec.ts';
import type { CumulativeRow, OutcomeAnalysis, PooledResult } from '../../src/lib/review/analyses-types.ts';

const input: ForestInput = {
  title: 'Response',
  studies: [
    { label: 'Alpha', events: 12, n: 32, estimate: 0.375, ciLower: 0.211, ciUpper: 0.563, weight: 60 },
    { label: 'Beta', events: 6, n: 8, estimate: 0.75, ciLower: 0.349, ciUpper: 0.968, weight: 40 },
  ],
  overall: { label: 'Overall', k: 2, events: 18, n: 40, estimate: 0.55, ciLower: 0.2, ciUpper: 0.86, piLower: 0.05, piUpper: 0.98, heterogeneity: 'Heterogeneity: I² = 69%' },
};

/** Every title and text of a spec, as one string. */
const textOf = (value: unknown) => JSON.stringify(value);

describe('forest plot', () => {
  test('names its columns and tooltips at the input level', () => {
    const text = textOf(forestSpec({ ...input, level: 0.9 }));
    expect(text).toContain('"% [90% CI]"');
    expect(text).toContain('"Proportion % [90% CI]"');
    expect(text).toContain('"90% PI %"');
    expect(text).not.toMatch(/95%/);
  });

  test('a level with a decimal is written in full, never rounded to a whole percent', () => {
    const text = textOf(forestSpec({ ...input, level: 0.995 }));
    expect(text).toContain('"% [99.5% CI]"');
    expect(text).not.toContain('100% CI');
  });

  test('without a level it names review.yaml\'s default', () => {
    expect(FOREST_DEFAULT_LEVEL).toBe(0.95);
    expect(textOf(forestSpec(input))).toContain('"% [95% CI]"');
    expect(forestEstimateHeading()).toBe('% [95% CI]');
  });

  test('the narrow plot heads its estimates at the input level', () => {
    const narrow = { ...input, level: 0.9 };
    const html = forestCompactHtml(forestCompact(narrow), { axisTitle: 'Response (%)', estimateHeading: forestEstimateHeading(narrow.level) });
    expect(html).toContain('<span>% [90% CI]</span>');
    expect(html).not.toMatch(/95%/);
  });
});

// The least of an outcome's analysis the forest input reads.
const pooled: PooledResult = {
  k: 2, events: 18, n: 40, I2: 69, I2_Q: 69, tau2: 0.2, Q: 3.2, Q_df: 1, Q_p: 0.074, method: 'REML',
  proportion: { estimate: 0.55, ci_lower: 0.2, ci_upper: 0.86, pi_lower: 0.05, pi_upper: 0.98 },
} as unknown as PooledResult;
const outcome = {
  id: 'response', label: 'Response', short_label: 'Response', overall: pooled, subgroups: {},
  studies: [
    { label: 'Alpha', trial: 'alpha', events: 12, n: 32, proportion: 0.375, ci_lower: 0.211, ci_upper: 0.563, weight: 60, levels: {}, source: 'Table 2', report_date: '2024-01-01' },
    { label: 'Beta', trial: 'beta', events: 6, n: 8, proportion: 0.75, ci_lower: 0.349, ci_upper: 0.968, weight: 40, levels: {}, source: 'Table 1', report_date: '2024-06-01' },
  ],
} as unknown as OutcomeAnalysis;

describe('forest input', () => {
  test('carries the labels\' level to the plot (and so to the interactive plot, whose client data holds the labels)', () => {
    const labels: ForestLabels = { outcome: 'Response', variables: [], level: 0.9 };
    // What the page writes into the figure's client data, read back as the browser does.
    const client = JSON.parse(JSON.stringify({ labels })) as { labels: ForestLabels };
    const built = forestInput(outcome, client.labels)!;
    expect(built.level).toBe(0.9);
    expect(textOf(forestSpec(built))).toContain('"% [90% CI]"');
    expect(forestEstimateHeading(built.level)).toBe('% [90% CI]');
  });

  test('leaves the level out when the labels give none', () => {
    expect(forestInput(outcome, { outcome: 'Response', variables: [] })!.level).toBeUndefined();
  });

  test('captions name the interval at the level', () => {
    expect(ciCaption(pooled, 0.55, 0.9)).toBe('55.0% (90% CI 20.0 to 86.0)');
    expect(ciCaption(pooled)).toBe('55.0% (95% CI 20.0 to 86.0)');
  });
});

describe('evidence timeline', () => {
  const cumulative: CumulativeRow[] = [
    { added: 'Alpha', trial: 'alpha', report_date: '2023-12-09', report_release: 1, k: 1, estimate: 0.5, ci_lower: 0.2325, ci_upper: 0.7675 },
    { added: 'Beta', trial: 'beta', report_date: '2024-06-01', report_release: 2, k: 2, estimate: 0.4211, ci_lower: 0.2313, ci_upper: 0.6232 },
  ];
  const timeline: TimelineInput = {
    title: 'Response',
    points: timelinePoints(cumulative),
    releases: [
      { number: 1, date: '2025-06-01', published: { estimate: 0.5, ci_lower: 0.2325, ci_upper: 0.7675 }, level: 0.95 },
      { number: 2, date: '2026-09-15', published: { estimate: 0.4211, ci_lower: 0.2313, ci_upper: 0.6232 }, level: 0.9 },
    ],
    level: 0.9,
  };

  test('names the tooltips\' intervals at the input level', () => {
    const text = textOf(timelineSpec(timeline));
    expect(text).toContain('"title":"Pooled % [90% CI]"');
    expect(text).not.toContain('[95% CI]');
  });

  test('a release pooled at another level says so in its own tooltip', () => {
    const spec = timelineSpec(timeline) as unknown as { datasets: { published: { label: string; text: string }[] } };
    const byRelease = Object.fromEntries(spec.datasets.published.map((p) => [p.label, p.text]));
    expect(byRelease['Release 1']).toBe('50.0% [23.3, 76.8] (95% CI)');
    expect(byRelease['Release 2']).toBe('42.1% [23.1, 62.3]');
  });

  test('without a level it names review.yaml\'s default', () => {
    expect(textOf(timelineSpec({ ...timeline, level: undefined, releases: [] }))).toContain('"title":"Pooled % [95% CI]"');
  });
});
