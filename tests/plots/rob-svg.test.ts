import { describe, expect, test } from 'vitest';
import { ROB_PRESETS, studyAppraisal } from '../../src/lib/appraisal/risk-of-bias.ts';
import type { OutcomeRiskOfBias, StudyAppraisal } from '../../src/lib/appraisal/types.ts';
import type { RobTool } from '../../src/schemas/appraisal.ts';
import { inkOn, summaryBarsSvg, trafficLightSvg, wholePercents } from '../../src/lib/plots/rob-svg.ts';

const rob2 = ROB_PRESETS['rob2']!;
const judge = (judgement: string) => ({ judgement, support: 'Quote', source: 'Methods' });

const studies: StudyAppraisal[] = [
  studyAppraisal(rob2, 'alpha', 'Al<script>x', 'r1', {
    domains: { randomisation: judge('low'), deviations: judge('low'), missing_data: judge('low'), measurement: judge('high'), reporting: judge('some_concerns') },
    reports: {},
  }),
  studyAppraisal(rob2, 'beta', 'Beta & "Gamma"', 'r1', {
    domains: { randomisation: judge('low'), deviations: judge('low'), missing_data: judge('low'), measurement: judge('low'), reporting: judge('low') },
    reports: {},
  }),
  studyAppraisal(rob2, 'delta', 'Delta', 'r1', undefined),
];

