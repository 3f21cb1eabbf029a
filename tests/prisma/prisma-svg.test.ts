import { describe, expect, test } from 'vitest';
import { searchSchema, type Search } from '../../src/schemas/index.ts';
import { prismaFlow, type PrismaFlow } from '../../src/lib/prisma/prisma-flow.ts';
import { describePrismaFlow, estimateTextWidth, renderPrismaSvg, wrapText } from '../../src/lib/prisma/prisma-svg.ts';
import { escapeXml } from '../../src/lib/format/escape-xml.ts';
import { search1, search2, trials } from './fixtures.ts';

const all = trials();
const flow1 = prismaFlow({ release: 1, searchId: 'release-1', search: search1, trials: all });
const flow2 = prismaFlow({ release: 2, searchId: 'release-2', search: search2, trials: all });

function viewBox(svg: string): [number, number, number, number] {
  const m = /viewBox="([\d.\s-]+)"/.exec(svg);
  if (!m) throw new Error('no viewBox');
  return m[1]!.trim().split(/\s+/).map(Number) as [number, number, number, number];
}

const fontSizes = (svg: string) => [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));

/** The text content of every <text> element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#13;/g, '\r').replace(/&amp;/g, '&'),
  );
}

describe('accessible SVG', () => {
  for (const layout of ['wide', 'narrow'] as const) {
    test(`${layout}: a labelled group (its box links stay reachable), a title and a description with every count`, () => {
      const svg = renderPrismaSvg(flow2, { layout, idPrefix: 'p' });
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain('role="group"');
      expect(svg).not.toContain('role="img"');
      expect(svg).toContain('aria-labelledby="p-title p-desc"');
      expect(svg).toContain('<title id="p-title">PRISMA 2020 flow diagram, release 2</title>');
      const desc = /<desc id="p-desc">([^<]*)<\/desc>/.exec(svg)![1]!;
      for (const box of flow2.boxes) for (const line of box.lines) expect(desc).toContain(`${escapeXml(line.text)} (n = ${line.count})`);
      expect(desc).toContain('updated systematic review, release 2');
    });

    test(`${layout}: each box with a list is a link to it, the others are not`, () => {
      const svg = renderPrismaSvg(flow2, { layout, href: (p) => `/base${p}` });
      const links = [...svg.matchAll(/<a class="prisma-node prisma-link" data-box="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(links.sort()).toEqual(
        flow2.boxes
          .filter((b) => b.href)
          .map((b) => `${b.id} /base/prisma/records/2/${b.id}/`)
          .sort(),
      );
      expect(links).toHaveLength(6);
      for (const b of flow2.boxes.filter((b) => !b.href)) expect(svg).toContain(`<g class="prisma-node" data-box="${b.id}">`);
    });

    test(`${layout}: every count is drawn`, () => {
      const drawn = texts(renderPrismaSvg(flow1, { layout })).join(' ').replace(/\u00a0/g, ' ');
      for (const n of [888, 412, 476, 74, 7, 955, 920, 35, 16, 19]) expect(drawn).toContain(`(n = ${n})`);
    });
  }

  test('text from content is escaped, in boxes, in the description and in links', () => {
    // The schema refuses markup in text; the SVG must be safe even for data that skipped it.
    const evil: Search = {
      ...search2,
      other_sources: [{ name: 'Alerts & "news" <feeds>', records: 3 }],
      reports_excluded: [
        { reason: '<script>alert(1)</script>', count: 1 },
        { reason: 'No usable denominator & no CAR', count: 1 },
      ],
    };
    expect(searchSchema.safeParse(evil).success).toBe(false);
    const flow = prismaFlow({ release: 2, searchId: 'release-2', search: evil, trials: all });
    for (const layout of ['wide', 'narrow'] as const) {
      const svg = renderPrismaSvg(flow, { layout, href: (p) => `${p}?a=1&b=<2>` });
      expect(svg).not.toContain('<script>');
      expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
      expect(svg).toContain('&lt;script&gt;');
      expect(svg).toContain('denominator &amp; no CAR');
      expect(svg).toContain('?a=1&amp;b=&lt;2&gt;');
      expect(texts(svg).join(' ')).toContain('<script>alert(1)</script>');
    }
  });
});

describe('layouts', () => {
  test('narrow: a 360-wide viewBox with text of at least 15 units, so about 15 px on a 360 px screen', () => {
    for (const flow of [flow1, flow2]) {
      const svg = renderPrismaSvg(flow, { layout: 'narrow' });
      const [, , width] = viewBox(svg);
      expect(width).toBe(360);
      expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(15);
    }
  });

  test('narrow: nothing is drawn outside the viewBox', () => {
    const svg = renderPrismaSvg(flow2, { layout: 'narrow' });
    const [, , width] = viewBox(svg);
    for (const m of svg.matchAll(/<rect[^>]* x="([\d.]+)"[^>]* width="([\d.]+)"/g)) expect(Number(m[1]) + Number(m[2])).toBeLessThanOrEqual(width);
  });

  test('wide: the classic columns, wider than tall enough to read on a desktop', () => {
    const svg1 = renderPrismaSvg(flow1, { layout: 'wide' });
    const svg2 = renderPrismaSvg(flow2, { layout: 'wide' });
    expect(viewBox(svg1)[2]).toBeGreaterThan(800);
    expect(viewBox(svg2)[2]).toBeGreaterThan(viewBox(svg1)[2]);
    expect(viewBox(svg2)[2]).toBeLessThanOrEqual(1240);
    expect(Math.min(...fontSizes(svg2))).toBeGreaterThanOrEqual(14);
    // The update draws the phase bars and the previous-studies header.
    expect(texts(svg2)).toEqual(expect.arrayContaining(['Identification', 'Screening', 'Included', 'Previous studies']));
  });

  test('wrapped lines fit their boxes by the width estimate', () => {
    for (const layout of ['wide', 'narrow'] as const) {
      const svg = renderPrismaSvg(flow2, { layout });
      const boxes = [...svg.matchAll(/<rect class="prisma-box" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*\/>((?:<text[^>]*>[^<]*<\/text>)*)/g)];
      expect(boxes.length).toBe(flow2.boxes.length);
      for (const [, x, w, body] of boxes) {
        for (const t of body!.matchAll(/<text x="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
          const right = Number(t[1]) + estimateTextWidth(t[3]!, Number(t[2]));
          expect(right).toBeLessThanOrEqual(Number(x) + Number(w));
        }
      }
    }
  });
});

describe('text helpers', () => {
  test('wrapText breaks at spaces, keeps no-break spaces and splits overlong words', () => {
    expect(wrapText('Records removed before screening', 140, 15)).toEqual(['Records removed', 'before screening']);
    expect(wrapText('Reports (n\u00a0=\u00a019)', 70, 15)).toEqual(['Reports', '(n\u00a0=\u00a019)']);
    const long = wrapText('x'.repeat(60), 100, 15);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join('')).toBe('x'.repeat(60));
  });

  test('the description names the kind of review and the search date', () => {
    const flow: PrismaFlow = flow1;
    expect(describePrismaFlow(flow)).toMatch(/^PRISMA 2020 flow diagram for a new systematic review, release 1, search of 2025-01-12\./);
  });
});
