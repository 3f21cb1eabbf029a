/**
 * npm run release -- --date YYYY-MM-DD --cutoff YYYY-MM-DD [--search <id>] [--summary "..."]
 *                    [--content <dir>] [--citation <CITATION.cff>]
 * npm run release -- --lock-existing [--content <dir>]
 *
 * Cuts the next release: appends it to review.yaml (comments and formatting kept), writes the
 * release's lock (`<content>/releases/<n>.lock.json`: the evidence set, the method, every
 * pooled number and the chapters as published; see src/lib/review/release-lock.ts) and brings
 * the review's CITATION.cff to the new version and date. The citation file stays with its
 * review: the repository's CITATION.cff for the repository's content/ folder, the review
 * folder's own CITATION.cff for any other (written when missing); --citation may only name
 * that file.
 *
 * Everything is checked before anything is written: the dates come after the last release's,
 * the release's search log exists (a template is printed when not), the content validates with
 * the release added, and the citation file is the review's own. The files are then staged
 * under temporary names and renamed into place together; on any failure the ones already
 * renamed are put back, so the content is as it was. Reports that name the coming release are
 * expected: they validate once it exists.
 *
 * --lock-existing writes the locks of releases already published from the content as it is
 * now, once, when a review adopts the rule that published releases do not change; it changes
 * nothing else. Releases cut afterwards are locked by this script as they are cut.
 *
 * --add-appraisal <n> [--certainty <file>] records an appraisal in the lock of release n, once,
 * when a review starts appraising its evidence after that release was published: the
 * risk-of-bias judgements of the trials it pooled, as the trial files give them now, and the
 * GRADE ratings of <file> (default: the content's certainty.yaml), checked as npm run check
 * checks certainty.yaml. A lock that holds an appraisal already is never changed.
 * Exit 0 released (or locked), 1 refused, 2 usage error.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { dateSchema, idSchema } from '../src/schemas/index.ts';
import { formatProblems } from '../src/lib/content/format-problems.ts';
import { parseContentFile } from '../src/lib/content/content-files.ts';
import { displayRoot, isDirectory, readContent, resolveContentRoot } from '../src/lib/content/read-content-fs.ts';
import { validateContent } from '../src/lib/content/validate-content.ts';
import { includedReportsUpTo } from '../src/lib/prisma/prisma-flow.ts';
import type { Review, Trial } from '../src/schemas/index.ts';
import { analyseRelease } from '../src/lib/review/analyse-release.ts';
import { buildLock, lockedAppraisal, lockPath, lockText, releaseLockSchema } from '../src/lib/review/release-lock.ts';
import { appraisalInputFromContent } from '../src/lib/appraisal/appraise-release.ts';
import type { CertaintyFile } from '../src/schemas/appraisal.ts';
import { readChapterSources } from '../src/lib/review/release-lock-fs.ts';

const USAGE =
  'usage: npm run release -- --date YYYY-MM-DD --cutoff YYYY-MM-DD [--search <id>] [--summary "..."] [--content <dir>] [--citation <CITATION.cff>]\n' +
  '       npm run release -- --lock-existing [--content <dir>]   (locks the releases already published, once)\n' +
  '       npm run release -- --add-appraisal <n> [--certainty <file>] [--content <dir>]   (adds the appraisal to a published release\'s lock, once)';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Flow lists are written as curators write them ([a, b]), so that only the new release changes.
const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

interface LastRelease {
  number: number;
  date: string;
  cutoff: string;
}

/** Where a path is shown to the user: relative to the working directory when inside it. */
const shown = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
};

/**
 * Writes every file or none: each is staged under a temporary name beside its target, then all
 * are renamed into place; when a step fails, the files already replaced get their previous
 * text back, new files are removed, and the error is thrown on.
 */
export function writeAll(files: readonly { file: string; text: string }[]): void {
  const staged: { file: string; tmp: string; previous: string | null }[] = [];
  const done: typeof staged = [];
  try {
    for (const { file, text } of files) {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      staged.push({ file, tmp, previous: existsSync(file) ? readFileSync(file, 'utf8') : null });
      writeFileSync(tmp, text);
    }
    for (const s of staged) {
      renameSync(s.tmp, s.file);
      done.push(s);
    }
  } catch (error) {
    for (const s of done.reverse()) {
      if (s.previous === null) rmSync(s.file, { force: true });
      else writeFileSync(s.file, s.previous);
    }
    throw error;
  } finally {
    for (const s of staged) rmSync(s.tmp, { force: true });
  }
}

