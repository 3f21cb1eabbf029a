import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeXml } from '../../src/lib/format/escape-xml.ts';

/** Reads escaped text back the way an XML or HTML parser does. */
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#13);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#13': '\r' })[name]!);

describe('escapeXml', () => {
  test('writes the markup characters as references, the apostrophe as &#39;', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  test('keeps a carriage return as a reference, and tabs and line feeds as they are', () => {
    expect(escapeXml('a\r\nb\tc')).toBe('a&#13;\nb\tc');
  });

  test('drops what XML 1.0 forbids: control characters, U+FFFE/U+FFFF and lone surrogates', () => {
    expect(escapeXml('a\u0000b\u0001c\u001Fd\uFFFEe\uFFFF')).toBe('abcde');
    expect(escapeXml('x\uD800y\uDC00z')).toBe('xyz');
    expect(escapeXml('😀 Müller')).toBe('😀 Müller');
  });

  test('any text reads back unchanged, less the forbidden characters, and holds no raw markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"'\r]/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|#39|#13);)/);
        expect(unescape(escaped)).toBe(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''));
      }),
      { numRuns: 2000 },
    );
  });
});
