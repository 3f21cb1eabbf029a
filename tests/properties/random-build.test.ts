/**
 * One randomly generated content root (tests/properties/arbitrary-content.ts) through a real
 * `npm run build -- --out <dir>`: what passes the checks also builds. One root only, because a
 * build takes seconds; the seed is printed when it fails (FC_SEED=<n> reruns it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { buildSite, siteFiles, tempFolders } from '../build/site-files.ts';
import { contentArbitrary, writeContent } from './arbitrary-content.ts';

const seed = Number(process.env['FC_SEED'] ?? 20251123);
const temp = tempFolders('review-random-build-');
afterAll(temp.remove);

test(`a random valid content root builds (seed ${seed})`, () => {
  const [content] = fc.sample(contentArbitrary, { numRuns: 1, seed });
  const dir = temp.make();
  const root = path.join(dir, 'content');
  writeContent(root, content!);
  const out = path.join(dir, 'site');
  buildSite(root, out);
  const files = siteFiles(out);
  for (const slug of Object.keys(content!.trials)) expect(files, `page of ${slug}`).toContain(`trials/${slug}/index.html`);
  // Every data file of every release, the large ones written beside Astro (release-files.ts).
  const releases = (content!.review['releases'] as { number: number }[]).map((r) => r.number);
  for (const release of releases) {
    for (const file of ['analyses.json', 'studies.csv', 'results.csv', 'reproduce.R', 'changes.json']) {
      expect(files).toContain(`data/releases/${release}/${file}`);
    }
  }
  const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
  expect(read('data/latest/analyses.json')).toBe(read(`data/releases/${Math.max(...releases)}/analyses.json`));
  expect(files.filter((f) => f.startsWith('data/'))).toHaveLength(releases.length * 5 + 1);
  expect(existsSync(path.join(out, 'index.html'))).toBe(true);
}, 200_000);
