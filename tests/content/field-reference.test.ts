import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { fieldReference, fieldReferenceMarkdown } from '../../src/lib/content/field-reference.ts';
import { splitFrontMatter } from '../../src/lib/content/split-front-matter.ts';
import { trialTemplate } from '../../src/lib/content/trial-template.ts';
import { reviewSchema } from '../../src/schemas/index.ts';
import { GOOD_CONTENT } from '../helpers/content-fixture.ts';

const docs = fieldReference();

describe('the field reference', () => {
  test('documents every field of every kind of file with a description', () => {
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(['review', 'trial', 'search', 'registry']));
    expect(docs.filter((d) => d.description.trim() === '').map((d) => `${d.kind}:${d.path}`)).toEqual([]);
  });

  test('gives type, requiredness, allowed values and defaults read from the schemas', () => {
    const find = (kind: string, p: string, form?: string) => docs.find((d) => d.kind === kind && d.path === p && (!form || d.form?.includes(form)));
    expect(find('trial', 'reports[].data.<cohort>.<outcome>.n', 'events')).toEqual({
      kind: 'trial',
      path: 'reports[].data.<cohort>.<outcome>.n',
      type: 'whole number ≥ 1',
      required: true,
      description: 'Number of patients evaluated',
      form: '{events, n, source, …}',
    });
    expect(find('trial', 'modality')?.allowed).toEqual(['car_t', 'car_nk', 'car_nkt']);
    expect(find('review', 'analysis.ci')).toMatchObject({ required: false, default: '"z"', allowed: ['z', 'hk'] });
    expect(find('review', 'analysis.level')?.type).toBe('number > 0.5 and < 1');
    expect(find('registry', 'as_of')).toMatchObject({ type: 'date (YYYY-MM-DD)', required: false });
    expect(find('search', 'reports_excluded[].count')?.type).toBe('whole number ≥ 0');
  });

  test('prints as Markdown tables, one per kind of file', () => {
    const markdown = fieldReferenceMarkdown(docs);
    expect(markdown.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## review', '## trial', '## search', '## registry']);
    expect(markdown).toContain('| `reports[].status` | one of: primary, superseded, excluded | required | primary (the report the analysis uses), superseded (replaced by a newer report) or excluded |');
  });
});

describe('the new-trial template', () => {
  const review = reviewSchema.parse(parse(readFileSync(path.join(GOOD_CONTENT, 'review.yaml'), 'utf8')));
  const text = trialTemplate({ registration: 'NCT01234567', review });

  test('is a front matter that parses, with notes below', () => {
    const split = splitFrontMatter(text);
    expect(split.ok).toBe(true);
    if (split.ok) {
      expect(parse(split.yaml)).toMatchObject({ registrations: ['NCT01234567'], product: 'TODO', status: 'TODO' });
      expect(split.body).toMatch(/^## Summary/);
    }
  });

  test('names every field of the trial schema, each with its description', () => {
    for (const doc of docs.filter((d) => d.kind === 'trial' && !d.path.endsWith('>'))) {
      const name = doc.path.split('.').pop()!.replace('[]', '');
      expect(text, doc.path).toMatch(new RegExp(`\\b${name}:`));
      expect(text, doc.path).toContain(doc.description);
    }
  });
});
