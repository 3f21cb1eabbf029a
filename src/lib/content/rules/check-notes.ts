/**
 * A trial's Markdown notes are shown to readers as formatted text. HTML tags and links that are
 * not web addresses are refused here, before the build, so a pasted `<script>` or a
 * `javascript:` link never reaches a page.
 */
import type { SourceFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import { problem, type Problem } from '../problems.ts';

const HTML_TAG = /<\s*\/?\s*[a-zA-Z!][^>]*>/;
const MARKDOWN_LINK = /\]\(\s*<?\s*([a-zA-Z][a-zA-Z0-9+.-]*):/g;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

export function checkNotes(trial: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const lines = trial.body.split(/\r?\n/);
  let inCode = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    if (inCode) return;
    const where = trial.bodyLine + i;
    const tag = HTML_TAG.exec(line.replace(/`[^`]*`/g, ''));
    if (tag) problems.push(problem(trial.file, where, ['notes'], messages.htmlInNotes(tag[0])));
    for (const match of line.matchAll(MARKDOWN_LINK)) {
      const scheme = match[1]!.toLowerCase();
      if (!SAFE_SCHEMES.has(scheme)) problems.push(problem(trial.file, where, ['notes'], messages.unsafeLinkInNotes(scheme)));
    }
    if (/(^|[\s(<])javascript\s*:/i.test(line) && !line.match(MARKDOWN_LINK)) {
      problems.push(problem(trial.file, where, ['notes'], messages.unsafeLinkInNotes('javascript')));
    }
  });
  return problems;
}
