/**
 * npm run check [-- --content <dir>]
 *
 * Validates every content file and prints each problem as `file:line  field  what is wrong`
 * with how to fix it. Exit 0 when the content is valid, 1 when it has problems, 2 on a usage
 * error, 3 on an internal error (which is reported in one line, never as a stack trace).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems } from '../src/lib/content/format-problems.ts';
import { messages } from '../src/lib/content/messages.ts';
import { displayRoot, isDirectory, readContent, resolveContentRoot } from '../src/lib/content/read-content-fs.ts';
import { validateContent } from '../src/lib/content/validate-content.ts';
import { parseCommandLine } from './lib/cli-args.ts';

const USAGE = 'usage: npm run check [-- --content <dir>]   (or REVIEW_CONTENT=<dir> npm run check)';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): number {
  const args = parseCommandLine(argv, { strings: ['content'], positional: { max: 0 } }, USAGE);
  if (typeof args === 'number') return args;
  const root = resolveContentRoot(args.strings.get('content'), process.env, REPO_ROOT);
  const label = displayRoot(root);
  if (!isDirectory(root)) {
    const { message, fix } = messages.contentRootMissing(label);
    console.error(`${message}\n  fix: ${fix}\n${USAGE}`);
    return 2;
  }

  const { problems, trials, searches, registry } = validateContent(readContent(root, { label }));
  if (problems.length > 0) {
    console.log(formatProblems(problems));
    return 1;
  }
  const reports = trials.reduce((total, t) => total + t.data.reports.length, 0);
  console.log(
    `${label}: OK, ${count(trials.length, 'trial')} (${count(reports, 'report')}), ${count(registry.length, 'registry entry', 'registry entries')}, ${count(searches.length, 'search', 'searches')}`,
  );
  return 0;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run check stopped on an internal error, not a problem in your content: ${detail.split('\n')[0]}. Please report it with the command you ran.`);
  process.exitCode = 3;
}
