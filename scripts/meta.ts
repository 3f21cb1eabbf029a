/**
 * npm run meta -- data.csv --transform PAS --method REML [--ci hk] [--by column] [--json]
 * npm run --silent meta -- --batch < cases.jsonl > results.jsonl
 *
 * Pools the proportions of a CSV file (study,events,n[,other columns]) and prints a table,
 * or the result object with --json. With --batch it reads one JSON case per line on stdin
 * and writes one JSON line per case (a refused case becomes {"id", "error"} and the batch
 * goes on). Parsing and printing only: the analysis is src/lib/stats.
 */
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import {
  batchCase,
  CI_METHODS,
  CORRECTION_TARGETS,
  metaProportions,
  GLMM_FALLBACKS,
  GLMM_METHODS,
  MODEL_METHODS,
  PFT_BACK_TRANSFORMS,
  PREDICTION_INTERVALS,
  StatsInputError,
  STUDY_INTERVALS,
  SUBGROUP_TESTS,
  TRANSFORMS,
  type MetaProportionsInput,
} from '../src/lib/stats/index.ts';
import { StudiesCsvReader, type CsvStudiesWithLines } from '../src/lib/stats/io/parse-studies-csv.ts';
import { resultTableLines } from '../src/lib/stats/io/format-result-table.ts';
import { prettyJsonChunks } from '../src/lib/stats/io/pretty-json.ts';
import { ioMessages } from '../src/lib/stats/io/io-messages.ts';
import { jsonSafe, printable } from '../src/lib/stats/io/printable.ts';
import { CliError, parseCommandLine, type CliArgs } from './lib/cli-args.ts';
import { LineSplitter } from './lib/line-splitter.ts';

const USAGE = `usage:
  npm run meta -- data.csv --transform ${TRANSFORMS.join('|')} --method ${MODEL_METHODS.join('|')} [options]
  npm run meta -- data.csv --transform PLO --method ${GLMM_METHODS.join('|')} [options]
  npm run --silent meta -- --batch < cases.jsonl

methods ${GLMM_METHODS.join(', ')}: binomial models of the counts (metafor rma.glmm): random-intercept
  logistic model by ML, or its common-effect version; they need --transform PLO, and --ci hk
  means a t distribution on k - 1 df (hk-adhoc is not available)

options:
  --ci ${CI_METHODS.join('|')}               interval of the pooled estimate (default z)
  --by COLUMN              subgroups from a CSV column
  --subgroup-test ${SUBGROUP_TESTS.join('|')}   test between subgroups (default separate)
  --interval ${STUDY_INTERVALS.join('|')}   study intervals (default clopper-pearson)
  --back ${PFT_BACK_TRANSFORMS.join('|')}             PFT back-transform (default miller)
  --prediction ${PREDICTION_INTERVALS.join('|')}   critical value of the prediction interval (default ci)
  --glmm-fallback ${GLMM_FALLBACKS.join('|')}   GLMM whose tau² cannot be estimated (default none: as metafor)
  --correction NUMBER      continuity correction (default 0.5 for PLO and PRAW, 0 otherwise)
  --correction-to ${CORRECTION_TARGETS.join('|')}   studies that receive it (default only0)
  --level NUMBER           confidence level (default 0.95)
  --json                   print the result object instead of the table
  --batch                  JSON Lines in (stdin), JSON Lines out (stdout)`;

/** A file error: printed as one line, never as a stack trace. */
class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

/** Writes text to stdout, waiting when the reader is slower than the writing (bounded memory). */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

/** Writes pieces of text to stdout in blocks of about 64 kB. */
async function writeAll(pieces: Iterable<string>, separator = ''): Promise<void> {
  let block = '';
  let first = true;
  for (const piece of pieces) {
    block += first ? piece : separator + piece;
    first = false;
    if (block.length >= 1 << 16) {
      await write(block);
      block = '';
    }
  }
  await write(block);
}

