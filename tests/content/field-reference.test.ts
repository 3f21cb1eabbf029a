import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { declaredCharacteristics, fieldReference, fieldReferenceMarkdown } from '../../src/lib/content/field-reference.ts';
import { readFrontMatter } from '../../src/lib/content/front-matter.ts';
import { trialTemplate } from '../../src/lib/content/trial-template.ts';
import { reviewSchema } from '../../src/schemas/index.ts';
import { CHAPTER_COMPONENTS } from '../../src/components/chapter/catalogue.ts';
import { GOOD_CONTENT, REPO_ROOT } from '../helpers/content-fixture.ts';

const docs = fieldReference();

describe('the field reference', () => {
  test('documents every field of every kind of file with a description', () => {
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(['review', 'trial', 'search', 'registry', 'chapter', 'certainty']));
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
    expect(find('trial', 'status')?.allowed).toEqual(['included', 'described', 'excluded']);
    expect(find('review', 'analysis.ci')).toMatchObject({ required: false, default: '"z"', allowed: ['z', 'hk', 'hk-adhoc'] });
    expect(find('review', 'analysis.level')?.type).toBe('number > 0.5 and < 1');
    expect(find('registry', 'as_of')).toMatchObject({ type: 'date (YYYY-MM-DD)', required: false });
    expect(find('search', 'reports_excluded[].count')?.type).toBe('whole number ≥ 0');
  });

  test('covers the review-declared characteristics, subgroups, studies, landscape, designs, phases and partial dates', () => {
    const find = (kind: string, p: string) => docs.find((d) => d.kind === kind && d.path === p);
    for (const p of [
      'characteristics[].type',
      'characteristics[].levels[].id',
      'characteristics[].per_cohort',
      'characteristics[].applies_to',
      'characteristics[].show',
      'subgroups[].characteristic',
      'subgroups[].levels[].includes',
      'studies.registration',
      'studies.label_heading',
      'landscape.title',
    ]) {
      expect(find('review', p), p).toBeDefined();
    }
    expect(find('review', 'characteristics[].type')?.allowed).toEqual(['category', 'text', 'number', 'list', 'boolean']);
    expect(find('review', 'studies.registration')).toMatchObject({ allowed: ['required', 'optional'], default: '"optional"' });
    // A design or phase is one of a list, in the schema's order, or {other, reason}.
    expect(find('trial', 'design')?.allowed).toEqual([
      'single_arm_trial',
      'randomised_trial',
      'non_randomised_controlled_trial',
      'prospective_cohort',
      'retrospective_cohort',
      'case_series',
      'case_control',
      'cross_sectional',
      'registry',
      '{other, reason}',
    ]);
    expect(find('trial', 'phase')?.allowed?.slice(0, 6)).toEqual(['0', '1', '1a', '1b', '1/2', '1b/2']);
    expect(find('trial', 'phase.reason')?.form).toBe('{other, reason}');
    expect(find('trial', 'reports[].date')?.type).toBe('date (YYYY, YYYY-MM or YYYY-MM-DD)');
    expect(find('trial', 'characteristics.<characteristic>')?.description).toMatch(/^The value of one characteristic, in the type review.yaml declares/);
    expect(find('trial', 'cohorts[].characteristics.<characteristic>')).toBeDefined();
    expect(find('registry', 'characteristics.<characteristic>')).toBeDefined();
    expect(find('chapter', 'order')?.type).toBe('whole number ≥ 0');
  });

  test('lists the characteristics a review declares, with their values in words', () => {
    const review = reviewSchema.parse(parse(readFileSync(path.join(GOOD_CONTENT, 'review.yaml'), 'utf8')));
    const declared = declaredCharacteristics(review);
    expect(declared.find((c) => c.id === 'cell_type')).toMatchObject({
      type: 'one of: car_t (CAR-T), car_nk (CAR-NK), car_nkt (CAR-NKT)',
      required: true,
      per_cohort: true,
      subgroups: ['Cell type'],
    });
    expect(declared.find((c) => c.id === 'median_age')?.type).toBe('number in years, from 0 to 120');
    expect(declared.find((c) => c.id === 'prior_car_t_allowed')?.type).toBe('true (allowed) or false (not allowed)');
    const markdown = fieldReferenceMarkdown(docs, { review, reviewFile: 'content/review.yaml' });
    expect(markdown).toContain('## characteristics declared in content/review.yaml');
    expect(markdown).toContain('| `median_age` (Median age) | number in years, from 0 to 120 | optional | trials | Median age of enrolled patients |');
  });

  test('prints as Markdown tables, one per kind of file', () => {
    const markdown = fieldReferenceMarkdown(docs);
    expect(markdown.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## review', '## trial', '## search', '## registry', '## chapter', '## certainty', '## Notes']);
    expect(markdown).toContain('A year or a month sorts before the days of its period and counts as its first day against a release\'s cut-off');
    expect(markdown).toContain('| `reports[].status` | one of: primary, superseded, excluded | required | primary (the report the analysis uses), superseded (replaced by a newer report) or excluded |');
  });
});

