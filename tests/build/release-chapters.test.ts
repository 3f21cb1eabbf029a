/**
 * A locked release renders its chapters as published (the `chapters` of its lock file), the
 * current pages today's: the good-content fixture, its introduction edited after both releases
 * were locked, built once. Also: a review without locks warns about nothing (the empty
 * collection of locked chapters), and a lock's chapters are written where the site loads them.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { GOOD_CONTENT } from '../helpers/content-fixture.ts';
import { buildSite, buildWarnings, tempFolders } from './site-files.ts';

const temp = tempFolders('review-release-chapters-');
afterAll(temp.remove);

/** The visible text of a built page, tags dropped and spaces collapsed. */
const text = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

test("a locked release's chapter pages show the lock's text; the current chapter pages, today's", () => {
  const dir = temp.make();
  const root = path.join(dir, 'content');
  cpSync(GOOD_CONTENT, root, { recursive: true });
  const chapter = path.join(root, 'chapters/introduction.mdx');
  writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('The test review pools', 'The revised review pools'));
  const out = path.join(dir, 'site');
  const output = buildSite(root, out);
  expect(buildWarnings(output)).toEqual([]);

  expect(text(path.join(out, 'chapters/introduction/index.html'))).toContain('The revised review pools');
  expect(text(path.join(out, 'chapters/introduction/index.html'))).not.toContain('The test review pools');
  for (const release of [1, 2]) {
    const page = text(path.join(out, `releases/${release}/chapters/introduction/index.html`));
    expect(page).toContain('The test review pools');
    expect(page).not.toContain('The revised review pools');
    expect(text(path.join(out, `releases/${release}/chapters/index.html`))).toContain('Test chapter');
  }
  // The chapters handed to Astro are the locks' texts, beside the build's pooled results.
  expect(readFileSync(path.join(`${out}.generated`, 'release-chapters/1/introduction.mdx'), 'utf8')).toContain('The test review pools');
}, 300_000);
