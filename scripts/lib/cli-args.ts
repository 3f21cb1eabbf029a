/**
 * The one command-line parser of the scripts: positional arguments, `--name value` and
 * `--name=value` options (text, numbers or whole numbers) and `--flag` switches. Unknown options
 * and bad values are errors, so a typo is reported instead of silently ignored; every script
 * then prints what is wrong with its usage and exits 2 (parseCommandLine).
 */
import { printable } from '../../src/lib/stats/io/printable.ts';

export interface CliSpec {
  /** options that take a string value */
  readonly strings?: readonly string[];
  /** options that take a number */
  readonly numbers?: readonly string[];
  /** options that take a whole number of at least 1 */
  readonly counts?: readonly string[];
  /** switches without a value */
  readonly flags?: readonly string[];
  /** how many positional arguments the script takes (default: any number) */
  readonly positional?: { readonly min?: number; readonly max?: number };
}

export interface CliArgs {
  readonly positional: string[];
  readonly strings: Map<string, string>;
  readonly numbers: Map<string, number>;
  readonly flags: Set<string>;
}

/** Thrown for an unknown option or a missing or malformed value. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/**
 * Parses `argv` (without the node and script paths) against a spec. `--help` and `-h` are
 * always accepted (as the flag "help"); `--` ends the options, so a positional argument may
 * start with "-" after it.
 *
 * @example
 * parseCliArgs(['data.csv', '--method', 'DL', '--json'], { strings: ['method'], flags: ['json'] })
 * // { positional: ['data.csv'], strings: Map { 'method' => 'DL' }, flags: Set { 'json' }, … }
 */
export function parseCliArgs(argv: readonly string[], spec: CliSpec): CliArgs {
  const result: CliArgs = { positional: [], strings: new Map(), numbers: new Map(), flags: new Set() };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (optionsEnded || token === '-' || !token.startsWith('-')) {
      result.positional.push(token);
      continue;
    }
    if (token === '--') {
      optionsEnded = true;
      continue;
    }
    if (token === '-h' || token === '--help') {
      result.flags.add('help');
      continue;
    }
    if (!token.startsWith('--')) throw new CliError(`Unknown option '${printable(token)}'`);
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags?.includes(name)) {
      if (inline !== undefined) throw new CliError(`--${name} is a switch and takes no value`);
      result.flags.add(name);
      continue;
    }
    const isString = spec.strings?.includes(name) ?? false;
    const isCount = spec.counts?.includes(name) ?? false;
    const isNumber = isCount || (spec.numbers?.includes(name) ?? false);
    if (!isString && !isNumber) throw new CliError(`Unknown option '--${printable(name)}'`);
    // A value is the rest of `--name=value` or the next word, unless that word is an option.
    const next = argv[i + 1];
    const value = inline ?? (next === undefined || next.startsWith('--') ? undefined : argv[++i]);
    if (value === undefined || value.trim() === '') throw new CliError(`--${name} needs a value`);
    if (result.strings.has(name) || result.numbers.has(name)) throw new CliError(`--${name} is given twice`);
    if (isString) {
      result.strings.set(name, value);
      continue;
    }
    const number = /^\s*$/.test(value) ? NaN : Number(value);
    if (!Number.isFinite(number)) throw new CliError(`--${name} needs a number, got "${printable(value)}"`);
    if (isCount && !(Number.isSafeInteger(number) && number >= 1)) throw new CliError(`--${name} needs a whole number of at least 1, got "${printable(value)}"`);
    result.numbers.set(name, number);
  }
  const { min = 0, max = Infinity } = spec.positional ?? {};
  if (result.positional.length > max) {
    const extra = printable(result.positional[max]!);
    throw new CliError(max === 0 ? `unexpected argument "${extra}"` : `too many arguments: "${extra}" is one more than this command takes`);
  }
  if (result.positional.length < min && !result.flags.has('help')) throw new CliError('an argument is missing');
  return result;
}

/**
 * Parses a script's command line, or says why it cannot: on an error prints it with the usage
 * (stderr) and gives exit code 2; on --help prints the usage (stdout) and gives 0. Otherwise
 * gives the parsed arguments.
 *
 * @example
 * const args = parseCommandLine(process.argv.slice(2), { strings: ['content'] }, USAGE);
 * if (typeof args === 'number') process.exit(args);
 */
export function parseCommandLine(argv: readonly string[], spec: CliSpec, usage: string): CliArgs | number {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, spec);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (args.flags.has('help')) {
    console.log(usage);
    return 0;
  }
  return args;
}

/** The arguments, or the process ends with the exit code parseCommandLine gave. */
export function commandLineOrExit(argv: readonly string[], spec: CliSpec, usage: string): CliArgs {
  const args = parseCommandLine(argv, spec, usage);
  if (typeof args === 'number') process.exit(args);
  return args;
}
