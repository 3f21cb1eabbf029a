/**
 * The generator assumes no review: nothing under src/ or scripts/ names the hosted review's
 * subject, outcomes, characteristics, levels or trials. What a review needs that the generator
 * lacks is a missing feature, never a word written into the code. Reader-facing text comes from
 * review.yaml and the chapters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadReview } from '../src/lib/content/load-review-fs.ts';
import { REPO_ROOT } from './helpers/content-fixture.ts';

const CODE_EXTENSIONS = /\.(ts|mts|astro|mjs|js|css|R|md)$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' ? [] : codeFiles(full);
    return CODE_EXTENSIONS.test(d.name) ? [full] : [];
  });
}

const files = [...codeFiles(path.join(REPO_ROOT, 'src')), ...codeFiles(path.join(REPO_ROOT, 'scripts'))];
const texts = files.map((file) => ({ file: path.relative(REPO_ROOT, file), lines: readFileSync(file, 'utf8').split('\n') }));

/** Every `file:line` where the pattern matches. */
function hits(pattern: RegExp): string[] {
  return texts.flatMap(({ file, lines }) => lines.flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the code names no subject of the hosted review', () => {
  expect(hits(/car[-_ ]?(t|nk)\b|lymphoma|lbcl|b-nhl|dlbcl/i)).toEqual([]);
});

test("the code names none of the hosted review's outcomes, characteristics, levels or trials", () => {
  const { review, trials } = loadReview(path.join(REPO_ROOT, 'content'));
  // Identifiers that could not be an ordinary word of the code: with a "_" or "-", or outcome ids.
  const ids = [
    ...review.outcomes.map((o) => o.id),
    // median_age is a characteristic any review may record (the synthetic reviews do).
    ...review.characteristics.map((c) => c.id).filter((id) => /[_-]/.test(id) && id !== 'median_age'),
    ...review.characteristics.flatMap((c) => (c.levels ?? []).map((l) => l.id)).filter((id) => /[_-]/.test(id)),
    ...trials.map((t) => t.slug).filter((slug) => /[_-]/.test(slug)),
  ];
  const labels = [...review.outcomes.map((o) => o.short_label), ...trials.map((t) => t.data.label)];
  const pattern = new RegExp(`(?<![\\w-])(${[...new Set([...ids, ...labels])].map(escape).join('|')})(?![\\w-])`);
  expect(hits(pattern)).toEqual([]);
});
