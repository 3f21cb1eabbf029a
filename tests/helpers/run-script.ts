/**
 * Runs one of the command-line scripts the way npm does: with the Node that runs the tests
 * (the project's Node 24) and tsx's command line, from the repository root.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './content-fixture.ts';

const TSX_CLI = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runScript(script: string, args: readonly string[], env: Record<string, string | undefined> = {}): ScriptRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [TSX_CLI, path.join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, REVIEW_CONTENT: undefined, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}
