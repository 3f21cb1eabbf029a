/**
 * npm run meta -- data.csv --transform PAS --method REML [--ci hk] [--by column] [--json]
 * npm run --silent meta -- --batch < cases.jsonl > results.jsonl
 *
 * Pools the proportions of a CSV file (study,events,n[,other columns]) and prints a table,
 * or the result object with --json. With --batch it reads one JSON case per line on stdin
 * and writes one JSON line per case (a refused case becomes {"id", "error"} and the batch
 * goes on). Parsing and printing only: the analysis is src/lib/stats.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  batchCase,
  CI_METHODS,
  formatResultTable,
  metaProportions,
  MODEL_METHODS,
  parseStudiesCsv,
  PFT_BACK_TRANSFORMS,
  StatsInputError,
  STUDY_INTERVALS,
  SUBGROUP_TESTS,
  TRANSFORMS,
  type MetaProportionsInput,
} from '../src/lib/stats/index.ts';
import { CliError, parseCliArgs } from './lib/cli-args.ts';

const USAGE = `usage:
  npm run meta -- data.csv --transform ${TRANSFORMS.join('|')} --method ${MODEL_METHODS.join('|')} [options]
  npm run --silent meta -- --batch < cases.jsonl

options:
  --ci ${CI_METHODS.join('|')}               interval of the pooled estimate (default z)
  --by COLUMN              subgroups from a CSV column
  --subgroup-test ${SUBGROUP_TESTS.join('|')}   test between subgroups (default separate)
  --interval ${STUDY_INTERVALS.join('|')}   study intervals (default clopper-pearson)
  --back ${PFT_BACK_TRANSFORMS.join('|')}             PFT back-transform (default miller)
  --correction NUMBER      continuity correction (default 0.5 for PLO and PRAW, 0 otherwise)
  --level NUMBER           confidence level (default 0.95)
  --json                   print the result object instead of the table
  --batch                  JSON Lines in (stdin), JSON Lines out (stdout)`;

async function runBatch(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      process.stdout.write(`${JSON.stringify({ id: null, error: 'line is not valid JSON' })}\n`);
      continue;
    }
    process.stdout.write(`${JSON.stringify(batchCase(value))}\n`);
  }
}

function runFile(args: ReturnType<typeof parseCliArgs>): void {
  const [file, ...rest] = args.positional;
  if (file === undefined || rest.length > 0) throw new CliError('give exactly one CSV file (or --batch)');
  const studies = parseStudiesCsv(readFileSync(file, 'utf8'));
  const by = args.strings.get('by');
  let groups: string[] | undefined;
  if (by !== undefined) {
    const column = Object.keys(studies.columns).find((name) => name.toLowerCase() === by.toLowerCase());
    if (column === undefined) throw new CliError(`no column "${by}" in ${file} (columns: ${Object.keys(studies.columns).join(', ') || 'none'})`);
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
    subgroupTest: option('subgroup-test'),
    studyInterval: option('interval'),
    backTransform: option('back'),
    correction: args.numbers.get('correction'),
    level: args.numbers.get('level'),
  } as MetaProportionsInput;
  const result = metaProportions(input);
  console.log(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatResultTable(result));
}

try {
  const args = parseCliArgs(process.argv.slice(2), {
    strings: ['transform', 'method', 'ci', 'by', 'subgroup-test', 'interval', 'back'],
    numbers: ['correction', 'level'],
    flags: ['json', 'batch', 'help'],
  });
  if (args.flags.has('help')) console.log(USAGE);
  else if (args.flags.has('batch')) await runBatch();
  else runFile(args);
} catch (error) {
  if (error instanceof StatsInputError || error instanceof CliError) {
    console.error(`meta: ${error.message}`);
    if (error instanceof CliError) console.error(USAGE);
    process.exit(1);
  }
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
    console.error(`meta: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