describe('the new-trial template', () => {
  const review = reviewSchema.parse(parse(readFileSync(path.join(GOOD_CONTENT, 'review.yaml'), 'utf8')));
  const text = trialTemplate({ registration: 'NCT01234567', review });

  test('is a front matter that parses, with notes below', () => {
    const split = readFrontMatter(text);
    expect(split.ok).toBe(true);
    if (split.ok) {
      expect(split.value).toMatchObject({
        label: 'TODO',
        registrations: ['NCT01234567'],
        characteristics: { cell_type: 'TODO', cell_source: 'TODO', target: 'TODO' },
        status: 'TODO',
        cohorts: [
          { id: 'efficacy', label: 'TODO', population: 'efficacy' },
          { id: 'safety', label: 'TODO', population: 'safety' },
        ],
      });
      expect(split.body).toMatch(/^## Summary/);
    }
  });

  test('names every field of the trial schema, each with its description', () => {
    for (const doc of docs.filter((d) => d.kind === 'trial' && !d.path.includes('>'))) {
      const name = doc.path.split('.').pop()!.replace('[]', '');
      expect(text, doc.path).toMatch(new RegExp(`\\b${name}:`));
      expect(text, doc.path).toContain(doc.description);
    }
  });

  test('gives one line per characteristic the review declares for trial files, with its label, type and values', () => {
    for (const c of review.characteristics) {
      const line = new RegExp(`^  (# )?${c.id}: `, 'm');
      if (c.applies_to.includes('trials')) expect(text, c.id).toMatch(line);
      else expect(text, c.id).not.toMatch(line);
    }
    expect(text).toContain('  # Target: Antigen targeted, e.g. CD19 (required; text)\n  target: TODO\n');
    expect(text).toContain('  # Prior allo-HSCT: Whether a prior allogeneic transplant was allowed (optional; true (allowed) or false (not allowed))\n');
  });
});

describe('the chapter component catalogue', () => {
  /** A component's props as its source declares them: name, and the quoted values of a fixed list. */
  function declaredProps(file: string): Map<string, string[]> {
    const source = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const block = /interface Props \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const props = new Map<string, string[]>();
    for (const line of block.split('\n')) {
      const match = /^\s*(\w+)\??:\s*(.*);/.exec(line);
      if (match) props.set(match[1]!, [...match[2]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
    }
    return props;
  }
  const FILES: Record<string, string> = {
    Estimate: 'src/components/chapter/Estimate.astro',
    Count: 'src/components/chapter/Count.astro',
    SubgroupTest: 'src/components/chapter/SubgroupTest.astro',
    Sensitivity: 'src/components/chapter/Sensitivity.astro',
    ForestPlot: 'src/components/ForestPlot.astro',
    Certainty: 'src/components/chapter/Certainty.astro',
    SummaryOfFindings: 'src/components/chapter/SummaryOfFindings.astro',
    Since: 'src/components/chapter/Since.astro',
  };

  test('documents every prop of every component, with every value of a fixed list', () => {
    for (const doc of CHAPTER_COMPONENTS.filter((c) => c.name !== 'a')) {
      const declared = declaredProps(FILES[doc.name]!);
      expect(doc.props.map((p) => p.name).sort(), doc.name).toEqual([...declared.keys()].sort());
      for (const prop of doc.props) {
        const values = declared.get(prop.name) ?? [];
        if (values.length > 0) expect(prop.values?.map((v) => v.value).sort(), `${doc.name} ${prop.name}`).toEqual([...values].sort());
      }
    }
  });

  test('gives every component examples in the review\'s own ids', () => {
    const ids = { outcome: 'response', population: 'treated', variable: { id: 'route', level: 'oral' }, releases: [1, 2] };
    for (const doc of CHAPTER_COMPONENTS) {
      const examples = doc.examples(ids);
      expect(examples.length, doc.name).toBeGreaterThan(0);
      if (doc.name !== 'a') for (const e of examples) expect(e.code, doc.name).toMatch(new RegExp(`^<${doc.name}[ >]`));
    }
  });
});