/**
 * Whether the text may hold a number that is not a whole number written as digits within
 * 2^53 − 1: a fraction or an exponent right after a digit, a minus sign before one, or 16 digits
 * in a row. It may also be true for text inside a string (an id "x-1"), which only sends the
 * line to the slower exact check. Three simple searches: one regular expression with the three
 * alternatives takes four times as long.
 */
function mayHoldInexactNumber(line: string): boolean {
  return /\d[.eE]/.test(line) || (line.includes('-') && /-\d/.test(line)) || /\d{16}/.test(line);
}

/**
 * The counts of a batch case that JSON.parse would change or accept without their being whole
 * numbers as written: a fraction, an exponent, a sign or more digits than a number holds exactly
 * (beyond 2^53 − 1, where 9007199254740993 would be read as ...992). Found from the numbers'
 * own text (the reviver's source), before any rounding. A reviver makes JSON.parse several
 * times slower, so a line whose text holds no such number (mayHoldInexactNumber) is parsed without it:
 * the reviver could not refuse anything there and returns every value as it is.
 */
function parseCase(line: string, lineNumber: number): unknown {
  if (!mayHoldInexactNumber(line)) return JSON.parse(line);
  const inexact = new WeakMap<object, string>();
  return JSON.parse(line, function (this: unknown, key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === 'number' && Array.isArray(this)) {
      const source = context?.source ?? String(value);
      if ((!/^\d+$/.test(source) || !Number.isSafeInteger(value)) && !inexact.has(this)) inexact.set(this, source);
    }
    if ((key === 'events' || key === 'n') && Array.isArray(value) && inexact.has(value)) {
      const holder = this as { [name: string]: unknown } | null;
      if (holder && !Array.isArray(holder)) throw new StatsInputError(ioMessages.batchBadCount(lineNumber, key, printable(inexact.get(value)!.slice(0, 40))));
    }
    return value;
  });
}

/** The JSON line (without its newline) answering one line of batch input. */
function batchAnswer(line: string, lineNumber: number): string {
  let value: unknown;
  try {
    value = parseCase(line, lineNumber);
  } catch (error) {
    const id = idOf(line);
    const message = error instanceof StatsInputError ? error.message : ioMessages.notJson(lineNumber);
    return JSON.stringify({ id, error: message });
  }
  const record = batchCase(value);
  // An error names the line of its case; a result is printed as the engine gives it.
  const out = 'error' in record ? { id: record.id, error: `line ${lineNumber}: ${record.error}` } : record;
  return JSON.stringify(out);
}

/**
 * The batch loop: reads stdin in pieces, answers every complete line of a piece and writes the
 * answers of that piece in one block (so a case typed or piped in alone is answered at once,
 * and a file costs one write per 64 kB rather than one per line). Lines are split as readline
 * splits them (LineSplitter); blank lines are skipped but counted in the line numbers.
 */
async function runBatch(): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter();
  let lineNumber = 0;
  const answer = async (lines: readonly string[]): Promise<void> => {
    let block = '';
    for (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      block += `${batchAnswer(line, lineNumber)}\n`;
    }
    // jsonSafe escapes character by character: once per block is the same as once per line
    if (block !== '') await write(jsonSafe(block));
  };
  for await (const chunk of process.stdin) await answer(splitter.push(decoder.write(chunk as Buffer)));
  // as readline: bytes of an unfinished character at the very end are dropped
  await answer(splitter.end());
}

/** The id of a case whose counts were refused, if its line is JSON at all. */
function idOf(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? ((value as { id?: unknown }).id ?? null) : null;
  } catch {
    return null;
  }
}

