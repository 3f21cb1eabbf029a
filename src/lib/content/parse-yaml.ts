/**
 * Parses one YAML text strictly and keeps a source map, so that any field path can be turned
 * back into a line of the file. Refuses what a curator cannot have meant: syntax errors, tabs
 * used for indentation, duplicate keys, alias bombs and a second document.
 *
 * Most files are plain: block and flow collections of quoted and plain scalars. Those are read
 * with js-yaml (the reader Astro itself uses), an order of magnitude faster
 * than building the `yaml` document, which a review of 20,000 trials would spend most of its
 * build on. The source map is then built only when a problem needs a line. A file that js-yaml
 * refuses, or that has anything the strict reader checks more closely (anchors and aliases,
 * tags, tabs, directives, document markers, merge and complex keys, or a number form the two
 * readers resolve differently), takes the strict path, which explains every problem.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { findDuplicateKeys } from './find-duplicate-keys.ts';
import { locator, type Locate } from './locate-path.ts';
import { messages } from './messages.ts';
import { shortDetail } from './messages-files.ts';
import type { FieldPath, Text } from './problems.ts';

/**
 * At most this many alias expansions per file. Content files have no use for aliases; the
 * limit only exists so that a "billion laughs" file is refused instead of exhausting memory.
 */
export const MAX_ALIAS_COUNT = 10;

/** A problem found while parsing, before it is tied to a file name. */
export interface YamlProblem {
  line?: number;
  path: FieldPath;
  text: Text;
}

export type ParsedYaml = { ok: true; value: unknown; locate: Locate } | { ok: false; problems: YamlProblem[] };

export interface ParseYamlOptions {
  /** Lines of the file before this YAML text (1 for trial front matter). */
  lineOffset?: number;
  /** What to say when the text holds no document (only comments). */
  empty?: Text;
}

/** What sends a text to the strict reader (see the top of this file). */
const NOT_PLAIN = /[&*!\t]|^\s*(%|---|\.\.\.|\?)|<<|0b[01]|\+0x|\+\.[0-9]/m;

export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedYaml {
  if (!NOT_PLAIN.test(text)) {
    let value: unknown;
    try {
      // The YAML 1.2 core schema, as the strict reader; duplicate keys throw.
      value = load(text, { schema: CORE_SCHEMA });
    } catch {
      value = undefined;
    }
    if (value !== undefined && value !== null) {
      let strict: ParsedYaml | undefined;
      const locate: Locate = (path) => {
        strict ??= parseYamlStrictly(text, options);
        return strict.ok ? strict.locate(path) : undefined;
      };
      return { ok: true, value, locate };
    }
  }
  return parseYamlStrictly(text, options);
}

function parseYamlStrictly(text: string, options: ParseYamlOptions): ParsedYaml {
  const offset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  const lineAt = (pos: number) => lineCounter.linePos(pos).line + offset;
  const columnAt = (pos: number) => lineCounter.linePos(pos).col;
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const first = docs[0];
  if (!first) return { ok: false, problems: [{ line: 1 + offset, path: [], text: options.empty ?? messages.fileEmpty() }] };

  const problems: YamlProblem[] = [];
  const syntax = [...first.errors, ...first.warnings];
  const tab = syntax.find((e) => e.code === 'TAB_AS_INDENT');
  if (tab) {
    const tabLine = lineCounter.linePos(tab.pos[0]).line;
    const others = text.split(/\r?\n/).filter((line, i) => i + 1 > tabLine && /^ *\t/.test(line)).length;
    problems.push({ line: lineAt(tab.pos[0]), path: [], text: messages.yamlTab(others) });
  } else if (syntax.some((e) => isTooDeep(e.message))) {
    problems.push({ line: 1 + offset, path: [], text: messages.yamlTooDeep() });
  } else if (syntax[0]) {
    const e: YAMLError = syntax[0];
    // An unclosed [ or { is only noticed on a later line; say so rather than blame the indentation.
    const code = /end with an? [\]}]/.test(e.message) ? 'UNCLOSED_FLOW' : e.code;
    problems.push({ line: lineAt(e.pos[0]), path: [], text: messages.yamlSyntax(firstLine(e.message), columnAt(e.pos[0]), code) });
  }
  for (const second of docs.slice(1)) {
    problems.push({ line: lineAt(second.range[0]), path: [], text: messages.yamlSeveralDocuments() });
    break;
  }
  try {
    if (problems.length === 0) {
      for (const dup of findDuplicateKeys(first.contents)) {
        problems.push({ line: lineAt(dup.pos), path: dup.path, text: messages.yamlDuplicateKey(dup.key, lineAt(dup.firstPos)) });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    const value: unknown = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, value, locate: locator(first, lineAt) };
  } catch (error) {
    // Walking a document nested thousands of levels deep can exhaust the stack.
    const detail = error instanceof Error ? error.message : String(error);
    const text = isTooDeep(detail)
      ? messages.yamlTooDeep()
      : /alias/i.test(detail)
        ? messages.yamlTooManyAliases(MAX_ALIAS_COUNT)
        : messages.yamlUnreadable(firstLine(detail));
    return { ok: false, problems: [{ line: 1 + offset, path: [], text }] };
  }
}

function isTooDeep(message: string): boolean {
  return /call stack/i.test(message);
}

/** The first line of a parser's message, cut short: some quote the file, which may not be a curator's. */
function firstLine(message: string): string {
  return shortDetail(message);
}
