/**
 * The example review builds quietly into a whole site: a review without subgroups, without
 * registrations and without a registry folder gives no warning (a missing folder is an empty
 * collection, not a notice on every page that asks for it), has a page per study and per
 * outcome, and publishes metafor's numbers in its data files. One build of a small review
 * (about ten seconds); the browser tests run the same site in CI (.ci/run).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReleaseAnalyses } from '../../src/lib/review/analyses-types.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import { buildSite, buildWarnings, siteFiles, tempFolders } from '../build/site-files.ts';
import { expectFieldsClose, loadFixture } from '../stats/helpers.ts';

const ROOT = path.join(REPO_ROOT, 'examples/pritz1997');
const temp = tempFolders('review-example-');
let site = '';
let output = '';
let files: string[] = [];

beforeAll(() => {
  site = path.join(temp.make(), 'site');
  output = buildSite(ROOT, site, { SITE_BASE: '/' });
  files = siteFiles(site);
}, 200_000);
afterAll(temp.remove);

test('the build prints no warning', () => {
  expect(buildWarnings(output)).toEqual([]);
});

test('every study and the outcome have their page', () => {
  const fixture = loadFixture<{ input: { labels: string[] } }>('pritz1997');
  const trialPages = files.filter((f) => /^trials\/[^/]+\/index\.html$/.test(f));
  expect(trialPages).toHaveLength(fixture.input.labels.length);
  expect(files).toContain('outcomes/improvement/index.html');
  expect(files).toContain('chapters/results/index.html');
  expect(files).toContain('prisma/1/index.html');
});

test("the published analyses carry metafor's pooled numbers", () => {
  const fixture = loadFixture<{ expected: { proportion: Record<string, number>; tau2: number; I2: number; Q: number } }>('pritz1997');
  const data = JSON.parse(readFileSync(path.join(site, 'data/latest/analyses.json'), 'utf8')) as ReleaseAnalyses;
  const overall = data.outcomes['improvement']!.overall!;
  const { tau2, I2, Q, proportion } = fixture.expected;
  expectFieldsClose({ tau2: overall.tau2, I2: overall.I2, Q: overall.Q, proportion: overall.proportion }, { tau2, I2, Q, proportion }, 1e-6);
});

test('parts with nothing to show are left out: no empty table pages, no fragments in the text', () => {
  // The review has no safety outcomes, no registry entries and no subgroups.
  expect(files).not.toContain('tables/safety/index.html');
  expect(files).not.toContain('tables/landscape/index.html');
  expect(files).toContain('tables/efficacy/index.html');
  const fragments: string[] = [];
  // The field reference and the guide list every allowed value, including the kinds this review lacks.
  for (const file of files.filter((f) => f.endsWith('.html') && !f.startsWith('curators/'))) {
    const text = readFileSync(path.join(site, file), 'utf8')
      .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    for (const pattern of [/\(\s*\)/, /:\s*\./, /\b0 safety outcomes\b/, /\bby subgroup\b/, /\b0 registered\b/, /\bsafety\b/i]) {
      const m = pattern.exec(text);
      if (m) fragments.push(`${file}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
  }
  expect(fragments).toEqual([]);
});
