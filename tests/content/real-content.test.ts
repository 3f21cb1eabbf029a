/**
 * The review's own content: every file parses and passes every rule (as vega-lite validates
 * every example spec). Skipped when the repository has no content folder yet.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblems } from '../../src/lib/content/format-problems.ts';
import { readContent, resolveContentRoot } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

const root = resolveContentRoot(undefined, process.env, REPO_ROOT);
const present = existsSync(path.join(root, 'review.yaml'));

describe.skipIf(!present)('the content of this repository', () => {
  const raw = present ? readContent(root, { label: 'content' }) : undefined;
  const { problems } = raw ? validateContent(raw) : { problems: [] };
  const files = raw ? [raw.review, ...raw.trials, ...raw.searches, ...raw.registry].flatMap((f) => (f ? [f.file] : [])) : [];

  test.each(files)('%s has no problems', (file) => {
    expect(formatProblems(problems.filter((p) => p.file === file))).toBe('');
  });

  test('has no problem outside its content files', () => {
    expect(formatProblems(problems.filter((p) => !files.includes(p.file)))).toBe('');
  });
});