/** A single-quoted shell word: nothing in it is expanded ($( ), backticks, quotes). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The CITATION.cff of the review at `root`: the repository's for the repository's content/
 * folder, the review folder's own for any other. `option` (--citation) may name only that
 * file; anything else is refused with the reason.
 */
export function citationFor(root: string, repoRoot: string, option?: string): { file: string } | { refused: string } {
  const own = path.resolve(root) === path.join(repoRoot, 'content') ? path.join(repoRoot, 'CITATION.cff') : path.join(path.resolve(root), 'CITATION.cff');
  if (option === undefined) return { file: own };
  const chosen = path.resolve(option);
  if (path.basename(chosen) !== 'CITATION.cff') return { refused: `--citation ${option}: only a file named CITATION.cff can be updated, never ${path.basename(chosen)}` };
  if (chosen !== own) return { refused: `--citation ${option}: the review's citation file is ${own}; a review keeps its own CITATION.cff` };
  return { file: own };
}

/** A new CITATION.cff for a review folder that has none: title, authors, version and date from review.yaml. */
export function newCitation(review: Pick<Review, 'title' | 'authors'>, release: { number: number; date: string }): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    '# How to cite this living review. npm run release keeps version and date-released at the latest release.',
    'cff-version: 1.2.0',
    'message: "If you use this living review or its data, please cite the release you used, as below."',
    'type: dataset',
    `title: ${q(review.title)}`,
    'authors:',
    ...review.authors.map((a) => `  - name: ${q(a)}`),
    `version: "${release.number}"`,
    `date-released: ${release.date}`,
    '',
  ].join('\n');
}

/** A template of the PRISMA counts of a new search, with the previous version's totals filled in. */
export function searchTemplate(release: number, cutoff: string, previous: { release: number; studies: number; reports: number }): string {
  return [
    `# PRISMA 2020 counts of the search behind release ${release}. Replace every 0 with the count`,
    '# from the search log; npm run check verifies the arithmetic box by box.',
    `release: ${release}`,
    `date: ${cutoff}             # the day the search was run (the release's cut-off)`,
    'description: >-',
    '  What was searched (databases, registers, other sources), when and how.',
    'databases: []                # - {name: MEDLINE, records: 120}',
    'registers: []                # - {name: ClinicalTrials.gov, records: 40}',
    'other_sources: []            # - {name: "Conference abstracts", records: 5}',
    'duplicates_removed: 0',
    'other_removed: 0',
    'records_screened: 0',
    'records_excluded: 0',
    'reports_sought: 0',
    'reports_not_retrieved: 0',
    'reports_assessed: 0',
    'reports_excluded: []         # - {reason: "No CAR", count: 1}',
    'new_studies_included: 0',
    'new_reports_included: 0',
    `previous_studies: ${previous.studies}          # studies included as of release ${previous.release}`,
    `previous_reports: ${previous.reports}          # their reports included as of release ${previous.release}`,
    '',
  ].join('\n');
}

/** review.yaml with `release` appended to its releases, comments and formatting untouched. */
export function appendRelease(
  text: string,
  release: { number: number; date: string; cutoff: string; search: string; summary?: string },
): string {
  const doc = parseDocument(text);
  const releases = doc.get('releases', true);
  if (!isSeq(releases)) throw new Error('review.yaml has no list of releases');
  const node = doc.createNode({ ...release });
  if (release.summary !== undefined && isMap(node)) {
    // Quoted like the other summaries, so a colon or a quote in it stays text.
    const summary = node.get('summary', true);
    if (isScalar(summary)) summary.type = 'QUOTE_DOUBLE';
  }
  releases.add(node);
  return doc.toString(YAML_OPTIONS);
}

/** Sets a scalar, keeping its quoting; adds it when missing. */
function setScalar(doc: Document, pathTo: (string | number)[], value: string | number): void {
  const existing = doc.getIn(pathTo, true);
  if (isScalar(existing)) existing.value = value;
  else doc.setIn(pathTo, value);
}

