/**
 * Reads a Markdown content file (a trial, a chapter): its YAML front matter, parsed, and the
 * Markdown below it. gray-matter cuts the file; its YAML engine is ours (parse-yaml.ts), so a
 * front matter gets the same strict reading as a YAML file, with lines of the whole file.
 *
 * Before gray-matter runs, the fences are checked against the way the site itself reads a
 * Markdown file: the front matter ends at the first line that starts with --- or +++. A file
 * where that line is not a clean closing `---`, or where a YAML end-of-document `...` comes
 * first, would be read one way by the checks and another way by the site, so it is refused.
 */
import matter from 'gray-matter';
import { messages } from './messages.ts';
import { parseYaml, type ParsedYaml } from './parse-yaml.ts';
import type { Text } from './problems.ts';

/** Lines of a file before the YAML of its front matter: the opening `---`. */
export const YAML_LINE_OFFSET = 1;

/**
 * The parsed fields (with `locate` giving lines of the whole file), the YAML between the fences
 * (it starts on line 2), the Markdown after the closing `---` (leading blank lines dropped) and
 * the line it starts on; all with line feeds only. Or the problems.
 */
export type FrontMatter =
  | (Extract<ParsedYaml, { ok: true }> & { yaml: string; body: string; bodyLine: number })
  | Extract<ParsedYaml, { ok: false }>;

export interface FrontMatterOptions {
  /** What to say when the front matter holds only comments. */
  empty?: Text;
}

/** The opening fence: a first line of three dashes (trailing blanks allowed). */
const OPENING = /^---[ \t]*(?:\r?\n|$)/;
/** The first later line that the site, gray-matter or YAML would read as the end of the front matter. */
const ENDING = /\n(?:---|\+\+\+|\.\.\.[ \t]*(?:\r?\n|$))/;
/** A clean closing fence, from the line feed ENDING matched (sticky: tried at that place only). */
const CLOSING = /\n---([ \t]*)(?:\r?\n|$)/y;

/** A problem at one line, before the file is named. */
const fail = (line: number, text: Text): FrontMatter => ({ ok: false, problems: [{ line, path: [], text }] });

/** Lines before `index` in `text`, plus one: the 1-based line of the character at `index`. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Engines gray-matter must never use on content: the JavaScript engine runs the text as code. */
const refuse = () => {
  throw new Error('only YAML front matter is read');
};

/**
 * Reads `---\n<yaml>\n---\n<body>`; the opening fence must be the first line.
 * @returns the parsed front matter and the body, or the problems with their lines in the file
 * @example readFrontMatter('---\nlabel: A\n---\n\nNotes\n') // { ok: true, value: { label: 'A' }, body: 'Notes\n', bodyLine: 5, … }
 */
export function readFrontMatter(text: string, options: FrontMatterOptions = {}): FrontMatter {
  if (!OPENING.test(text)) return fail(1, messages.noFrontMatter());
  const end = ENDING.exec(text);
  if (!end) return fail(1, messages.frontMatterNotClosed());
  const closeLine = lineOf(text, end.index + 1);
  if (end[0].startsWith('\n...')) return fail(closeLine, messages.frontMatterDocumentEnd());
  CLOSING.lastIndex = end.index;
  const close = CLOSING.exec(text);
  if (!close) return fail(closeLine, messages.frontMatterStrayFence());

  const read: { yaml: string; parsed?: ParsedYaml } = { yaml: '' };
  const engine = (source: string): object => {
    // gray-matter gives the text from the end of the opening line up to the closing line's
    // line feed: drop the opening line's break, end with one, and read CRLF as LF.
    read.yaml = `${source.slice(source.indexOf('\n') + 1)}\n`.replace(/\r\n/g, '\n');
    read.parsed = parseYaml(read.yaml, { lineOffset: YAML_LINE_OFFSET, empty: options.empty });
    return {};
  };
  const file = matter(text, { language: 'yaml', engines: { yaml: engine, javascript: refuse, json: refuse } });
  // gray-matter skips its engine when the front matter holds only blanks and comments
  if (read.parsed === undefined) {
    if (file.matter.trim() === '') return fail(1, messages.frontMatterEmpty());
    engine(file.matter);
  }
  const { yaml, parsed } = read;
  if (!parsed?.ok) return parsed ?? fail(1, messages.frontMatterEmpty());

  // The notes: gray-matter leaves blanks after a closing `--- ` on the fence's line.
  let rest = file.content.replace(/\r\n/g, '\n');
  if (close[1]) rest = rest.replace(/^[ \t]*(?:\n|$)/, '');
  const body = rest.replace(/^\n+/, '');
  return { ...parsed, yaml, body, bodyLine: closeLine + 1 + (rest.length - body.length) };
}