/** Reads a CSV file piece by piece (never whole), refusing what is not a file. */
async function readStudies(file: string): Promise<CsvStudiesWithLines> {
  const shown = JSON.stringify(printable(file));
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new InputFileError(code === 'ENOENT' ? ioMessages.notFound(shown) : ioMessages.unreadable(shown, code));
  }
  if (stat.isDirectory()) throw new InputFileError(ioMessages.isFolder(shown));
  if (!stat.isFile()) throw new InputFileError(ioMessages.notAFile(shown));
  const reader = new StudiesCsvReader();
  try {
    // bytes, not text: the CSV parser decodes each field as UTF-8 (a character split between pieces included)
    for await (const piece of createReadStream(file, { highWaterMark: 1 << 16 })) reader.push(piece as Buffer);
  } catch (error) {
    if (error instanceof StatsInputError) throw error;
    throw new InputFileError(ioMessages.unreadable(shown, (error as { code?: string }).code ?? String(error)));
  }
  return reader.end();
}

/** An engine message about "study N" with the line of that study's row put first. */
function withLine(message: string, lines: readonly number[]): string {
  const match = /^study (\d+): (.*)$/s.exec(message);
  const line = match ? lines[Number(match[1]) - 1] : undefined;
  return match && line !== undefined ? ioMessages.atLine(line, Number(match[1]), match[2]!) : message;
}

async function runFile(args: CliArgs): Promise<void> {
  const [file] = args.positional;
  if (file === undefined) throw new CliError('give exactly one CSV file (or --batch)');
  // Said before a long file is read: there is no default model, the analysis names its own.
  if (!args.strings.has('transform')) throw new CliError(`give --transform (${TRANSFORMS.join(', ')})`);
  if (!args.strings.has('method')) throw new CliError(`give --method (${[...MODEL_METHODS, ...GLMM_METHODS].join(', ')})`);
  const studies = await readStudies(file);
  const by = args.strings.get('by');
  let groups: string[] | undefined;
  if (by !== undefined) {
    const column = Object.keys(studies.columns).find((name) => name.toLowerCase() === by.toLowerCase());
    if (column === undefined) {
      const columns = Object.keys(studies.columns).map((name) => printable(name)).join(', ') || 'none';
      throw new CliError(`no column "${printable(by)}" in ${printable(file)} (columns: ${columns})`);
    }
    groups = studies.columns[column];
  }
  const option = (name: string): string | undefined => args.strings.get(name);
  const input = {
    events: studies.events,
    n: studies.n,
    labels: studies.labels,
    groups,
    transform: option('transform'),
    method: option('method'),
    ci: option('ci'),
    predictionInterval: option('prediction'),
    glmmFallback: option('glmm-fallback'),
    subgroupTest: option('subgroup-test'),
    studyInterval: option('interval'),
    backTransform: option('back'),
    correction: option('correction-to') === undefined
      ? args.numbers.get('correction')
      : { add: args.numbers.get('correction'), to: option('correction-to') },
    level: args.numbers.get('level'),
  } as MetaProportionsInput;
  let result;
  try {
    result = metaProportions(input);
  } catch (error) {
    if (error instanceof StatsInputError) throw new StatsInputError(withLine(error.message, studies.lines));
    throw error;
  }
  if (args.flags.has('json')) await writeAll(prettyJsonChunks(result));
  else await writeAll(resultTableLines(result), '\n');
  await write('\n');
}

const args = parseCommandLine(
  process.argv.slice(2),
  {
    strings: ['transform', 'method', 'ci', 'by', 'subgroup-test', 'interval', 'back', 'prediction', 'correction-to', 'glmm-fallback'],
    numbers: ['correction', 'level'],
    flags: ['json', 'batch'],
    positional: { max: 1 },
  },
  USAGE,
);
if (typeof args === 'number') process.exit(args);
try {
  if (args.flags.has('batch')) {
    if (args.positional.length > 0) throw new CliError('--batch reads its cases from stdin: give no file');
    await runBatch();
  } else await runFile(args);
} catch (error) {
  if (error instanceof CliError) {
    console.error(`meta: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof StatsInputError || error instanceof InputFileError) {
    console.error(`meta: ${printable(error.message)}`);
    process.exit(1);
  }
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`meta stopped on an internal error: ${printable(detail.split('\n')[0]!)}. Please report it with the command you ran.`);
  process.exit(3);
}
