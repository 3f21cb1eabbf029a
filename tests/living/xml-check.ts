/**
 * A strict XML 1.0 well-formedness check for the feed tests: one root element, balanced and
 * properly nested tags, quoted and unique attributes, only the five predefined entities and
 * character references, and only characters XML allows. Returns the element tree with the
 * text decoded, or throws with the offset of the first fault. No DTDs (feeds have none).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function allowed(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function decode(raw: string, at: number, inAttribute: boolean): string {
  if (inAttribute && raw.includes('<')) throw new Error(`"<" in an attribute value at ${at}`);
  if (!inAttribute && raw.includes(']]>')) throw new Error(`"]]>" in text at ${at}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated reference "${match}" at ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity "&${ref};" at ${at}`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
    if (!allowed(cp)) throw new Error(`reference to a character XML forbids (&${ref};) at ${at}`);
    return String.fromCodePoint(cp);
  });
}

/** Parses `xml`, or throws on the first well-formedness error. */
export function parseXml(xml: string): XmlElement {
  for (const ch of xml) {
    if (!allowed(ch.codePointAt(0)!)) throw new Error(`character U+${ch.codePointAt(0)!.toString(16)} is not allowed in XML`);
  }
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0 || !/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(xml.slice(0, end + 2))) {
      throw new Error('malformed XML declaration');
    }
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0 || xml.slice(i + 4, end).includes('--')) throw new Error(`malformed comment at ${i}`);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new Error(`CDATA outside the root element at ${i}`);
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new Error(`unterminated CDATA at ${i}`);
      stack.at(-1)!.children.push(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0 || /^<\?xml\b/i.test(xml.slice(i))) throw new Error(`malformed processing instruction at ${i}`);
      i = end + 2;
    } else if (xml.startsWith('<!', i)) {
      throw new Error(`declarations (DOCTYPE) are not expected, at ${i}`);
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) throw new Error(`malformed end tag at ${i}`);
      let j = i + 2 + m[0].length;
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml[j] !== '>') throw new Error(`malformed end tag </${m[0]}> at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> at ${i} does not close <${open?.name ?? '(nothing)'}>`);
      i = j + 1;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) throw new Error(`malformed start tag at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [] };
      let j = i + 1 + m[0].length;
      for (;;) {
        const space = /^\s*/.exec(xml.slice(j))![0].length;
        j += space;
        if (xml.startsWith('/>', j) || xml[j] === '>') break;
        if (space === 0) throw new Error(`attributes of <${el.name}> must be separated by white space, at ${j}`);
        const a = /^([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(j));
        if (!a) throw new Error(`malformed attribute in <${el.name}> at ${j}`);
        if (a[1]! in el.attrs) throw new Error(`attribute ${a[1]} repeated in <${el.name}> at ${j}`);
        el.attrs[a[1]!] = decode(a[3] ?? a[4] ?? '', j, true);
        j += a[0].length;
      }
      if (stack.length === 0) {
        if (root) throw new Error(`a second root element <${el.name}> at ${i}`);
        root = el;
      } else stack.at(-1)!.children.push(el);
      if (xml.startsWith('/>', j)) i = j + 2;
      else {
        stack.push(el);
        i = j + 1;
      }
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length === 0) {
        if (raw.trim()) throw new Error(`text outside the root element at ${i}`);
      } else stack.at(-1)!.children.push(decode(raw, i, false));
      i = end < 0 ? xml.length : end;
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Child elements named `name`. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The text inside an element (its text children joined). */
export const textOf = (el: XmlElement | undefined): string =>
  el ? el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('') : '';
