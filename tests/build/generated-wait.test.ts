/**
 * npm run build starts Astro while it pools: the pages wait for the pooled results
 * (readGeneratedWhenWritten) and must never read a half-written file or an earlier build's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
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
