/**
 * Two builds of the same content give the same site, byte for byte: built into different
 * folders, at different times, in time zones 26 hours apart, in English and Swedish locales,
 * and from files that start with a byte-order mark (which the reader drops). Anything that
 * leaks the build's time, its folder, its locale, a random id or an unordered walk would show
 * here. In CI the review's own content is built twice too.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';
import { buildSite, buildWarnings, siteFiles, tempFolders } from './site-files.ts';

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

/**
 * The good-content fixture with one more trial and registry entry whose names a Swedish locale
 * sorts differently (Ä and Ö after Z): a sort that follows the builder's locale would show.
 */
function fixtureWithLocaleProbe(dir: string): string {
  const root = path.join(dir, 'content');
  cpSync(GOOD_CONTENT, root, { recursive: true });
  const trial = readFileSync(path.join(root, 'trials/gamma-cel.md'), 'utf8');
  writeFileSync(path.join(root, 'trials/arla-cel.md'), trial.replace('label: "Gamma-cel"', 'label: "Ärla-cel"').replace('NCT00000003, ChiCTR2000031234', 'NCT00000009').replace('Gamma Cell Co. press release', 'Ärla Co. press release').replace('https://example.org/news/gamma-2026', 'https://example.org/news/arla-2026'));
  const entry = readFileSync(path.join(root, 'registry/nct00000004.yaml'), 'utf8');
  writeFileSync(path.join(root, 'registry/nct00000008.yaml'), entry.replace('"Delta-NK"', '"Öresund-NK"').replace('NCT00000004', 'NCT00000008'));
  return root;
}

test('two builds of the good-content fixture are byte-identical: in other folders, time zones and locales, and with byte-order marks', () => {
  const dir = temp.make();
  const root = fixtureWithLocaleProbe(dir);
  const first = path.join(dir, 'first');
  const output = buildSite(root, first, { TZ: 'Pacific/Pago_Pago', LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8' });
  // A clean build warns about nothing a curator cannot act on (bundler notices, Astro's own markers).
  expect(buildWarnings(output)).toEqual([]);
  // The same content again, its files now starting with a byte-order mark (which the reader drops).
  for (const file of ['review.yaml', 'trials/alpha-cel.md', 'searches/release-1.yaml', 'registry/nct00000001.yaml', 'chapters/introduction.mdx']) {
    writeFileSync(path.join(root, file), `\uFEFF${readFileSync(path.join(root, file), 'utf8')}`);
  }
  const second = path.join(dir, 'elsewhere', 'second');
  buildSite(root, second, { TZ: 'Pacific/Kiritimati', LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' });
  expect(siteFiles(first).length).toBeGreaterThan(40);
  expect(differences(first, second)).toEqual([]);
}, 300_000);

// Two more builds of the whole review take half a minute: in CI only (CI=true), to keep npm test quick locally.
test.runIf(process.env['CI'] === 'true')('two builds of the review in content/ are byte-identical (in CI)', () => {
  const dir = temp.make();
  const first = path.join(dir, 'first');
  const second = path.join(dir, 'second');
  buildSite(path.join(REPO_ROOT, 'content'), first, { TZ: 'America/Adak' });
  buildSite(path.join(REPO_ROOT, 'content'), second, { TZ: 'Asia/Kathmandu' });
  expect(siteFiles(first).length).toBeGreaterThan(150);
  expect(differences(first, second)).toEqual([]);
}, 300_000);
