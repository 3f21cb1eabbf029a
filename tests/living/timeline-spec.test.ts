import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { timelinePoints, timelineSpec, type TimelineInput } from '../../src/lib/plots/timeline-spec.ts';
import { renderSvg } from '../../src/lib/plots/render-svg.ts';
import type { CumulativeRow } from '../../src/lib/review/analyses-types.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

/** The spec with every number rounded to 4 significant decimals, so the snapshot pins the layout, not the floating point. */
const rounded = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(4)) : v)));

// Three reports in release 1 and one that entered release 2 (dated before release 1 was published).
const cumulative: CumulativeRow[] = [
  { added: 'Alpha-cel', trial: 'alpha-cel', report_date: '2023-12-09', report_release: 1, k: 1, estimate: 0.5, ci_lower: 0.2325, ci_upper: 0.7675 },
  { added: 'Beta-NK', trial: 'beta-nk', report_date: '2024-06-01', report_release: 1, k: 2, estimate: 0.4211, ci_lower: 0.2313, ci_upper: 0.6232 },
  { added: 'Gamma-cel', trial: 'gamma-cel', report_date: '2024-12-07', report_release: 1, k: 3, estimate: 0.4562, ci_lower: 0.2987, ci_upper: 0.6181 },
  { added: 'Delta-cel', trial: 'delta-cel', report_date: '2025-04-01', report_release: 2, k: 4, estimate: 0.5128, ci_lower: 0.3822, ci_upper: 0.6425 },
];
const input: TimelineInput = {
  title: 'Best overall response rate',
  points: timelinePoints(cumulative),
  releases: [
    { number: 2, date: '2026-09-15', published: { estimate: 0.5128, ci_lower: 0.3822, ci_upper: 0.6425 } },
    // release 1 published its own number, not the step line's value at its date
    { number: 1, date: '2025-06-01', published: { estimate: 0.4821, ci_lower: 0.301, ci_upper: 0.66 } },
  ],
  axisTitle: 'Pooled bORR',
};

describe('timelineSpec', () => {
  test('matches the snapshot (numbers rounded)', () => {
    expect(rounded(timelineSpec(input))).toMatchSnapshot();
  });

  test('compiles to Vega without a warning', () => {
    const warnings: string[] = [];
    const logger = { level: () => logger, info: () => logger, debug: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger), error: (...m: unknown[]) => { throw new Error(m.join(' ')); } };
    compile(timelineSpec(input), { logger: logger as never });
    expect(warnings).toEqual([]);
  });

  test('carries the last estimate to the latest release and marks every release', () => {
    const spec = timelineSpec(input) as unknown as { datasets: Record<string, { t: number; label?: string }[]> };
    const steps = spec.datasets['steps']!;
    expect(steps).toHaveLength(5);
    expect(steps.at(-1)!.t).toBe(Date.parse('2026-09-15T00:00:00Z'));
    expect(spec.datasets['releases']!.map((r) => r.label)).toEqual(['Release 1', 'Release 2']);
  });

  test('marks at each release the estimate that release published', () => {
    const spec = timelineSpec(input) as unknown as { datasets: Record<string, { t: number; label: string; estimate: number; text: string }[]> };
    const published = spec.datasets['published']!;
    expect(published.map((p) => [p.label, p.t, p.estimate])).toEqual([
      ['Release 1', Date.parse('2025-06-01T00:00:00Z'), 0.4821],
      ['Release 2', Date.parse('2026-09-15T00:00:00Z'), 0.5128],
    ]);
    expect(published[0]!.text).toBe('48.2% [30.1, 66.0]');
    const none = timelineSpec({ ...input, releases: input.releases.map((r) => ({ number: r.number, date: r.date })) }) as unknown as { datasets: Record<string, unknown[]> };
    expect(none.datasets['published']).toEqual([]);
  });

  test('renders to static SVG with the release labels', async () => {
    const svg = await renderSvg(timelineSpec(input), 'bORR timeline');
    expect(svg).toMatch(/^<svg role="img" aria-label="bORR timeline"/);
    expect(svg).toContain('Release 1');
    expect(svg).toContain('Release 2');
    expect(svg).toContain('2025');
  });

  test('is valid against the Vega-Lite JSON schema', () => {
    expect(vegaLiteSchemaErrors(timelineSpec(input))).toEqual([]);
  });
});
