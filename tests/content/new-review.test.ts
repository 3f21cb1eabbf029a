import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { newReviewFiles, reviewTemplate } from '../../src/lib/content/review-template.ts';
import { analyseRelease } from '../../src/lib/review/analyse-release.ts';
import { fieldReference } from '../../src/lib/content/field-reference.ts';
import { problemsOf } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

const parent = mkdtempSync(path.join(os.tmpdir(), 'new-review-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Sets values in a YAML file the way a curator would, keeping its comments. */
function edit(file: string, values: [(string | number)[], unknown][]): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const [p, v] of values) doc.setIn(p, doc.createNode(v));
  writeFileSync(file, doc.toString());
}

/** Fills a trial file written by new-trial: front matter values by path, notes kept. */
function fillTrial(file: string, values: [(string | number)[], unknown][]): void {
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'))!;
  const doc = parseDocument(frontMatter!);
  for (const [p, v] of values) doc.setIn(p, doc.createNode(v));
  writeFileSync(file, `---\n${doc.toString()}---\n${body}`);
}

describe('npm run new-review', () => {
  const root = path.join(parent, 'my-review');

  test('writes review.yaml, the first search, an example chapter and an empty trials folder', () => {
    const run = runScript('new-review.ts', [root]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('review.yaml, searches/release-1.yaml, chapters/introduction.mdx, trials/');
    expect(run.stdout).toContain(`npm run check -- --content ${root}`);
    expect(readdirSync(root).sort()).toEqual(['chapters', 'review.yaml', 'searches', 'trials']);
    expect(readdirSync(path.join(root, 'trials'))).toEqual(['.gitkeep']);
    const review = readFileSync(path.join(root, 'review.yaml'), 'utf8');
    // Every field explained from the schema, the analysis options with advice, optional blocks commented out.
    expect(review).toContain('# Full title (required; text)\ntitle: TODO\n');
    expect(review).toContain('#   PLO: logit. The usual choice for a new review');
    // the small-review choices are written out; left out, the defaults keep older reviews' numbers
    expect(review).toContain('  #   Left out, it is z; a new review starts with the recommended value:\n  ci: hk-adhoc\n');
    expect(review).toContain('  prediction_interval: t-k2\n');
    expect(review).toContain('  # egger_min_k: 10\n');
    expect(review).toContain('  # correction:\n');
    expect(review).toContain('# characteristics:\n#   # Identifier written in trial files under characteristics');
    expect(review).toContain('# subgroups:\n');
    expect(review).toContain('    search: release-1\n');
    expect(readFileSync(path.join(root, 'chapters/introduction.mdx'), 'utf8')).toContain('<Count of="included" />');
  });

  test('names every field of review.yaml with its description', () => {
    const text = reviewTemplate();
    for (const doc of fieldReference().filter((d) => d.kind === 'review')) {
      const name = doc.path.split('.').pop()!.replace('[]', '');
      // a named entry (`<outcome>`) is written as its placeholder name
      expect(text, doc.path).toMatch(new RegExp(name.startsWith('<') ? `${name}:` : `\\b${name}:`));
      expect(text, doc.path).toContain(doc.description);
    }
    // Every file is YAML (or MDX) that parses as written.
    for (const [name, file] of Object.entries(newReviewFiles())) {
      if (name.endsWith('.yaml')) expect(() => parse(file), name).not.toThrow();
    }
  });

  test('leaves a review that npm run check refuses, listing what is left to fill', () => {
    const problems = problemsOf(root);
    expect(problems).toContain('content/review.yaml:11  id  id still holds the placeholder TODO\n  fix: replace TODO: Short identifier of the review [identifier]');
    expect(problems).toContain('authors entry 1 still holds the placeholder TODO\n  fix: replace TODO: Maintainers of the living review, as they should be cited [text]');
    expect(problems).toContain('analysis.transform  transform still holds the placeholder TODO');
    expect(problems).toContain('content/searches/release-1.yaml:');
    expect(problems).toContain('content/chapters/introduction.mdx:7  description  description still holds the placeholder TODO');
    expect(problems).toMatch(/\n\n30 problems in 3 files$/);
    // Nothing but placeholders: the template is otherwise valid.
    expect(problems.split('\n').filter((l) => /^content\//.test(l) && !l.includes('placeholder TODO'))).toEqual([]);
    expect(runScript('check.ts', ['--content', root]).status).toBe(1);
  });

  test('once filled in, passes npm run check and pools the trials new-trial adds', () => {
    edit(path.join(root, 'review.yaml'), [
      [['id'], 'new-review-test'],
      [['title'], 'Oral or intravenous iron: a test review'],
      [['short_title'], 'Test review'],
      [['question'], 'How often does iron correct anaemia?'],
      [['authors', 0], 'Ada Curator'],
      [['eligibility', 'population'], 'Adults with anaemia'],
      [['eligibility', 'intervention'], 'Iron'],
      [['eligibility', 'designs'], 'Any'],
      [['populations', 0, 'id'], 'treated'],
      [['populations', 0, 'label'], 'Treated patients'],
      [['outcomes', 0, 'id'], 'response'],
      [['outcomes', 0, 'label'], 'Haemoglobin response'],
      [['outcomes', 0, 'short_label'], 'Response'],
      [['outcomes', 0, 'kind'], 'efficacy'],
      [['outcomes', 0, 'population'], 'treated'],
      [['analysis', 'transform'], 'PLO'],
      [['analysis', 'method'], 'REML'],
      [
        ['characteristics'],
        [
          {
            id: 'route',
            label: 'Route',
            type: 'category',
            levels: [
              { id: 'oral', label: 'Oral' },
              { id: 'iv', label: 'Intravenous' },
            ],
            required: true,
            show: ['table', 'trial'],
          },
        ],
      ],
      [['subgroups'], [{ id: 'route', characteristic: 'route' }]],
      [['releases', 0, 'date'], '2025-03-01'],
      [['releases', 0, 'cutoff'], '2025-01-31'],
    ]);
    edit(path.join(root, 'searches/release-1.yaml'), [
      [['date'], '2025-01-31'],
      [['databases', 0, 'name'], 'MEDLINE'],
      [['databases', 0, 'records'], 50],
      [['duplicates_removed'], 10],
      [['records_screened'], 40],
      // No study is on file yet: the search log may not count studies the trial files do not pool.
      [['records_excluded'], 40],
      [['reports_sought'], 0],
      [['reports_assessed'], 0],
      [['new_studies_included'], 0],
      [['new_reports_included'], 0],
    ]);
    const chapter = path.join(root, 'chapters/introduction.mdx');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('description: TODO', 'description: Why this test review'));
    expect(problemsOf(root)).toBe('');
    expect(runScript('check.ts', ['--content', root]).stdout).toMatch(/OK, 0 trials \(0 reports\), 0 registry entries, 1 search/);

    // Two studies: one registered, one without a registration (the review does not require one).
    expect(runScript('new-trial.ts', ['NCT01234567', '--slug', 'oral-a', '--content', root]).status).toBe(0);
    expect(runScript('new-trial.ts', ['--slug', 'smith-2024', '--content', root]).status).toBe(0);
    const study = (label: string, route: string, date: string, events: number, n: number): [(string | number)[], unknown][] => [
      [['label'], label],
      [['characteristics', 'route'], route],
      [['status'], 'included'],
      [['cohorts', 0, 'label'], 'All treated patients'],
      [['reports', 0, 'id'], 'main'],
      [['reports', 0, 'citation'], `${label}. A test report.`],
      [['reports', 0, 'url'], 'https://example.org/report'],
      [['reports', 0, 'type'], 'full_article'],
      [['reports', 0, 'date'], date],
      [['reports', 0, 'release'], 1],
      [['reports', 0, 'data', 'treated', 'response'], { events, n, source: 'Table 1' }],
    ];
    fillTrial(path.join(root, 'trials/oral-a.md'), study('Oral A', 'oral', '2024', 12, 20));
    // A month in the release's cut-off month counts as its first day: within the cut-off.
    fillTrial(path.join(root, 'trials/smith-2024.md'), study('Smith 2024', 'iv', '2025-01', 18, 22));
    edit(path.join(root, 'searches/release-1.yaml'), [
      [['records_excluded'], 38],
      [['reports_sought'], 2],
      [['reports_assessed'], 2],
      [['new_studies_included'], 2],
      [['new_reports_included'], 2],
    ]);
    expect(problemsOf(root)).toBe('');
    expect(runScript('check.ts', ['--content', root]).stdout).toMatch(/OK, 2 trials \(2 reports\)/);

    const { review, trials } = loadReview(root);
    expect(review.subgroups).toEqual([
      { id: 'route', characteristic: 'route', label: 'Route', levels: [{ id: 'oral', label: 'Oral', includes: ['oral'] }, { id: 'iv', label: 'Intravenous', includes: ['iv'] }] },
    ]);
    const analyses = analyseRelease(review, trials.map((t) => ({ slug: t.slug, data: t.data })), 1, { robustness: false });
    const response = analyses.outcomes['response']!;
    expect(response.overall).toMatchObject({ k: 2, events: 30, n: 42 });
    expect(response.overall!.proportion.estimate).toBeGreaterThan(0.5);
    expect(Object.keys(response.subgroups['route']!.levels)).toEqual(['oral', 'iv']);
    expect(analyses.counts.trials_by_level['route']).toEqual({ oral: 1, iv: 1 });
  });

  test('refuses a folder that is not empty, and writes nothing', () => {
    const run = runScript('new-review.ts', [root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/my-review is not empty: new-review writes only into a new or empty folder/);
    expect(readFileSync(path.join(root, 'review.yaml'), 'utf8')).toContain('id: new-review-test');
  });

  test('writes into an empty folder that exists', () => {
    const empty = path.join(parent, 'empty');
    mkdirSync(empty);
    expect(runScript('new-review.ts', [empty]).status).toBe(0);
    expect(existsSync(path.join(empty, 'review.yaml'))).toBe(true);
    // No staging folder is left beside it.
    expect(readdirSync(parent).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('refuses unknown options and a missing folder with its usage, exit 2', () => {
    const unknown = runScript('new-review.ts', [path.join(parent, 'other'), '--title', 'x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--title'");
    expect(unknown.stderr).toContain('usage: npm run new-review -- <folder for the new review');
    expect(existsSync(path.join(parent, 'other'))).toBe(false);
    const none = runScript('new-review.ts', []);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage: npm run new-review');
  });
});
