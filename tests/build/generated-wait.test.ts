/**
 * npm run build starts Astro while it reads and pools: the pages wait for the pooled results
 * (readGeneratedWhenWritten) and must never read a half-written file or an earlier build's; and
 * Astro must not outlive a build that was stopped, waiting for files that will never come.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';
import { readGeneratedWhenWritten, removeGenerated, writeGenerated } from '../../scripts/lib/generated-json.ts';
import type { GeneratedAnalyses } from '../../src/lib/review/analyses-types.ts';
import { tempFolders } from './site-files.ts';

const temp = tempFolders('generated-wait-');
afterAll(temp.remove);
const data = (latest: number) => ({ review: 'r', latest, releases: [], changes: [] }) as unknown as GeneratedAnalyses;

test('waits until the results and their index are written, then reads them', async () => {
  const file = path.join(temp.make(), 'analyses.json');
  writeGenerated(file, data(1));
  removeGenerated(file);
  // a file without its index (being written, or left by a crash) is not read
  writeFileSync(file, JSON.stringify(data(7)));
  const read = readGeneratedWhenWritten(file, 5_000);
  setTimeout(() => writeGenerated(file, data(2)), 300);
  expect((await read).latest).toBe(2);
});

test('gives up with a message naming the file when nothing is written in time', async () => {
  const file = path.join(temp.make(), 'analyses.json');
  await expect(readGeneratedWhenWritten(file, 200)).rejects.toThrow(`the pooled results ${file} were not written within 0.2 s`);
});

/** Processes whose command line contains `text`, with their parent (Linux /proc). */
function processesWith(text: string): { pid: number; ppid: number }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) return [];
        return [{ pid: Number(name), ppid: Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]) }];
      } catch {
        return []; // ended while we looked
      }
    });
}

async function until<T>(value: () => T | undefined, ms: number): Promise<T | undefined> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const v = value();
    if (v !== undefined) return v;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

test.runIf(existsSync('/proc/self/status'))('Astro ends soon after the build that started it is killed', async () => {
  const parent = temp.make();
  const build = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/build.ts'), '--out', path.join(parent, 'site')], {
    cwd: REPO_ROOT,
    env: { ...process.env, REVIEW_CONTENT: GOOD_CONTENT },
    stdio: 'ignore',
  });
  try {
    // Astro builds into a staging folder beside the output; its parent is the build script.
    const astro = await until(() => processesWith(`${parent}/.site-staging-`).find((p) => p.ppid > 1), 20_000);
    expect(astro, 'Astro started').toBeDefined();
    process.kill(astro!.ppid, 'SIGKILL');
    const gone = await until(() => (processesWith(`${parent}/.site-staging-`).some((p) => p.pid === astro!.pid) ? undefined : true), 10_000);
    expect(gone, 'Astro ended within 10 s').toBe(true);
  } finally {
    build.kill('SIGKILL');
  }
}, 40_000);
