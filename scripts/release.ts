/**
 * npm run release -- --date YYYY-MM-DD --cutoff YYYY-MM-DD [--search <id>] [--summary "..."]
 *                    [--content <dir>] [--citation <file>]
 *
 * Cuts the next release: appends it to content/review.yaml (comments and formatting kept),
 * checks the whole content again, and brings CITATION.cff (next to the content folder unless
 * --citation says otherwise) to the new version and date. Refuses, changing nothing, when the
 * dates are not after the last release's, when the release's search log is missing (it prints
 * a template to start from), or when the content would not validate with the release added.
 * Reports that name the coming release are expected: they validate once it exists.
 * Exit 0 released, 1 refused, 2 usage error.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

const USAGE =
  'usage: npm run release -- --date YYYY-MM-DD --cutoff YYYY-MM-DD [--search <id>] [--summary "..."] [--content <dir>] [--citation <file>]';
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

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
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

function main(argv: string[]): number {
  let values: { date?: string; cutoff?: string; search?: string; summary?: string; content?: string; citation?: string; help?: boolean };
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
  if (!values.date || !values.cutoff) {
    console.error(USAGE);
    return 2;
  }
  for (const [name, value] of [['--date', values.date], ['--cutoff', values.cutoff]] as const) {
    const parsed = dateSchema.safeParse(value);
    if (!parsed.success) return refuse(`${name} ${value}: ${parsed.error.issues[0]?.message ?? 'not a date'}`);
  }
  const { date, cutoff } = values;

  const root = resolveContentRoot(values.content, process.env, REPO_ROOT);
  if (!isDirectory(root)) return refuse(`There is no content folder at ${shown(root)}.`);
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
  const asText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));
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

  // ---- The content must validate with the release added, before anything is written ----
  const releaseEntry = { number, date, cutoff, search, ...(values.summary !== undefined ? { summary: values.summary } : {}) };
  const updated = appendRelease(original, releaseEntry);
  const proposed = parseContentFile('review', raw.review.file, 'review', new TextEncoder().encode(updated));
  const check = validateContent({ ...raw, review: proposed.source, problems: [...raw.problems, ...proposed.problems] });
  if (check.problems.length > 0) {
    return refuse(`${formatProblems(check.problems)}\n\nRelease ${number} was not added: fix the problems above (npm run check shows them too).`);
  }

  writeAtomic(reviewFile, updated);
  const after = validateContent(readContent(root, { label }));
  if (after.problems.length > 0 || !after.review) {
    writeAtomic(reviewFile, original);
    return refuse(`${formatProblems(after.problems)}\n\nRelease ${number} was rolled back: review.yaml is as it was.`);
  }

  // ---- CITATION.cff follows the latest release ----
  const citation = path.resolve(values.citation ?? path.join(path.dirname(root), 'CITATION.cff'));
  const toCommit = [reviewFile, searchFile];
  let citationNote = `No ${shown(citation)} was found, so no citation file was updated.`;
  if (existsSync(citation)) {
    writeAtomic(citation, updateCitation(readFileSync(citation, 'utf8'), { number, date }, after.review.data.title));
    citationNote = `${shown(citation)}: version ${number}, date-released ${date}.`;
    toCommit.push(citation);
  }

  console.log(
    [
      `Release ${number} added to ${shown(reviewFile)}: published ${date}, search cut-off ${cutoff}, search ${search}.`,
      citationNote,
      ...(values.summary === undefined ? ['No --summary was given: add a one-line summary to the release in review.yaml before publishing.'] : []),
      '',
      'Commit it:',
      `  git add ${toCommit.map(shown).join(' ')}`,
      `  git commit -m "Release ${number}${values.summary ? `: ${values.summary.replace(/"/g, "'")}` : `, search cut-off ${cutoff}`}"`,
      '',
    ].join('\n'),
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(main(process.argv.slice(2)));
}
