import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { bubbleSpec, type BubbleInput } from '../../src/lib/plots/bubble-spec.ts';
import { renderSvg } from '../../src/lib/plots/render-svg.ts';
import { vegaLiteSchemaErrors } from '../helpers/vega-lite-schema.ts';

const input: BubbleInput = {
  title: 'Response by median age',
  xTitle: 'Median age (years)',
  studies: [
    { label: 'Alpha <1>', x: 34, proportion: 0.12, weight: 20 },
    { label: 'Beta', x: 45.5, proportion: 0.22, weight: 35 },
    { label: 'Gamma', x: 52, proportion: 0.18, weight: 15 },
    { label: 'Delta', x: 61, proportion: 0.31, weight: 30 },
  ],
  line: [
    { x: 34, estimate: 0.13, ci_lower: 0.08, ci_upper: 0.2 },
    { x: 47.5, estimate: 0.19, ci_lower: 0.15, ci_upper: 0.24 },
    { x: 61, estimate: 0.28, ci_lower: 0.19, ci_upper: 0.39 },
  ],
};

describe('bubble plot spec', () => {
  test('is a valid Vega-Lite spec that compiles without warnings', () => {
    const spec = bubbleSpec(input);
    expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
  });

  test('draws proportions in percent on an axis from 0 to a tidy step above the data', () => {
    const spec = bubbleSpec(input) as unknown as { layer: { data: { values: Record<string, number>[] }; encoding: { y: { scale?: { domain: number[] } } } }[] };
    expect(spec.layer[1]!.data.values.map((s) => s['y'])).toEqual([12, 22, 18, 31]);
    expect(spec.layer[0]!.encoding.y.scale!.domain).toEqual([0, 50]);
    const high = bubbleSpec({ ...input, line: [{ x: 34, estimate: 0.9, ci_lower: 0.8, ci_upper: 0.99 }] }) as unknown as typeof spec;
    expect(high.layer[0]!.encoding.y.scale!.domain).toEqual([0, 100]);
  });

  test('renders to SVG with a circle per study, the band and the line, at the wide and the narrow size', async () => {
    for (const size of [{}, { width: 290, height: 230, fontSize: 12 }]) {
      const svg = await renderSvg(bubbleSpec({ ...input, ...size }), 'Bubble plot of response against median age');
      expect(svg).toMatch(/^<svg role="img" aria-label="Bubble plot of response against median age" /);
      expect(svg).toContain('Median age (years)');
      expect(svg).toContain('Proportion (%)');
      expect(svg).toContain('class="mark-area');
      expect(svg).toContain('class="mark-line');
      expect((svg.match(/class="mark-symbol[^"]*"/g) ?? []).length).toBe(1);
      expect((svg.match(/aria-roledescription="circle"/g) ?? []).length).toBe(input.studies.length);
    }
  });
});
