/**
 * The curator's preview (`npm run dev`, scripts/lib/dev-pool.ts): `astro dev` runs on a copy of
 * the good-content fixture; a saved trial moves the pooled estimate on its outcome's page, an
 * invalid save shows the curator's messages instead of the old numbers (the same text as
 * `npm run check`), and the next valid save brings the page back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatProblems } from '../../src/lib/content/format-problems.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'review-live-preview-'));
const root = path.join(dir, 'content');
const trialFile = path.join(root, 'trials/alpha-cel.md');
const PAGE = '/outcomes/borr/';
/** The trial's events of the outcome in its latest report, as the fixture has them. */
const EVENTS = 'borr: {events: 10, n: 20';

let server: ChildProcess | undefined;
let output = '';
let origin = '';

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function fetchPage(): Promise<{ status: number; body: string }> {
  const response = await fetch(`${origin}${PAGE}`, { headers: { accept: 'text/html' } });
  return { status: response.status, body: await response.text() };
}

/** Fetches the page until `done` holds (returning what it returns), or fails after `timeoutMs`. */
async function pollPage<T>(what: string, done: (page: { status: number; body: string }) => T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  let last = '';
  for (;;) {
    try {
      const page = await fetchPage();
      const value = done(page);
      if (value !== undefined) return value;
      last = `${page.status}: ${page.body.slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s; last answer ${last}\nastro dev printed:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The page's first pooled estimate, e.g. "44.7% (95% CI 27.4 to 62.8)". */
function estimate({ status, body }: { status: number; body: string }): string | undefined {
  if (status !== 200) return undefined;
  return /\d+(?:\.\d+)?% \(95% CI [^)]+\)/.exec(body)?.[0];
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

function editTrial(from: string, to: string): void {
  const text = readFileSync(trialFile, 'utf8');
  expect(text).toContain(from);
  writeFileSync(trialFile, text.replace(from, to));
}

beforeAll(async () => {
  cpSync(GOOD_CONTENT, root, { recursive: true });
  // Release 2 is the one in preparation here (not yet cut by npm run release): its trials may change.
  rmSync(path.join(root, 'releases/2.lock.json'), { force: true });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REVIEW_CONTENT: root,
    REVIEW_GENERATED: path.join(dir, 'generated/analyses.json'),
    ASTRO_CACHE_DIR: path.join(dir, 'astro-cache'),
    NO_COLOR: '1',
  };
  // As a curator's terminal runs it, not as the test runner's environment says.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST') delete env[name];
  delete env['REVIEW_BUILD_PID'];
  delete env['REVIEW_TRIALS_JSON'];
  delete env['REVIEW_TRIAL_NOTES_JSON'];
  // --ignore-lock: beside a curator's own `npm run dev` of this project (Astro allows one per
  // project otherwise). A process group of its own, so that afterAll ends the server and its pooling process together.
  server = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 10_000);

afterAll(async () => {
  if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killed = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
    if (!killed) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a saved trial re-pools the preview; an invalid save shows the curator\'s messages; the next valid save recovers', async () => {
  // Astro's start (and its first pooling) takes a few seconds, longer beside the rest of the suite.
  const before = await pollPage('the outcome page of the started preview', estimate, 40_000);

  editTrial(EVENTS, 'borr: {events: 2, n: 20');
  const after = await pollPage('the pooled estimate after the save', (page) => {
    const now = estimate(page);
    return now !== undefined && now !== before ? now : undefined;
  });
  expect(Number.parseFloat(after)).toBeLessThan(Number.parseFloat(before));

  // More events than patients: the page shows the problems, exactly as npm run check prints them.
  editTrial('borr: {events: 2, n: 20', 'borr: {events: 25, n: 20');
  const expected = formatProblems(validateContent(readContent(root)).problems);
  expect(expected).toMatch(/trials\/alpha-cel\.md:\d+ {2}reports\.1\.data\.lbcl-evaluable\.borr\.events {2}.*\n {2}fix: /);
  const shown = await pollPage('the curator\'s messages after the invalid save', ({ status, body }) =>
    status === 500 ? unescapeHtml(/<pre>([\s\S]*?)<\/pre>/.exec(body)?.[1] ?? '') : undefined,
  );
  expect(shown).toBe(expected);

  editTrial('borr: {events: 25, n: 20', 'borr: {events: 2, n: 20');
  const recovered = await pollPage('the outcome page after the content is valid again', estimate);
  expect(recovered).toBe(after);
}, 90_000);