/** The texts of the SVG's <text> elements. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('traffic-light plot', () => {
  const svg = trafficLightSvg(rob2, studies);

  test('is an image with a title, a description and an accessible name', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Risk of bias of each study \(RoB 2/);
    expect(svg).toMatch(/<title>Risk of bias of each study/);
    expect(svg).toMatch(/<desc>Traffic-light plot: 3 studies, one row each, judged on 5 domains and overall\. Overall: High risk 1, Low risk 1, Not assessed 1\./);
    expect(svg).toContain('viewBox="0 0 ');
    expect(svg).toContain('width="100%"');
  });

  test('escapes every text: no markup from a label gets through', () => {
    expect(svg).not.toContain('<script');
    expect(svg).toContain('Al&lt;script&gt;x');
    expect(svg).toContain('Beta &amp; &quot;Gamma&quot;');
    // a review's own tool, as it could come from a file that was never checked
    const ownTool: RobTool = { ...rob2, id: 'own', label: 'Tool <b>"x"</b>', domains: [{ id: 'a', label: 'A <img src=x onerror=alert(1)>', question: 'Q?', optional: false }] };
    const own = trafficLightSvg(ownTool, [studyAppraisal(ownTool, 'alpha', 'Alpha', 'r1', { domains: { a: judge('low') }, reports: {} })]);
    expect(own).not.toMatch(/<img|<b>/);
    expect(own).toContain('Tool &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(own).toContain('A &lt;img src=x onerror=alert(1)&gt;');
  });

  test('has a row per study and a column per domain and overall, keyed below', () => {
    const t = texts(svg);
    for (const label of ['Al&lt;script&gt;x', 'Beta &amp; &quot;Gamma&quot;', 'Delta']) expect(t).toContain(label);
    expect(t).toEqual(expect.arrayContaining(['D1', 'D2', 'D3', 'D4', 'D5', 'Overall']));
    for (const [i, d] of rob2.domains.entries()) expect(t.some((x) => x?.startsWith(`D${i + 1}: ${d.label.slice(0, 10)}`))).toBe(true);
    // 3 studies × (5 domains + overall) marks, and one per legend level
    const circles = svg.match(/<circle /g)?.length ?? 0;
    expect(circles).toBe(3 * 6 + 3 + 2); // levels low, some concerns, high; not assessed; not judged
  });

  test('draws each judgement in its class colour with its symbol', () => {
    expect(svg).toContain('fill="#c62828"'); // high
    expect(svg).toContain('fill="#e0b000"'); // some concerns
    expect(texts(svg)).toEqual(expect.arrayContaining(['+', '−', '×', '·']));
  });

  test('leaves out an optional domain none of the studies was judged on', () => {
    const withOptional: RobTool = { ...rob2, domains: [...rob2.domains, { id: 'extra', label: 'Extra item', question: 'Q?', optional: true }] };
    const none = trafficLightSvg(withOptional, [studyAppraisal(withOptional, 'alpha', 'Alpha', 'r1', { domains: { randomisation: judge('low') }, reports: {} })]);
    expect(texts(none)).not.toContain('D6');
    expect(none).not.toContain('Extra item');
    const one = trafficLightSvg(withOptional, [studyAppraisal(withOptional, 'alpha', 'Alpha', 'r1', { domains: { extra: judge('low') }, reports: {} })]);
    expect(texts(one)).toEqual(expect.arrayContaining(['D6', 'D6: Extra item']));
  });

  test('gives nothing without a tool or studies', () => {
    expect(trafficLightSvg(null, studies)).toBe('');
    expect(trafficLightSvg(rob2, [])).toBe('');
  });

  test('shortens a long label with an ellipsis and keeps it whole in a tooltip', () => {
    const long = 'A very long study label that goes on and on past any column of a plot';
    const out = trafficLightSvg(rob2, [studyAppraisal(rob2, 'long', long, 'r1', undefined)]);
    expect(out).toContain(`<title>${long}</title>`);
    expect(texts(out).some((x) => x?.endsWith('…'))).toBe(true);
  });
});

const summary: OutcomeRiskOfBias = {
  summary: [
    ...rob2.domains.map((d, i) => ({
      domain: d.id,
      label: d.label,
      shares: [
        { level: 'low', label: 'Low risk', class: 'low' as const, share: i === 0 ? 1 / 3 : 0.6 },
        { level: 'some_concerns', label: 'Some concerns', class: 'some' as const, share: i === 0 ? 1 / 3 : 0 },
        { level: 'high', label: 'High risk', class: 'high' as const, share: i === 0 ? 1 / 3 : 0.4 },
      ],
    })),
    {
      domain: 'overall',
      label: 'Overall',
      shares: [
        { level: 'low', label: 'Low risk', class: 'low' as const, share: 0.25 },
        { level: 'high', label: 'High risk', class: 'high' as const, share: 0.7 },
        { level: null, label: 'Not assessed', class: 'not_assessed' as const, share: 0.05 },
      ],
    },
  ],
  overall_shares: { low: 0.25, high: 0.7, not_assessed: 0.05 },
  overall_counts: { low: 1, high: 2, not_assessed: 1 },
};

describe('weighted summary bars', () => {
  const svg = summaryBarsSvg(rob2, summary);

  test('is an image with a title and a description that gives every share', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Risk of bias summary, weighted/);
    expect(svg).toContain('<desc>Share of the analysis weight at each judgement, per domain and overall. D1: Randomisation process: Low risk 34%, Some concerns 33%, High risk 33%.');
    expect(svg).toContain('Overall: Low risk 25%, High risk 70%, Not assessed 5%.</desc>');
  });

  test('draws one bar per domain and overall whose segments fill it and whose percentages add up to 100', () => {
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="20"[^>]*><title>[^:]+: (\d+)%<\/title>/g)];
    const byRow = new Map<string, { width: number; percent: number }[]>();
    for (const m of bars) byRow.set(m[2]!, [...(byRow.get(m[2]!) ?? []), { width: Number(m[3]), percent: Number(m[4]) }]);
    expect(byRow.size).toBe(rob2.domains.length + 1);
    for (const segments of byRow.values()) {
      expect(segments.reduce((s, x) => s + x.width, 0)).toBeCloseTo(334, 0);
      expect(segments.reduce((s, x) => s + x.percent, 0)).toBe(100);
    }
    for (const [i] of rob2.domains.entries()) expect(texts(svg).some((x) => x?.startsWith(`D${i + 1}: `))).toBe(true);
  });

  test('labels the segments with their symbol and percentage where they fit, and has a legend', () => {
    expect(texts(svg)).toEqual(expect.arrayContaining(['+ 60%', '× 40%', '× 70%', 'Low risk', 'Some concerns', 'High risk', 'Not assessed']));
  });

  test('leaves out an optional domain none of the studies was judged on', () => {
    const withOptional: RobTool = { ...rob2, domains: [...rob2.domains, { id: 'extra', label: 'Extra item', question: 'Q?', optional: true }] };
    const entry = { domain: 'extra', label: 'Extra item', shares: [{ level: null, label: 'Not assessed', class: 'not_assessed' as const, share: 1 }] };
    const out = summaryBarsSvg(withOptional, { ...summary, summary: [...summary.summary.slice(0, -1), entry, summary.summary.at(-1)!] });
    expect(out).not.toContain('Extra item');
    expect(texts(out)).toContain('Overall');
  });

  test('gives nothing without a tool or a summary', () => {
    expect(summaryBarsSvg(null, summary)).toBe('');
    expect(summaryBarsSvg(rob2, null)).toBe('');
    expect(summaryBarsSvg(rob2, { ...summary, summary: [] })).toBe('');
  });
});

describe('helpers', () => {
  test('whole percents add up to 100', () => {
    expect(wholePercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(wholePercents([0.125, 0.125, 0.75])).toEqual([13, 12, 75]);
    expect(wholePercents([0, 0])).toEqual([0, 0]);
    for (const shares of [[0.1, 0.2, 0.7], [0.999, 0.001], [0.2, 0.2, 0.2, 0.2, 0.2], [0.07, 0.13, 0.29, 0.51]]) {
      expect(wholePercents(shares).reduce((s, x) => s + x, 0)).toBe(100);
    }
  });

  test('writes white on dark fills and ink on light ones', () => {
    expect(inkOn('#c62828')).toBe('#ffffff');
    expect(inkOn('#1b7f3b')).toBe('#ffffff');
    expect(inkOn('#e0b000')).toBe('#1b1f24');
    expect(inkOn('#ffffff')).toBe('#1b1f24');
  });
});
