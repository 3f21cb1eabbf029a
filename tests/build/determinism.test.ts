/**
 * Two builds of the same content give the same site, byte for byte: built into different
 * folders, at different times, in time zones 26 hours apart, and from files that start with
 * a byte-order mark (which the reader drops). Anything that leaks the build's time, its folder,
 * a random id or an unordered walk would show here. The review's own content is built twice too.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';
import { buildSite, siteFiles, tempFolders } from './site-files.ts';

const temp = tempFolders('review-determinism-');
afterAll(temp.remove);

/** The files that differ between two built sites (or exist in one only), empty when identical. */
function differences(a: string, b: string): string[] {
  const filesA = siteFiles(a);
  const filesB = new Set(siteFiles(b));
  const out = filesA.filter((f) => !filesB.has(f)).map((f) => `only in the first build: ${f}`);
  for (const f of filesA) {
    if (filesB.has(f) && !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)))) out.push(`differs: ${f}`);
    filesB.delete(f);
  }
  return [...out, ...[...filesB].map((f) => `only in the second build: ${f}`)];
}

test('two builds of the good-content fixture are byte-identical, also in another folder, time zone and with byte-order marks', () => {
  const dir = temp.make();
  const first = path.join(dir, 'first');
  const second = path.join(dir, 'elsewhere', 'second');
  buildSite(GOOD_CONTENT, first, { TZ: 'Pacific/Pago_Pago' });
  buildSite(GOOD_CONTENT, second, { TZ: 'Pacific/Kiritimati' });
  expect(siteFiles(first).length).toBeGreaterThan(40);
  expect(differences(first, second)).toEqual([]);

  const withMarks = path.join(dir, 'content');
  cpSync(GOOD_CONTENT, withMarks, { recursive: true });
  for (const file of ['review.yaml', 'trials/alpha-cel.md', 'searches/release-1.yaml', 'registry/nct00000001.yaml', 'chapters/introduction.mdx']) {
    writeFileSync(path.join(withMarks, file), `\uFEFF${readFileSync(path.join(withMarks, file), 'utf8')}`);
  }
  const third = path.join(dir, 'third');
  buildSite(withMarks, third);
  expect(differences(first, third)).toEqual([]);
}, 300_000);

test('two builds of the review in content/ are byte-identical', () => {
  const dir = temp.make();
  const first = path.join(dir, 'first');
  const second = path.join(dir, 'second');
  buildSite(path.join(REPO_ROOT, 'content'), first, { TZ: 'America/Adak' });
  buildSite(path.join(REPO_ROOT, 'content'), second, { TZ: 'Asia/Kathmandu' });
  expect(siteFiles(first).length).toBeGreaterThan(150);
  expect(differences(first, second)).toEqual([]);
}, 300_000);
