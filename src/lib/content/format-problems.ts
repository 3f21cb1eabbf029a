/**
 * The one formatter of content problems, used by `npm run check`, the build and the tests:
 *
 *     content/trials/x.md:23  reports.0.data.evaluable.response.events  events (14) is larger than n (12)
 *       fix: check both numbers against the source: …
 *
 * followed by a summary line ("3 problems in 2 files").
 */
import { sortProblems, type Problem } from './problems.ts';

/** One problem as two lines: where and what, then how to fix it. */
export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  const head = [where, p.path, p.message].filter((part) => part.length > 0).join('  ');
  return `${head}\n  fix: ${p.fix}`;
}

/** "3 problems in 2 files" */
export function summariseProblems(problems: readonly Problem[]): string {
  const files = new Set(problems.map((p) => p.file)).size;
  return `${plural(problems.length, 'problem')} in ${plural(files, 'file')}`;
}

/** Every problem in reading order, then the summary line. Empty text when there are none. */
export function formatProblems(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  return `${sortProblems(problems).map(formatProblem).join('\n')}\n\n${summariseProblems(problems)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
