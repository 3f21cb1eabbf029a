/**
 * A small HTML tokenizer for the injection tests: the tags of a page with their attributes
 * (values decoded), the contents of its script elements, and its text. It follows the HTML
 * rules that matter for injection (quoted and unquoted attribute values, comments, raw-text
 * elements), so markup that escaped the site's escaping shows up as a tag or an attribute.
 */

export interface ScannedTag {
  name: string;
  attrs: [name: string, value: string][];
}

export interface ScannedPage {
  tags: ScannedTag[];
  scripts: { attrs: [string, string][]; content: string }[];
  /** Text between tags, still escaped as in the file. */
  text: string;
}

const RAW_TEXT = new Set(['script', 'style']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', colon: ':', Tab: '\t', NewLine: '\n' };

/** Decodes character references as a browser does in an attribute value. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?/g, (match, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? match;
  });
}

export function scanHtml(html: string): ScannedPage {
  const page: ScannedPage = { tags: [], scripts: [], text: '' };
  let i = 0;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[i] === '<' && /[!?]/.test(html[i + 1] ?? '')) {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (html[i] !== '<' || !/[A-Za-z/]/.test(html[i + 1] ?? '')) {
      page.text += html[i];
      i++;
      continue;
    }
    // a tag: its name, then attributes until '>'
    const closing = html[i + 1] === '/';
    const nameMatch = /^[A-Za-z][^\s/>]*/.exec(html.slice(i + (closing ? 2 : 1)));
    if (!nameMatch) {
      page.text += html[i];
      i++;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    i += (closing ? 2 : 1) + nameMatch[0].length;
    const attrs: [string, string][] = [];
    while (i < html.length && html[i] !== '>') {
      if (/[\s/]/.test(html[i]!)) {
        i++;
        continue;
      }
      const attr = /^[^\s"'>/=]+/.exec(html.slice(i));
      if (!attr) {
        i++;
        continue;
      }
      i += attr[0].length;
      while (/\s/.test(html[i] ?? '')) i++;
      let value = '';
      if (html[i] === '=') {
        i++;
        while (/\s/.test(html[i] ?? '')) i++;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, i + 1);
          value = html.slice(i + 1, end < 0 ? html.length : end);
          i = end < 0 ? html.length : end + 1;
        } else {
          const raw = /^[^\s>]*/.exec(html.slice(i))![0];
          value = raw;
          i += raw.length;
        }
      }
      attrs.push([attr[0].toLowerCase(), decodeEntities(value)]);
    }
    i++;
    if (closing) continue;
    page.tags.push({ name, attrs });
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, i);
      const content = html.slice(i, end < 0 ? html.length : end);
      if (name === 'script') page.scripts.push({ attrs, content });
      i = end < 0 ? html.length : end;
    }
  }
  return page;
}

/** A URL attribute as the browser reads it: entities decoded, tabs and line breaks and leading controls dropped. */
export function urlScheme(value: string): string | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned)?.[1]?.toLowerCase();
}
