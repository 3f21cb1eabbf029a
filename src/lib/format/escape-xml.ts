/**
 * The one escaping helper for markup the project writes as text: Atom feeds, SVG figures and
 * HTML fragments (the compact forest plot, the dev server's messages).
 */

// XML 1.0 allows tab, line feed, carriage return and U+0020 upwards, minus lone surrogates and
// U+FFFE/U+FFFF; HTML parsers would show most of the rest as garbage or drop them.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\r': '&#13;' };

/**
 * Text made safe for XML and HTML content and for quoted attribute values: the five markup
 * characters become references (the apostrophe as `&#39;`, which XML and every HTML read), a
 * carriage return becomes `&#13;` (a literal one would be read back as a line feed), and
 * characters XML 1.0 forbids are dropped.
 * @example escapeXml(`<a title="O'Brien & co">`) // '&lt;a title=&quot;O&#39;Brien &amp; co&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);
}
