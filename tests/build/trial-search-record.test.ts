/**
 * A trial's search entry (src/lib/search/trial-record.ts): made from its file, it must hold
 * what readers search a trial by and leave Markdown syntax and numbers out.
 */
import { expect, test } from 'vitest';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { markdownText, trialSearchRecord } from '../../src/lib/search/trial-record.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import path from 'node:path';

test('Markdown notes become plain text: link targets, emphasis and list marks go', () => {
  expect(markdownText('## Why\n\n- See [the abstract](https://example.org/a) and <https://example.org/b>.\n- *Two* `cohorts`.')).toBe(
    'Why\n\nSee the abstract and https://example.org/b.\nTwo cohorts.',
  );
});

test("every trial of the hosted review has an entry at its page's address with its names, registrations, sponsor, searched characteristics and citations", () => {
  const { review, trials } = loadReview(path.join(REPO_ROOT, 'content'));
  const searched = review.characteristics.filter((c) => c.show.includes('search') && c.applies_to.includes('trials') && c.type === 'text');
  for (const t of trials) {
    const record = trialSearchRecord(t.slug, t.data, t.body, review);
    expect(record.url).toBe(`/trials/${t.slug}/`);
    expect(record.title).toBe(t.data.label);
    const texts = searched.map((c) => t.data.characteristics[c.id]).filter((v): v is string => typeof v === 'string');
    for (const text of [t.data.label, ...t.data.aliases, ...t.data.registrations, t.data.sponsor ?? '', ...texts, ...t.data.reports.map((r) => r.citation)]) {
      expect(record.content, `${t.slug}: ${text}`).toContain(text);
    }
    expect(record.content).not.toMatch(/\]\(|\*\*/);
  }
});
