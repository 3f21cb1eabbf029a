import { afterAll, describe, expect, test } from 'vitest';
import { ContentError, formatProblems } from '../../src/lib/content/index.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { GOOD_CONTENT, makeContentRoot, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

describe('loadReview', () => {
  test('returns the typed review, trials, searches and registry of valid content', () => {
    const loaded = loadReview(GOOD_CONTENT, { label: 'content' });
    expect(loaded.review.id).toBe('test-review');
    expect(loaded.trials.map((t) => [t.slug, t.file, t.data.reports.length])).toEqual([
      ['alpha-cel', 'content/trials/alpha-cel.md', 2],
      ['beta-nk', 'content/trials/beta-nk.md', 1],
      ['gamma-cel', 'content/trials/gamma-cel.md', 1],
    ]);
    expect(loaded.trials[0]!.body).toMatch(/^Alpha-cel is a test trial/);
    expect(loaded.searches.map((s) => s.id)).toEqual(['release-1', 'release-2']);
    expect(loaded.registry.map((r) => r.data.registration)).toEqual(['NCT00000001', 'NCT00000004']);
    // Defaults of the schema are applied.
    expect(loaded.review.analysis.ci).toBe('z');
    expect(loaded.trials[2]!.data.aliases).toEqual([]);
    expect(loaded.review.studies.registration).toBe('required');
    // Subgroup variables are resolved from their characteristic.
    expect(loaded.review.subgroups[0]!.levels.map((l) => [l.id, l.includes])).toEqual([['car_t', ['car_t', 'car_nkt']], ['car_nk', ['car_nk']]]);
  });

  test('throws one ContentError carrying every problem', () => {
    const root = makeContentRoot('prisma-counts');
    let caught: unknown;
    try {
      loadReview(root, { label: 'content' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContentError);
    const error = caught as ContentError;
    expect(error.message).toBe('the content has 2 problems in 1 file');
    expect(error.problems.map((p) => `${p.file}:${p.line} ${p.path}`)).toEqual([
      'content/searches/release-2.yaml:10 records_screened',
      'content/searches/release-2.yaml:12 reports_sought',
    ]);
    expect(formatProblems(error.problems)).toContain('2 problems in 1 file');
  });

  test('finds problems in several files in one run, never stopping at the first', () => {
    const { problems } = validateContent(readContent(makeContentRoot('releases-out-of-order'), { label: 'content' }));
    expect(new Set(problems.map((p) => p.file))).toEqual(
      new Set(['content/review.yaml', 'content/searches/release-2.yaml', 'content/trials/alpha-cel.md', 'content/trials/gamma-cel.md']),
    );
  });

  test('the valid base fixture has no problems', () => {
    expect(validateContent(readContent(GOOD_CONTENT, { label: 'content' })).problems).toEqual([]);
  });
});
