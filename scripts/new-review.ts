/**
 * npm run new-review -- <dir>
 *
 * Starts a review in a new folder: review.yaml with every field explained and TODO wherever the
 * curator must write a value, the search file of release 1 (searches/release-1.yaml), an
 * example chapter (chapters/introduction.mdx) and an empty trials/ folder. npm run check reports
 * every TODO, with what goes there, until it is replaced. Writes every file or none (the folder
 * is put together beside its place and moved there at once). Refuses a folder that exists and
 * is not empty. Exit 0 written, 1 refused, 2 usage error, 3 internal error.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './lib/cli-args.ts';
import { protectedPlaceRefusal, REPO_ROOT } from './lib/out-folder.ts';
import { displayRoot } from '../src/lib/content/read-content-fs.ts';
import { newReviewFiles } from '../src/lib/content/review-template.ts';
import { discard, stagingDirFor, swapInto } from './lib/atomic-dir.ts';

const USAGE = 'usage: npm run new-review -- <folder for the new review, e.g. my-review>';

function main(argv: string[]): number {
  const args = parseCommandLine(argv, { positional: { max: 1 } }, USAGE);
  if (typeof args === 'number') return args;
  const dir = args.positional[0]?.trim();
  if (!dir) {
    console.error(USAGE);
    return 2;
  }
  const target = path.resolve(dir);
  const shown = displayRoot(target);
  // Never the repository, the site's own content or a folder above them, even an empty one.
  const refusal = protectedPlaceRefusal(target, { contentRoot: path.join(REPO_ROOT, 'content'), option: 'the folder' });
  if (refusal) {
    console.error(`${refusal}\n${USAGE}`);
    return 1;
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) {
      console.error(`${shown} is a file: choose a folder name that is not taken\n${USAGE}`);
      return 1;
    }
    if (readdirSync(target).length > 0) {
      console.error(`${shown} is not empty: new-review writes only into a new or empty folder, so that nothing is overwritten\n${USAGE}`);
      return 1;
    }
  }

  const files = newReviewFiles();
  const staging = stagingDirFor(target);
  try {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(staging, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text, { flag: 'wx' });
    }
    swapInto(staging, target);
  } catch (error) {
    discard(staging);
    throw error;
  }

  const option = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
  console.log(`wrote ${shown}/: ${Object.keys(files).map((f) => (f.endsWith('/.gitkeep') ? f.slice(0, -'.gitkeep'.length) : f)).join(', ')}`);
  console.log(
    [
      'next:',
      `  1. fill in every TODO of ${shown}/review.yaml and ${shown}/searches/release-1.yaml; each field has a comment saying what goes there`,
      `  2. npm run check -- --content ${option}                  lists what is still left to fill`,
      `  3. npm run new-trial -- NCT01234567 --content ${option}  writes a trial file with every field explained`,
      `  4. REVIEW_CONTENT=${option} npm run build               builds the review's site`,
    ].join('\n'),
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run new-review stopped on an internal error: ${detail.split('\n')[0]}. Nothing was written. Please report it with the command you ran.`);
  process.exitCode = 3;
}
