/**
 * npm run fields [-- --content <dir>] [--out <file>]
 *
 * Prints the reference of every field of every content file (generated from the schemas) as
 * Markdown, followed by the study characteristics the review's review.yaml declares (the
 * content root of --content, REVIEW_CONTENT or content/), or writes it to a file with --out.
 * A review.yaml that is missing or does not validate only leaves that last section out.
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldReferenceMarkdown, type MarkdownOptions } from '../src/lib/content/field-reference.ts';
import { parseContentFile } from '../src/lib/content/content-files.ts';
import { displayRoot, isDirectory, resolveContentRoot } from '../src/lib/content/read-content-fs.ts';
import { reviewSchema } from '../src/schemas/index.ts';
import { parseCommandLine } from './lib/cli-args.ts';
import { fileRefusal } from './lib/out-folder.ts';

const USAGE = 'usage: npm run fields [-- --content <dir>] [--out <file>]';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): number {
  const args = parseCommandLine(argv, { strings: ['out', 'content'], positional: { max: 0 } }, USAGE);
  if (typeof args === 'number') return args;
  const out = args.strings.get('out');
  const content = args.strings.get('content');
  const refusal = out === undefined ? undefined : fileRefusal(out, { contentRoot: resolveContentRoot(content, process.env, REPO_ROOT), option: '--out' });
  if (refusal) {
    console.error(`${refusal}\n${USAGE}`);
    return 2;
  }
  const markdown = fieldReferenceMarkdown(undefined, declaredIn(content));
  if (out) {
    writeFileSync(out, `${markdown}\n`);
    console.log(`wrote ${out}`);
  } else {
    process.stdout.write(`${markdown}\n`);
  }
  return 0;
}

/** The review of the content root, for its declared characteristics; none when it cannot be read. */
function declaredIn(content: string | undefined): MarkdownOptions {
  const root = resolveContentRoot(content, process.env, REPO_ROOT);
  const label = displayRoot(root);
  if (!isDirectory(root)) {
    if (content !== undefined) console.error(`${label} is not a folder: the characteristics of its review are left out`);
    return {};
  }
  const file = path.join(root, 'review.yaml');
  // Only review.yaml is read: a review of thousands of trials need not be parsed for this.
  // (a link is not read: npm run check refuses it)
  const source = existsSync(file) && !lstatSync(file).isSymbolicLink() ? parseContentFile('review', `${label}/review.yaml`, 'review', readFileSync(file)).source : undefined;
  const parsed = source?.readable ? reviewSchema.safeParse(source.value) : undefined;
  if (!parsed?.success) {
    console.error(`${label}/review.yaml does not validate (npm run check says why): the characteristics it declares are left out`);
    return {};
  }
  return { review: parsed.data, reviewFile: `${label}/review.yaml` };
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run fields stopped on an internal error: ${detail.split('\n')[0]}. Please report it with the command you ran.`);
  process.exitCode = 3;
}
