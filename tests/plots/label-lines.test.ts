import { describe, expect, test } from 'vitest';
import { ELLIPSIS, labelLines, textWidth } from '../../src/lib/plots/label-lines.ts';
import { forestRows, forestSpec, forestUnits, WRAPPED_ROW, type ForestInput } from '../../src/lib/plots/forest-spec.ts';

const WIDTH = 209;
const FONT = 11;
const LONG = 'Cema-cel (ALLO-501/501A): All CAR T-naive LBCL patients given the phase 2 process product (response)';
const words = (text: string) => text.replace(ELLIPSIS, '').split(/\s+/).filter(Boolean);

describe('study labels in a plot column', () => {
  test('a label that fits stays on one line, untouched', () => {
    expect(labelLines('Alpha-cel', WIDTH, FONT)).toEqual(['Alpha-cel']);
  });

  test('a longer label wraps at a space over two lines, each within the column, every word whole', () => {
    const label = 'Cema-cel (ALLO-501/501A): CAR T-naive LBCL, FCA90 lymphodepletion';
    const lines = labelLines(label, WIDTH, FONT);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe(label);
    for (const line of lines) expect(textWidth(line, FONT)).toBeLessThanOrEqual(WIDTH);
  });

  test('past two lines the label ends in an ellipsis after a whole word, never inside one', () => {
    const lines = labelLines(LONG, WIDTH, FONT);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith(ELLIPSIS)).toBe(true);
    for (const line of lines) expect(textWidth(line, FONT)).toBeLessThanOrEqual(WIDTH);
    // every word drawn is a whole word of the label, in order
    const drawn = [...words(lines[0]!), ...words(lines[1]!)];
    expect(drawn).toEqual(words(LONG).slice(0, drawn.length));
  });

  test('a word too long for a line breaks only after a hyphen or slash', () => {
    const lines = labelLines('Supercalifragilisticexpialidocious-Therapeutics/Multinational', 150, FONT);
    expect(lines).toEqual(['Supercalifragilisticexpialidocious-', 'Therapeutics/Multinational']);
  });
});

describe('forest plot rows with long labels', () => {
  const study = (label: string) => ({ label, events: 3, n: 10, estimate: 0.3, ciLower: 0.1, ciUpper: 0.6, weight: 50 });
  const input: ForestInput = {
    title: 'bORR',
    studies: [study('Short'), study(LONG), study('Last')],
    overall: { label: 'Overall', k: 3, trials: 2, events: 9, n: 30, estimate: 0.3, ciLower: 0.2, ciUpper: 0.4, heterogeneity: 'Heterogeneity: I² = 0%' },
  };

  test('a two-line label gets a taller row; the rows after it move down by the extra height', () => {
    const rows = forestRows(input);
    expect(rows.map((r) => [r.kind, r.y, r.lines ?? 1])).toEqual([
      ['study', 0, 1],
      ['study', 1 + (WRAPPED_ROW - 1) / 2, 2],
      ['study', 1 + WRAPPED_ROW, 1],
      ['overall', 2 + WRAPPED_ROW, 1],
      ['note', 3 + WRAPPED_ROW, 1],
    ]);
    expect(forestUnits(rows)).toBeCloseTo(4 + WRAPPED_ROW, 12);
    // the full label stays for the tooltip; the drawn one is wrapped
    expect(rows[1]!.label).toBe(LONG);
    expect(rows[1]!.labelText!.split('\n')).toEqual(labelLines(LONG, WIDTH, FONT));
  });

  test('the renderer is never asked to cut a label (it would cut inside a word)', () => {
    const spec = JSON.stringify(forestSpec(input));
    expect(spec).not.toContain('"limit"');
    expect(spec).toContain('"lineBreak":"\\n"');
  });

  test('the overall row counts cohorts and trials when they differ', () => {
    const rows = forestRows(input);
    expect(rows.find((r) => r.kind === 'overall')!.label).toBe('Overall (3 cohorts from 2 trials)');
    const same = forestRows({ ...input, overall: { ...input.overall, trials: 3 } });
    expect(same.find((r) => r.kind === 'overall')!.label).toBe('Overall (k = 3)');
  });
});
