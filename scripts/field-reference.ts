/**
 * npm run fields [-- --out <file>]
 *
 * Prints the reference of every field of every content file (generated from the schemas) as
 * Markdown, or writes it to a file with --out.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fieldReferenceMarkdown } from '../src/lib/content/field-reference.ts';

const USAGE = 'usage: npm run fields [-- --out <file>]';

function main(argv: string[]): number {
  let values: { out?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const markdown = fieldReferenceMarkdown();
  if (values.out) {
    writeFileSync(values.out, `${markdown}\n`);
    console.log(`wrote ${values.out}`);
  } else {
    process.stdout.write(`${markdown}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run fields stopped on an internal error: ${detail.split('\n')[0]}. Please report it with the command you ran.`);
  process.exitCode = 3;
}
