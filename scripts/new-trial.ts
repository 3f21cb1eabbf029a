/**
 * npm run new-trial -- NCT01234567 [--slug smith-2024] [--content <dir>]
 * npm run new-trial -- --slug smith-2024 [--content <dir>]   (a study without a registration)
 *
 * Writes content/trials/<slug>.md with every field of the trial schema, each explained, and
 * what review.yaml declares filled in: one line per study characteristic, one cohort per
 * population, the outcome ids and the releases; TODO wherever the curator must write a value
 * (npm run check reports each TODO until it is replaced). A study without a registration needs
 * --slug, and only a review whose studies.registration is optional accepts one. Refuses when
 * the registration already has a trial file or the file exists. Exit 0 written, 1 refused,
 * 2 usage error, 3 internal error.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './lib/cli-args.ts';
import { idSchema, registrationSchema, reviewSchema } from '../src/schemas/index.ts';
import { formatProblems } from '../src/lib/content/format-problems.ts';
import { displayRoot, isDirectory, readContent, resolveContentRoot } from '../src/lib/content/read-content-fs.ts';
import { registrationsOf } from '../src/lib/content/rules/check-registrations.ts';
import { trialTemplate } from '../src/lib/content/trial-template.ts';
import { validateContent } from '../src/lib/content/validate-content.ts';
import { messages } from '../src/lib/content/messages.ts';

const USAGE = 'usage: npm run new-trial -- <registration, e.g. NCT01234567> [--slug <file name>] [--content <dir>]\n       npm run new-trial -- --slug <file name> [--content <dir>]   (a study without a registration)';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): number {
  const args = parseCommandLine(argv, { strings: ['slug', 'content'], positional: { max: 1 } }, USAGE);
  if (typeof args === 'number') return args;
  const values = { slug: args.strings.get('slug'), content: args.strings.get('content') };
  const registration = args.positional[0]?.trim() || undefined;
  if (!registration && !values.slug?.trim()) {
    console.error(USAGE);
    return 2;
  }
  if (registration) {
    const format = registrationSchema.safeParse(registration);
    if (!format.success) {
      console.error(`"${registration}" is ${format.error.issues[0]?.message ?? 'not a registration number'}\n${USAGE}`);
      return 2;
    }
  }
  const slug = values.slug?.trim() || registration!.toLowerCase();
  if (!idSchema.safeParse(slug).success) {
    console.error(
      `"${slug}" cannot be a trial file name: ${values.slug ? '' : 'choose one with --slug; '}use lower-case letters, digits, "-" or "_", starting with a letter\n${USAGE}`,
    );
    return 2;
  }
  const root = resolveContentRoot(values.content, process.env, REPO_ROOT);
  const label = displayRoot(root);
  if (!isDirectory(root)) {
    const { message, fix } = messages.contentRootMissing(label);
    console.error(`${message}\n  fix: ${fix}\n${USAGE}`);
    return 2;
  }

  const raw = readContent(root, { label });
  const target = path.join(root, 'trials', `${slug}.md`);
  const shown = `${label}/trials/${slug}.md`;
  for (const trial of raw.trials) {
    const listed =
      registration !== undefined &&
      (trial.readable
        ? registrationsOf(trial.value).some(([, r]) => r === registration)
        : fileMentions(path.join(root, 'trials', `${trial.name}.md`), registration));
    if (listed) {
      console.error(`${registration} already has a trial file: ${trial.file}\n  add the new report to that file instead (see "Update a trial" in the README)`);
      return 1;
    }
  }
  if (existsSync(target)) {
    console.error(`${shown} already exists: choose another file name with --slug, or edit that file`);
    return 1;
  }
  const review = raw.review?.readable ? reviewSchema.safeParse(raw.review.value) : undefined;
  if (!review?.success) {
    const reviewProblems = validateContent({ ...raw, trials: [], searches: [], registry: [] }).problems.filter((p) => p.file.endsWith('review.yaml'));
    console.error(`new-trial takes the characteristics, populations, outcomes and releases from review.yaml, which has problems:\n\n${formatProblems(reviewProblems)}`);
    return 1;
  }
  if (!registration && review.data.studies.registration === 'required') {
    console.error(`review.yaml requires a registration for every study (studies.registration: required): give it first\n${USAGE}`);
    return 2;
  }

  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, trialTemplate({ registration, review: review.data }), { flag: 'wx' });
  console.log(`wrote ${shown}`);
  for (const entry of registration ? raw.registry : []) {
    if ((entry.value as { registration?: unknown } | undefined)?.registration === registration) {
      console.log(`${entry.file} registers ${registration}: once the trial file is filled in, add "trial: ${slug}" there`);
    }
  }
  console.log(`next: open it, replace every TODO (each field has a comment saying what goes there), then run npm run check`);
  return 0;
}

/** For a trial file that cannot be parsed: does its text mention the registration at all? */
function fileMentions(file: string, registration: string): boolean {
  try {
    // a link is not the curator's file: it is never read (read-content-fs.ts refuses it too)
    if (lstatSync(file).isSymbolicLink()) return false;
    return new RegExp(`\\b${registration.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(readFileSync(file, 'utf8').split(/\n---/)[0] ?? '');
  } catch {
    return false;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run new-trial stopped on an internal error: ${detail.split('\n')[0]}. Please report it with the command you ran.`);
  process.exitCode = 3;
}
