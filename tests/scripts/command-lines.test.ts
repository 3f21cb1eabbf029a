/**
 * Every script's command line goes through the one parser (scripts/lib/cli-args.ts): an unknown
 * option or a bad value is refused with the script's usage and exit 2, before anything is read
 * or written; `--name=value` works like `--name value`.
 */
import { describe, expect, test } from 'vitest';
import { CliError, parseCliArgs, parseCommandLine } from '../../scripts/lib/cli-args.ts';
import { runScript } from '../helpers/run-script.ts';

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m;

describe('every script refuses an unknown option with its usage and exit 2', () => {
  test.each([
    ['check.ts', 'usage: npm run check'],
    ['build.ts', 'usage: npm run build'],
    ['pool.ts', 'usage: npm run pool'],
    ['impact.ts', 'usage: npm run impact'],
    ['release.ts', 'usage: npm run release'],
    ['meta.ts', 'npm run meta -- data.csv'],
    ['new-trial.ts', 'usage: npm run new-trial'],
    ['new-review.ts', 'usage: npm run new-review'],
    ['field-reference.ts', 'usage: npm run fields'],
    ['synth.ts', 'usage: npm run synth'],
    ['bench.ts', 'usage: npm run bench'],
    ['bench-scale.ts', 'usage: npm run bench:scale'],
    ['page-weight.ts', 'usage: tsx scripts/page-weight.ts'],
    ['lock-platform-binaries.ts', 'usage: npm run lock:platforms'],
  ])('%s', (script, usage) => {
    const run = runScript(script, ['--contnet', 'x']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("Unknown option '--contnet'");
    expect(run.stderr).toContain(usage);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  // These two load a browser toolkit first (seconds): one case each.
  test.each([
    ['bench-web.ts', 'usage: npm run bench:web'],
    ['browser-tests.ts', 'usage: npm run test:browser'],
  ])('%s', (script, usage) => {
    const run = runScript(script, ['--runs', '0', '--contnet']);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(usage);
  });
});

describe('bad values are refused the same way', () => {
  test.each([
    ['impact.ts', [], '--base is missing'],
    ['impact.ts', ['--base'], '--base needs a value'],
    ['synth.ts', ['--trials', '0', '--out', '/tmp/never-written'], '--trials needs a whole number of at least 1, got "0"'],
    ['synth.ts', ['--trials=many', '--out=/tmp/never-written'], '--trials needs a number, got "many"'],
    ['synth.ts', ['--trials', '2'], '--out is missing'],
    ['bench-scale.ts', ['--sizes', '200,x'], '--sizes needs whole numbers'],
    ['build.ts', ['--out'], '--out needs a value'],
    ['build.ts', ['--out='], '--out needs a value'],
    ['build.ts', ['--out', 'a', '--out', 'b'], '--out is given twice'],
    ['build.ts', ['site'], 'unexpected argument "site"'],
    ['check.ts', ['--content', '--help'], '--content needs a value'],
    ['meta.ts', ['a.csv', '--level', 'high'], '--level needs a number, got "high"'],
    ['meta.ts', ['a.csv', 'b.csv'], 'too many arguments'],
    ['new-trial.ts', ['NCT01234567', 'NCT07654321'], 'too many arguments'],
    ['new-review.ts', ['a', 'b'], 'too many arguments'],
  ] as const)('%s %j', (script, args, message) => {
    const run = runScript(script, args);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/usage/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  test('an argument with escape sequences is printed with them escaped', () => {
    const run = runScript('check.ts', ['--\u001b[2Jx']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--\\x1b[2Jx'");
    expect(run.stderr).not.toContain('\u001b');
  });
});

describe('parseCliArgs', () => {
  const spec = { strings: ['out'], numbers: ['level'], counts: ['runs'], flags: ['json'], positional: { max: 1 } };

  test('takes --name=value like --name value, and -- ends the options', () => {
    const args = parseCliArgs(['--out=/tmp/x', '--level', '-0.5', '--runs=3', '--json', '--', '--file'], spec);
    expect([args.strings.get('out'), args.numbers.get('level'), args.numbers.get('runs'), args.flags.has('json'), args.positional]).toEqual([
      '/tmp/x',
      -0.5,
      3,
      true,
      ['--file'],
    ]);
  });

  test('refuses what it does not understand', () => {
    expect(() => parseCliArgs(['--json=yes'], spec)).toThrow(new CliError('--json is a switch and takes no value'));
    expect(() => parseCliArgs(['-x'], spec)).toThrow("Unknown option '-x'");
    expect(() => parseCliArgs(['--out', '--json'], spec)).toThrow('--out needs a value');
    expect(() => parseCliArgs(['--runs', '1.5'], spec)).toThrow('--runs needs a whole number of at least 1, got "1.5"');
    expect(() => parseCliArgs(['--level', ''], spec)).toThrow('--level needs a value');
    expect(() => parseCliArgs(['a', 'b'], spec)).toThrow('too many arguments: "b" is one more than this command takes');
  });

  test('parseCommandLine gives 2 on an error and 0 on --help, printing the usage', () => {
    const errors: string[] = [];
    const logs: string[] = [];
    const { error, log } = console;
    console.error = (text: string) => errors.push(text);
    console.log = (text: string) => logs.push(text);
    try {
      expect(parseCommandLine(['--nope'], spec, 'usage: x')).toBe(2);
      expect(parseCommandLine(['-h'], spec, 'usage: x')).toBe(0);
    } finally {
      console.error = error;
      console.log = log;
    }
    expect(errors).toEqual(["Unknown option '--nope'\nusage: x"]);
    expect(logs).toEqual(['usage: x']);
  });
});
