/**
 * A trial's Markdown notes are shown to readers as formatted text, and Markdown lets raw HTML
 * and any kind of link through. HTML, links that are not web or e-mail addresses, and invisible
 * text-direction characters are refused here, before the build, so a pasted `<script>` or a
 * `javascript:` link never reaches a page.
 *
 * The check errs on the side of refusing, because a Markdown renderer finds HTML where a
 * line-by-line look does not: a tag may span lines, a backtick may be escaped, a code fence may
 * sit inside a list. So it looks for the start of any HTML construct (`<` followed by a letter,
 * `/`, `!` or `?`) anywhere in the notes, code included, and reads link destinations the way a
 * renderer does (character references such as `&#115;` decoded, tabs and line breaks dropped)
 * before checking their scheme.
 */
import { INVISIBLE_CHARACTER } from '../../../schemas/common.ts';
import type { SourceFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import { problem, type Problem } from '../problems.ts';

/** Where raw HTML can start in CommonMark: a tag, a closing tag, a comment or declaration, a processing instruction. */
const HTML_START = /<(?:[a-zA-Z]|\/[a-zA-Z]|!|\?)/g;
/** An inline link or image `](destination`, or a reference definition `[label]: destination`. */
const DESTINATION = /\]\(|\]:/g;
const SCHEME = /^<?([a-zA-Z][a-zA-Z0-9+.-]*):/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

export function checkNotes(trial: SourceFile): Problem[] {
  const body = trial.body;
  const problems: Problem[] = [];
  const lineOf = (index: number) => trial.bodyLine + countLines(body, index);
  const reported = new Set<string>();
  // One problem of a kind per line is enough to find it.
  const report = (index: number, text: { message: string; fix: string }, kind: string) => {
    const line = lineOf(index);
    if (reported.has(`${line} ${kind}`)) return;
    reported.add(`${line} ${kind}`);
    problems.push(problem(trial.file, line, ['notes'], text));
  };

  for (const match of body.matchAll(HTML_START)) {
    const rest = body.slice(match.index);
    const end = rest.search(/>|\n/);
    report(match.index, messages.htmlInNotes(end >= 0 && rest[end] === '>' ? rest.slice(0, end + 1) : rest.slice(0, end >= 0 ? end : undefined)), 'html');
  }
  for (const match of body.matchAll(DESTINATION)) {
    const scheme = destinationScheme(body.slice(match.index + 2, match.index + 2 + 200));
    if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) report(match.index, messages.unsafeLinkInNotes(scheme), scheme);
  }
  // A javascript: address anywhere else (a bare or autolinked one, or one spelt with character references).
  const decoded = decodeReferences(body);
  const script = /(^|[^a-zA-Z0-9+.-])javascript[\t\r\n ]*:/i.exec(decoded.text);
  if (script && !problems.some((p) => p.message.includes('"javascript:"'))) {
    report(decoded.originalIndex(script.index + script[1]!.length), messages.unsafeLinkInNotes('javascript'), 'javascript');
  }
  const invisible = INVISIBLE_CHARACTER.exec(body);
  if (invisible) report(invisible.index, messages.invisibleInNotes(invisible[0]), 'invisible');
  return problems;
}

/**
 * The scheme of a link destination as a browser would see it (lower case), or undefined for a
 * relative link. Whitespace and one line break may precede the destination; character
 * references and backslash escapes are decoded; tabs and line breaks inside are dropped, as the
 * URL parser drops them.
 */
function destinationScheme(text: string): string | undefined {
  const start = text.replace(/^[ \t]*(\r?\n)?[ \t]*/, '');
  const destination = decodeReferences(start.split(/[ )>\n]/, 1)[0] ?? '')
    .text.replace(/\\(.)/g, '$1')
    .replace(/[\t\r\n]/g, '')
    .replace(/^[\u0000-\u0020]+/, '');
  const scheme = SCHEME.exec(destination);
  // "[Note]: Table 2" is prose, not a link: a scheme needs an address after its colon.
  if (!scheme || destination.length <= scheme[0].length) return undefined;
  return scheme[1]!.toLowerCase();
}

/** Named character references that could spell a scheme (letters have none). */
const NAMED: Record<string, string> = { colon: ':', Tab: '\t', NewLine: '\n', sol: '/', lpar: '(', rpar: ')', period: '.', plus: '+', hyphen: '-', dash: '-' };

/** Decodes numeric and the few relevant named character references, keeping a map back to the original text. */
function decodeReferences(text: string): { text: string; originalIndex: (index: number) => number } {
  const starts: number[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z]+));/g)) {
    const code = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
    const char = code !== undefined ? (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD') : NAMED[m[3]!];
    if (char === undefined) continue;
    for (let i = last; i < m.index; i++) starts.push(i);
    out += text.slice(last, m.index);
    for (let i = 0; i < char.length; i++) starts.push(m.index);
    out += char;
    last = m.index + m[0].length;
  }
  for (let i = last; i < text.length; i++) starts.push(i);
  out += text.slice(last);
  return { text: out, originalIndex: (index) => starts[index] ?? text.length };
}

function countLines(text: string, index: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