/** CITATION.cff brought to the release: version, date-released and title, also of the preferred citation. */
export function updateCitation(text: string, release: { number: number; date: string }, title: string): string {
  const doc = parseDocument(text);
  setScalar(doc, ['version'], String(release.number));
  setScalar(doc, ['date-released'], release.date);
  setScalar(doc, ['title'], title);
  if (isMap(doc.get('preferred-citation', true))) {
    setScalar(doc, ['preferred-citation', 'version'], String(release.number));
    setScalar(doc, ['preferred-citation', 'date-released'], release.date);
    setScalar(doc, ['preferred-citation', 'title'], title);
    if (doc.hasIn(['preferred-citation', 'year'])) setScalar(doc, ['preferred-citation', 'year'], Number(release.date.slice(0, 4)));
    if (doc.hasIn(['preferred-citation', 'month'])) setScalar(doc, ['preferred-citation', 'month'], Number(release.date.slice(5, 7)));
  }
  return doc.toString(YAML_OPTIONS);
}

function refuse(message: string): number {
  console.error(message);
  return 1;
}

const asText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/** The locks of `review`'s releases, pooled from `trials`, with the chapters as they are now. */
function locksOf(root: string, review: Review, trials: { slug: string; data: Trial }[], numbers: number[], certainty: CertaintyFile | undefined) {
  const chapters = readChapterSources(root);
  const appraisal = appraisalInputFromContent(review, trials, certainty);
  return numbers.map((number) => {
    const entry = review.releases.find((r) => r.number === number)!;
    return { file: path.join(root, lockPath(number)), text: lockText(buildLock(analyseRelease(review, trials, number, { robustness: false }), entry.search, chapters, appraisal)) };
  });
}

