/**
 * Splits a trial's Markdown file into its YAML front matter and its Markdown notes, keeping
 * track of where the front matter starts so that YAML line numbers become lines of the file.
 *
 * Done by hand rather than with gray-matter, whose YAML engine would also parse the front
 * matter (and silently accept duplicate keys): here we only cut the text.
 */
import { messages } from './messages.ts';
import type { Text } from './problems.ts';

export type FrontMatter =
  | {
      ok: true;
      /** The YAML between the two `---` lines. */
      yaml: string;
      /** Lines of the file before the YAML (the opening `---`), to add to YAML line numbers. */
      lineOffset: number;
      /** The Markdown after the closing `---`. */
      body: string;
      /** Line of the file on which the body starts. */
      bodyLine: number;
    }
  | { ok: false; line: number; problem: Text };

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Splits `---\n<yaml>\n---\n<body>`; the opening fence must be the first line. */
export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { ok: false, line: 1, problem: messages.noFrontMatter() };
  // The site's own reader ends the front matter at the first line that starts with ---, whatever
  // follows; a line like "---x" before the closing fence would split the file differently for the
  // checks and for the site, so it is refused.
  const stray = lines.findIndex((line, i) => i > 0 && /^(---|\+\+\+)/.test(line));
  const close = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (stray > 0 && (close < 0 || stray < close)) return { ok: false, line: stray + 1, problem: messages.frontMatterStrayFence() };
  if (close < 0) return { ok: false, line: 1, problem: messages.frontMatterNotClosed() };
  const yaml = lines.slice(1, close).join('\n');
  if (yaml.trim().length === 0) return { ok: false, line: 1, problem: messages.frontMatterEmpty() };
  const rest = lines.slice(close + 1).join('\n');
  const body = rest.replace(/^\n+/, '');
  // 1-based line of the body's first line in the file, for messages about the notes.
  const bodyLine = close + 2 + (rest.length - body.length);
  return { ok: true, yaml: `${yaml}\n`, lineOffset: 1, body, bodyLine };
}
