/**
 * Content files as read from disk and parsed, before validation. Kept apart from the reading
 * itself so that validation stays pure (no Node built-ins) and can run anywhere.
 */
import { readFrontMatter, YAML_LINE_OFFSET } from './front-matter.ts';
import { parseYaml, type ParsedYaml } from './parse-yaml.ts';
import type { Locate } from './locate-path.ts';
import { decodeContent, MAX_FILE_BYTES } from './decode-content.ts';
import { messages } from './messages.ts';
import { fileMessages } from './messages-files.ts';
import { problem, type Problem, type Text } from './problems.ts';

export const CONTENT_KINDS = ['review', 'trial', 'search', 'registry', 'chapter', 'certainty'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** One content file, parsed. */
export interface SourceFile {
  kind: ContentKind;
  /** The file as curators see it in messages, e.g. `content/trials/ft522.md`. */
  file: string;
  /** File name without its extension: the trial slug, the search id. */
  name: string;
  /** False when the file could not be read or parsed (its problems say why). */
  readable: boolean;
  /** The parsed YAML (a trial's front matter); undefined when not readable. */
  value: unknown;
  /** A trial's Markdown notes (empty for YAML files). */
  body: string;
  /** Line of the file on which the notes start (0 for YAML files). */
  bodyLine: number;
  /** Line of a field path in the file. */
  locate: Locate;
}

/** Everything under one content root, parsed but not yet validated. */
export interface RawContent {
  review: SourceFile | undefined;
  trials: SourceFile[];
  searches: SourceFile[];
  registry: SourceFile[];
  /** Chapters (MDX): only their front matter is checked here; Astro compiles the body. */
  chapters: SourceFile[];
  /** certainty.yaml beside review.yaml (the curator's GRADE ratings); undefined when there is none. */
  certainty?: SourceFile;
  /** Problems found while reading: unreadable files, stray files, a missing review.yaml. */
  problems: Problem[];
  /** The lock files of published releases and today's chapter sources (release-lock-fs.ts), when read. */
  published?: import('../review/release-lock.ts').PublishedContent;
}

const nowhere: Locate = () => undefined;

/**
 * Parses the bytes of one content file: decodes them and parses the YAML (of a trial or a
 * chapter, its front matter, read through gray-matter). Returns the file (unreadable when
 * something failed) and the problems found.
 */
export function parseContentFile(
  kind: ContentKind,
  file: string,
  name: string,
  bytes: Uint8Array,
  maxBytes: number = MAX_FILE_BYTES,
): { source: SourceFile; problems: Problem[] } {
  const failed = (problems: Problem[]) => ({
    source: { kind, file, name, readable: false, value: undefined, body: '', bodyLine: 0, locate: nowhere },
    problems,
  });
  const decoded = decodeContent(bytes, maxBytes);
  if (!decoded.ok) return failed([problem(file, undefined, [], decoded.problem)]);

  const hasFrontMatter = kind === 'trial' || kind === 'chapter';
  const lineOffset = hasFrontMatter ? YAML_LINE_OFFSET : 0;
  let yaml = decoded.text;
  let body = '';
  let bodyLine = 0;
  let parsed: ParsedYaml;
  const empty = kind === 'trial' ? messages.frontMatterEmpty() : messages.fileEmpty();
  if (hasFrontMatter) {
    const read = readFrontMatter(decoded.text, { empty });
    parsed = read;
    if (read.ok) ({ yaml, body, bodyLine } = read);
  } else parsed = parseYaml(yaml, { empty });
  if (!parsed.ok) return failed(parsed.problems.map((p) => problem(file, p.line, p.path, p.text)));
  if (typeof parsed.value === 'string') {
    // The whole file is one text: no fields at all, perhaps a file put here by mistake (a key,
    // a password file). Only the start of its first line is shown, never the text as a whole.
    const lines = yaml.split(/\r?\n/);
    const first = Math.max(0, lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#')));
    return failed([problem(file, lineOffset + first + 1, [], fileMessages.onlyText(lines[first] ?? ''))]);
  }
  return { source: { kind, file, name, readable: true, value: parsed.value, body, bodyLine, locate: parsed.locate }, problems: [] };
}

/** A file whose data passed its schema, with the typed data. */
export interface ValidFile<T> {
  source: SourceFile;
  data: T;
}

/** A problem at a field of a parsed file, with its line looked up. */
export function at(source: SourceFile, path: readonly (string | number)[], text: Text): Problem {
  return problem(source.file, source.locate(path), path, text);
}
