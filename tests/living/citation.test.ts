import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

// CITATION.cff follows the latest release of content/review.yaml (npm run release updates both).
const cff = parse(readFileSync(path.join(REPO_ROOT, 'CITATION.cff'), 'utf8')) as Record<string, unknown>;
const { review } = loadReview(path.join(REPO_ROOT, 'content'));
const latest = review.releases[review.releases.length - 1]!;
const asDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const preferred = cff['preferred-citation'] as Record<string, unknown>;
const names = (authors: unknown) => (authors as { 'given-names': string; 'family-names': string }[]).map((a) => `${a['given-names']} ${a['family-names']}`);

describe('CITATION.cff', () => {
  test('is CFF 1.2.0 with the fields GitHub needs', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    expect(typeof cff['message']).toBe('string');
  });

  test("version, date and title are review.yaml's latest release", () => {
    expect(String(cff['version'])).toBe(String(latest.number));
    expect(asDate(cff['date-released'])).toBe(latest.date);
    expect(cff['title']).toBe(review.title);
    expect(String(preferred['version'])).toBe(String(latest.number));
    expect(asDate(preferred['date-released'])).toBe(latest.date);
    expect(preferred['title']).toBe(review.title);
  });

  test("authors are review.yaml's, in order", () => {
    expect(names(cff['authors'])).toEqual(review.authors);
    expect(names(preferred['authors'])).toEqual(review.authors);
  });

  test('references the source paper by its DOI', () => {
    const refs = cff['references'] as { doi?: string }[];
    expect(refs.map((r) => r.doi)).toContain(review.source?.doi);
    expect(review.source?.doi).toBe('10.3389/fimmu.2025.1585556');
  });
});