/** --add-appraisal: records today's judgements and the given ratings in the lock of a published release that has no appraisal. */
function addAppraisal(root: string, label: string, releaseText: string, certaintyOption: string | undefined): number {
  const number = Number(releaseText);
  if (!Number.isInteger(number) || number < 1) return refuse(`--add-appraisal ${releaseText}: give the number of a published release, e.g. --add-appraisal 1`);
  const lockFile = path.join(root, lockPath(number));
  if (!existsSync(lockFile)) return refuse(`Release ${number} has no lock (${shown(lockFile)}): only a published, locked release takes an appraisal this way; a release cut from now on is locked with its appraisal.`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(lockFile, 'utf8'));
  } catch {
    return refuse(`${shown(lockFile)} is not JSON a lock holds; nothing was changed.`);
  }
  const parsed = releaseLockSchema.safeParse(value);
  if (!parsed.success) return refuse(`${shown(lockFile)} is not a lock this script wrote; nothing was changed.`);
  if (parsed.data.appraisal) return refuse(`${shown(lockFile)} holds an appraisal already, and a published appraisal is never replaced; nothing was changed.`);
  const raw = readContent(root, { label });
  if (certaintyOption !== undefined) {
    const file = path.resolve(certaintyOption);
    if (!existsSync(file)) return refuse(`--certainty ${certaintyOption}: there is no such file; nothing was changed.`);
    const parsedFile = parseContentFile('certainty', shown(file), 'certainty', readFileSync(file));
    raw.certainty = parsedFile.source;
    raw.problems.push(...parsedFile.problems);
  }
  const checked = validateContent(raw);
  if (checked.problems.length > 0 || !checked.review) {
    return refuse(`${formatProblems(checked.problems)}\n\nNothing was changed: fix the problems above first.`);
  }
  const trials = checked.trials.map((t) => ({ slug: t.source.name, data: t.data }));
  const input = appraisalInputFromContent(checked.review.data, trials, checked.certainty?.data);
  const lock = { ...parsed.data, appraisal: lockedAppraisal(input, parsed.data.evidence.map((e) => e.trial)) };
  writeAll([{ file: lockFile, text: lockText(lock) }]);
  const rated = Object.keys(lock.appraisal.certainty.outcomes).length;
  console.log(
    [
      `${shown(lockFile)}: release ${number} now publishes its appraisal: ${lock.appraisal.tool ? `${Object.keys(lock.appraisal.trials).length} of ${lock.evidence.length} trials judged with ${lock.appraisal.tool.label}` : 'no risk-of-bias tool'}, GRADE ratings for ${rated} outcome${rated === 1 ? '' : 's'}.`,
      'Its pages show these from now on, whatever the trial files and certainty.yaml say later.',
      '',
      'Commit it:',
      `  git add ${shellQuote(shown(lockFile))}`,
      `  git commit -m ${shellQuote(`Release ${number}: record its risk-of-bias judgements and certainty ratings`)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** --lock-existing: writes the lock of every release that has none, from the content as it is. */
function lockExisting(root: string, label: string): number {
  const checked = validateContent(readContent(root, { label }));
  if (checked.problems.length > 0 || !checked.review) {
    return refuse(`${formatProblems(checked.problems)}\n\nNo lock was written: fix the problems above first (npm run check shows them too).`);
  }
  const review = checked.review.data;
  const missing = review.releases.map((r) => r.number).filter((n) => !existsSync(path.join(root, lockPath(n))));
  if (missing.length === 0) {
    console.log(`Every release of ${label} has its lock already; nothing was written.`);
    return 0;
  }
  const trials = checked.trials.map((t) => ({ slug: t.source.name, data: t.data }));
  const files = locksOf(root, review, trials, missing, checked.certainty?.data);
  writeAll(files);
  console.log(
    [
      `Locked release${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${label} as the content publishes ${missing.length === 1 ? 'it' : 'them'} now (chapters as they are today).`,
      'From now on npm run check refuses a change that alters a locked release, unless review.yaml records an erratum for it.',
      '',
      'Commit them:',
      `  git add ${files.map((f) => shown(f.file)).join(' ')}`,
      `  git commit -m ${shellQuote(`Lock the published release${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function main(argv: string[]): number {
  let values: {
    date?: string;
    cutoff?: string;
    search?: string;
    summary?: string;
    content?: string;
    citation?: string;
    'lock-existing'?: boolean;
    'add-appraisal'?: string;
    certainty?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        date: { type: 'string' },
        cutoff: { type: 'string' },
        search: { type: 'string' },
        summary: { type: 'string' },
        content: { type: 'string' },
        citation: { type: 'string' },
        'lock-existing': { type: 'boolean' },
        'add-appraisal': { type: 'string' },
        certainty: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = resolveContentRoot(values.content, process.env, REPO_ROOT);
  if (values['add-appraisal'] !== undefined) {
    if (values.date || values.cutoff || values.search || values.summary || values.citation || values['lock-existing']) {
      console.error(`--add-appraisal takes only --certainty and --content\n${USAGE}`);
      return 2;
    }
    if (!isDirectory(root)) return refuse(`There is no content folder at ${shown(root)}.`);
    return addAppraisal(root, displayRoot(root), values['add-appraisal'], values.certainty);
  }
  if (values.certainty !== undefined) {
    console.error(`--certainty goes with --add-appraisal\n${USAGE}`);
    return 2;
  }
  if (values['lock-existing']) {
    if (values.date || values.cutoff || values.search || values.summary || values.citation) {
      console.error(`--lock-existing takes only --content\n${USAGE}`);
      return 2;
    }
    if (!isDirectory(root)) return refuse(`There is no content folder at ${shown(root)}.`);
    return lockExisting(root, displayRoot(root));
  }
  if (!values.date || !values.cutoff) {
    console.error(USAGE);
    return 2;
  }
  for (const [name, value] of [['--date', values.date], ['--cutoff', values.cutoff]] as const) {
    const parsed = dateSchema.safeParse(value);
    if (!parsed.success) return refuse(`${name} ${value}: ${parsed.error.issues[0]?.message ?? 'not a date'}`);
  }
  const { date, cutoff } = values;

  if (!isDirectory(root)) return refuse(`There is no content folder at ${shown(root)}.`);
  // ---- The citation file must be the review's own, before anything else is read ----
  const citationChoice = citationFor(root, REPO_ROOT, values.citation);
  if ('refused' in citationChoice) return refuse(`${citationChoice.refused}\nNothing was changed.`);
  const citation = citationChoice.file;

  const label = displayRoot(root);
  const reviewFile = path.join(root, 'review.yaml');
  const raw = readContent(root, { label });
  if (!raw.review?.readable || !existsSync(reviewFile)) {
    return refuse(`${formatProblems(raw.problems)}\n\nThe release was not added: fix review.yaml first.`);
  }
  const original = readFileSync(reviewFile, 'utf8');

  // ---- The dates must come after the last release's ----
  const listed = (parseDocument(original).toJS() as { releases?: unknown }).releases;
  const releases = (Array.isArray(listed) ? listed : []) as Partial<LastRelease>[];
  const last = releases[releases.length - 1];
  const number = (typeof last?.number === 'number' ? last.number : releases.length) + 1;
  if (last) {
    const lastDate = asText(last.date);
    const lastCutoff = asText(last.cutoff);
    const wrong: string[] = [];
    if (date <= lastDate) wrong.push(`--date ${date} is not after ${lastDate}, the date of release ${last.number}`);
    if (cutoff <= lastCutoff) wrong.push(`--cutoff ${cutoff} is not after ${lastCutoff}, the search cut-off of release ${last.number}`);
    if (wrong.length > 0) return refuse(`Release ${number} was not added:\n${wrong.map((w) => `  - ${w}`).join('\n')}`);
  }
  if (cutoff > date) return refuse(`Release ${number} was not added: the search cut-off (${cutoff}) comes after the release date (${date}).`);

  // ---- Its search log must exist ----
  const search = values.search ?? `release-${number}`;
  if (!idSchema.safeParse(search).success) return refuse(`--search ${search}: use lower-case letters, digits, "-" or "_", as in release-${number}`);
  const searchFile = path.join(root, 'searches', `${search}.yaml`);
  if (!existsSync(searchFile)) {
    const validNow = validateContent(raw);
    const trials = validNow.trials.map((t) => ({ slug: t.source.name, data: t.data }));
    const previous = last && typeof last.number === 'number' ? includedReportsUpTo(trials, last.number) : [];
    const template = searchTemplate(number, cutoff, {
      release: number - 1,
      studies: new Set(previous.map((r) => r.trial)).size,
      reports: previous.length,
    });
    return refuse(
      `Release ${number} needs its search log, and ${shown(searchFile)} does not exist.\n` +
        `Create it with the PRISMA counts of the search, starting from this template, then run the command again:\n\n${template}`,
    );
  }
  const lockFile = path.join(root, lockPath(number));
  if (existsSync(lockFile)) return refuse(`Release ${number} was not added: ${shown(lockFile)} exists already, and a published release is never locked twice.`);

  // ---- The content must validate with the release added, before anything is written ----
  const releaseEntry = { number, date, cutoff, search, ...(values.summary !== undefined ? { summary: values.summary } : {}) };
  const updated = appendRelease(original, releaseEntry);
  const proposed = parseContentFile('review', raw.review.file, 'review', new TextEncoder().encode(updated));
  const check = validateContent({ ...raw, review: proposed.source, problems: [...raw.problems, ...proposed.problems] });
  if (check.problems.length > 0 || !check.review) {
    return refuse(`${formatProblems(check.problems)}\n\nRelease ${number} was not added: fix the problems above (npm run check shows them too).`);
  }
  const review = check.review.data;

  // ---- Everything to write, worked out in memory ----
  const trials = check.trials.map((t) => ({ slug: t.source.name, data: t.data }));
  const files: { file: string; text: string }[] = [{ file: reviewFile, text: updated }, ...locksOf(root, review, trials, [number], check.certainty?.data)];
  let citationNote: string;
  try {
    const text = existsSync(citation) ? updateCitation(readFileSync(citation, 'utf8'), { number, date }, review.title) : newCitation(review, { number, date });
    citationNote = `${shown(citation)}: version ${number}, date-released ${date}${existsSync(citation) ? '' : ' (written: the review had no citation file)'}.`;
    files.push({ file: citation, text });
  } catch (error) {
    return refuse(`${shown(citation)} could not be read as YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).\nRelease ${number} was not added: fix the citation file first.`);
  }

  try {
    writeAll(files);
  } catch (error) {
    return refuse(`Release ${number} was not added: writing failed (${error instanceof Error ? error.message : String(error)}); every file is as it was.`);
  }

  const toCommit = [reviewFile, searchFile, lockFile, citation];
  const message = `Release ${number}${values.summary ? `: ${values.summary}` : `, search cut-off ${cutoff}`}`;
  console.log(
    [
      `Release ${number} added to ${shown(reviewFile)}: published ${date}, search cut-off ${cutoff}, search ${search}.`,
      `${shown(lockFile)}: what release ${number} publishes (evidence, method, pooled numbers, chapters, risk-of-bias judgements and certainty ratings); npm run check keeps it that way.`,
      citationNote,
      ...(values.summary === undefined ? ['No --summary was given: add a one-line summary to the release in review.yaml before publishing.'] : []),
      '',
      'Commit it:',
      `  git add ${toCommit.map((f) => shellQuote(shown(f))).join(' ')}`,
      `  git commit -m ${shellQuote(message)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(main(process.argv.slice(2)));
}
