/**
 * A small command-line parser for the scripts: positional arguments, `--name value`
 * options (strings or numbers) and `--flag` switches. Unknown options are errors, so a
 * typo is reported instead of silently ignored.
 */
export interface CliSpec {
  /** options that take a string value */
  readonly strings?: readonly string[];
  /** options that take a number */
  readonly numbers?: readonly string[];
  /** switches without a value */
  readonly flags?: readonly string[];
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
 * Parses `argv` (without the node and script paths) against a spec.
 *
 * @example
 * parseCliArgs(['data.csv', '--method', 'DL', '--json'], { strings: ['method'], flags: ['json'] })
 * // { positional: ['data.csv'], strings: Map { 'method' => 'DL' }, flags: Set { 'json' }, … }
 */
export function parseCliArgs(argv: readonly string[], spec: CliSpec): CliArgs {
  const result: CliArgs = { positional: [], strings: new Map(), numbers: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--')) {
      result.positional.push(token);
      continue;
    }
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags?.includes(name)) {
      result.flags.add(name);
      continue;
    }
    const isString = spec.strings?.includes(name) ?? false;
    const isNumber = spec.numbers?.includes(name) ?? false;
    if (!isString && !isNumber) throw new CliError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value`);
    if (isString) {
      result.strings.set(name, value);
    } else {
      const number = Number(value);
      if (!Number.isFinite(number)) throw new CliError(`--${name} needs a number, got "${value}"`);
      result.numbers.set(name, number);
    }
  }
  return result;
}

/**
 * Runs a script's own parse of its command line (node:util parseArgs with a `help` switch): on
 * an error prints it with the usage and gives exit code 2, on --help prints the usage and gives
 * 0; otherwise gives what the parse returned.
 */
export function parsedOrExitCode<T extends { values: { help?: boolean | undefined } }>(parse: () => T, usage: string): T | number {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}
