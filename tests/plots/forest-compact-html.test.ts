import { describe, expect, test } from 'vitest';
import { forestCompact } from '../../src/lib/plots/forest-compact.ts';
import { forestCompactHtml } from '../../src/lib/plots/forest-compact-html.ts';
import type { ForestInput } from '../../src/lib/plots/forest-spec.ts';

const input: ForestInput = {
  title: 'Response',
  studies: [
    { label: 'Alpha <b>"x"</b> & co', events: 12, n: 32, estimate: 0.375, ciLower: 0.211, ciUpper: 0.563, weight: 60 },
    { label: "O'Brien", events: 3, n: 30, estimate: 0.1, ciLower: 0.021, ciUpper: 0.265, weight: 40 },
  ],
  overall: { label: 'Overall', k: 2, events: 15, n: 62, estimate: 0.24, ciLower: 0.1, ciUpper: 0.4, heterogeneity: 'Heterogeneity: I² = 0%' },
};

const headings = { axisTitle: 'Response <rate> (%)', estimateHeading: '% [95% CI]' };

describe('forestCompactHtml', () => {
  const html = forestCompactHtml(forestCompact(input), headings);

  test('is one list hidden from assistive technology, with the pooled line placed', () => {
    expect(html.startsWith('<ol class="forest-compact" aria-hidden="true" style="--p:')).toBe(true);
    expect(html.endsWith('</ol>')).toBe(true);
  });

  test('has a heading line, a line per row and the axis line', () => {
    const items = html.match(/<li[ >]/g) ?? [];
    expect(items.length).toBe(forestCompact(input).rows.length + 2);
    expect(html).toContain('<span>Study</span> <span>Events/n</span> <span>% [95% CI]</span>');
    expect(html).toMatch(/<li class="forest-c-s"><span><span>O&#39;Brien<\/span> <span>3\/30<\/span> <span>[^<]+<\/span><\/span><span><i style="left:[^"]+"><\/i><b style="--x:[^"]+"><\/b><\/span><\/li>/);
    expect(html).toContain('<b class="forest-c-d" style="left:');
  });

  test('escapes every text: labels are content', () => {
    expect(html).not.toContain('<b>"x"</b>');
    expect(html).toContain('Alpha &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co');
    expect(html).toContain('Response &lt;rate&gt; (%)');
  });
});
