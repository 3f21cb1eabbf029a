/**
 * The appraisal checks (src/lib/content/rules/check-appraisal.ts) on content roots made from the
 * valid base: the tool review.yaml declares (preset or own), the judgements of trial files, and
 * certainty.yaml. The catalogue cases in bad-content-appraisal.test.ts pin the full text of the
 * commonest mistakes; these cover the other rules, and content that passes.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { editContentFile, makeContentRoot, problemsOf, removeContentRoots } from '../helpers/content-fixture.ts';

afterAll(removeContentRoots);

const ROBINS_I = ['confounding', 'selection', 'classification', 'deviations', 'missing_data', 'measurement', 'reporting'];

/** A risk_of_bias block of a trial file (front-matter YAML), judging `domains` with `level`. */
function robBlock(domains: readonly string[], level = 'moderate', extra = ''): string {
  const lines = domains.map((d) => `    ${d}: {judgement: ${level}, support: "Single-arm study, see methods", source: "Full article, methods"}`);
  return `risk_of_bias:\n  domains:\n${lines.join('\n')}\n${extra}`;
}

interface Setup {
  /** YAML put into review.yaml before `releases:`. */
  review?: string;
  /** YAML added to the end of a trial's front matter, by trial slug. */
  trials?: Record<string, string>;
  /** The text of certainty.yaml. */
  certainty?: string;
}

/** A copy of the valid base with the given appraisal parts written in. */
function rootWith({ review, trials = {}, certainty }: Setup): string {
  const root = makeContentRoot();
  if (review) editContentFile(root, 'review.yaml', /\nreleases:\n/, `\n${review.trimEnd()}\nreleases:\n`);
  for (const [slug, block] of Object.entries(trials)) {
    const file = path.join(root, 'trials', `${slug}.md`);
    const text = readFileSync(file, 'utf8');
    const end = text.indexOf('\n---\n', 4);
    writeFileSync(file, `${text.slice(0, end)}\n${block.trimEnd()}${text.slice(end)}`);
  }
  if (certainty !== undefined) writeFileSync(path.join(root, 'certainty.yaml'), certainty);
  return root;
}

/** The problems of a root, one "file:line  path  message" line each (fixes left out). */
function heads(root: string): string[] {
  return problemsOf(root)
    .split('\n')
    .filter((line) => line.startsWith('content/'));
}

const ROBINS_OPTIONAL = 'risk_of_bias:\n  tool: robins-i\n  required: false\n';

/** certainty.yaml rating `outcome` in all five domains, with `over` replacing some. */
function certaintyFile(outcome: string, over: Record<string, string> = {}): string {
  const domains: Record<string, string> = {
    risk_of_bias: '{rating: serious, reason: "Most patients come from studies at serious risk"}',
    inconsistency: '{rating: suggested}',
    indirectness: '{rating: not_serious, reason: "The studies match the question"}',
    imprecision: '{rating: suggested}',
    publication_bias: '{rating: suggested}',
    ...over,
  };
  return `outcomes:\n  ${outcome}:\n    domains:\n${Object.entries(domains)
    .map(([d, r]) => `      ${d}: ${r}`)
    .join('\n')}\n`;
}

describe('content that passes', () => {
  test('a review with a preset, assessments of every included trial and a certainty.yaml', () => {
    const root = rootWith({
      review: 'risk_of_bias:\n  tool: robins-i\ncertainty:\n  outcomes:\n    crs_g3: {imprecision: {serious_width: 10}}\n',
      trials: {
        'alpha-cel': robBlock(ROBINS_I, 'moderate', '  reports:\n    jco-2025:\n      domains:\n        measurement: {judgement: low, support: "Independent review of response", source: "JCO 2025, methods"}\n'),
        'beta-nk': robBlock(ROBINS_I, 'no_information'),
      },
      certainty: certaintyFile('borr', { risk_of_bias: '{rating: suggested}' }) + certaintyFile('crs_g3').replace('outcomes:\n', ''),
    });
    expect(problemsOf(root)).toBe('');
    const loaded = loadReview(root);
    expect(Object.keys(loaded.certainty.outcomes)).toEqual(['borr', 'crs_g3']);
    expect(loaded.certainty.outcomes['borr']?.domains.imprecision).toEqual({ rating: 'suggested' });
    expect(loaded.trials.find((t) => t.slug === 'alpha-cel')?.data.risk_of_bias?.reports['jco-2025']?.domains['measurement']?.judgement).toBe('low');
  });

  test('without certainty.yaml no outcome is rated, and nothing is missing', () => {
    const root = makeContentRoot();
    expect(existsSync(path.join(root, 'certainty.yaml'))).toBe(false);
    expect(validateContent(readContent(root)).certainty).toBeUndefined();
    expect(loadReview(root).certainty).toEqual({ outcomes: {} });
  });

  test('with required: false an included trial may have no assessment; a described one never needs one', () => {
    expect(problemsOf(rootWith({ review: ROBINS_OPTIONAL }))).toBe('');
    // gamma-cel is described: not required, even with required: true, as long as the included trials have theirs
    const root = rootWith({ review: 'risk_of_bias:\n  tool: robins-i\n', trials: { 'alpha-cel': robBlock(ROBINS_I), 'beta-nk': robBlock(ROBINS_I) } });
    expect(problemsOf(root)).toBe('');
  });

  test('a tool of the review\'s own, scored with points and bands, and one judged by the curator', () => {
    const scored = [
      'risk_of_bias:',
      '  tool:',
      '    id: own-checklist',
      '    label: "Own checklist"',
      '    domains:',
      '      - {id: aim, label: "Aim", question: "Is the aim stated?"}',
      '      - {id: follow_up, label: "Follow-up", question: "Was follow-up long enough?", optional: true}',
      '    levels:',
      '      - {id: met, label: "Met", class: low, points: 1}',
      '      - {id: unmet, label: "Not met", class: high, points: 0}',
      '      - {id: not_applicable, label: "Not applicable", class: na}',
      '    overall:',
      '      method: score',
      '      levels:',
      '        - {id: good, label: "Good", class: low}',
      '        - {id: poor, label: "Poor", class: high}',
      '      bands: [{min: 0.5, level: good}, {min: 0, level: poor}]',
    ].join('\n');
    expect(problemsOf(rootWith({ review: scored, trials: { 'alpha-cel': robBlock(['aim'], 'met'), 'beta-nk': robBlock(['aim', 'follow_up'], 'unmet') } }))).toBe('');
    const judged = scored.replace('method: score', 'method: judged').replace(/\n {6}bands: .*$/, '');
    const overall = '  overall: {judgement: good, support: "All items met", source: "Full article"}\n';
    expect(problemsOf(rootWith({ review: judged, trials: { 'alpha-cel': robBlock(['aim'], 'met', overall), 'beta-nk': robBlock(['aim'], 'met', overall) } }))).toBe('');
  });
});

describe('the tool in review.yaml', () => {
  test('an own tool: duplicate domain, level and overall level ids; score without points or bands; a band of no overall level', () => {
    const review = [
      'risk_of_bias:',
      '  required: false',
      '  tool:',
      '    id: own-checklist',
      '    label: "Own checklist"',
      '    domains:',
      '      - {id: aim, label: "Aim", question: "Is the aim stated?"}',
      '      - {id: aim, label: "Aim again", question: "Is the aim stated?"}',
      '    levels:',
      '      - {id: met, label: "Met", class: low, points: 1}',
      '      - {id: unmet, label: "Not met", class: high}',
      '      - {id: unmet, label: "Not met either", class: high, points: 0}',
      '      - {id: not_applicable, label: "Not applicable", class: na}',
      '    overall:',
      '      method: score',
      '      levels:',
      '        - {id: good, label: "Good", class: low}',
      '        - {id: good, label: "Also good", class: low}',
      '        - {id: poor, label: "Poor", class: high}',
      '      bands: [{min: 0.5, level: god}, {min: 0, level: poor}]',
    ].join('\n');
    const out = heads(rootWith({ review }));
    expect(out).toEqual([
      expect.stringMatching(/^content\/review\.yaml:\d+ {2}risk_of_bias\.tool\.domains\.1\.id {2}two domains of the risk-of-bias tool have the id "aim" \(the first on line \d+\)$/),
      expect.stringMatching(/risk_of_bias\.tool\.levels\.1\.points {2}the tool adds up points \(overall\.method: score\), but level "unmet" gives no points$/),
      expect.stringMatching(/risk_of_bias\.tool\.levels\.2\.id {2}two levels of the risk-of-bias tool have the id "unmet"/),
      expect.stringMatching(/risk_of_bias\.tool\.overall\.levels\.1\.id {2}two overall levels of the risk-of-bias tool have the id "good"/),
      expect.stringMatching(/risk_of_bias\.tool\.overall\.bands\.0\.level {2}band level "god" is not an overall level of the tool$/),
    ]);
    expect(problemsOf(rootWith({ review }))).toContain('fix: did you mean "good"? use an overall level id: good, good, poor');
    const noBands = review.replace(/\n {6}bands: .*$/, '').replace('{id: unmet, label: "Not met", class: high}', '{id: unmet, label: "Not met", class: high, points: 0}');
    expect(heads(rootWith({ review: noBands })).filter((l) => l.includes('overall'))).toEqual([
      expect.stringMatching(/risk_of_bias\.tool\.overall\.bands {2}the tool adds up points \(overall\.method: score\), but overall gives no bands/),
      expect.stringMatching(/two overall levels/),
    ]);
  });

  test('worst with overall levels: every class a domain level has needs an overall level of that class', () => {
    const review = [
      'risk_of_bias:',
      '  required: false',
      '  tool:',
      '    id: own-tool',
      '    label: "Own tool"',
      '    domains: [{id: selection, label: "Selection", question: "Were patients selected fairly?"}]',
      '    levels:',
      '      - {id: low, label: "Low", class: low}',
      '      - {id: some, label: "Some concerns", class: some}',
      '      - {id: high, label: "High", class: high}',
      '      - {id: unclear, label: "Unclear", class: unclear}',
      '      - {id: not_applicable, label: "Not applicable", class: na}',
      '    overall:',
      '      method: worst',
      '      levels: [{id: low, label: "Low", class: low}, {id: high, label: "High", class: high}]',
    ].join('\n');
    const text = problemsOf(rootWith({ review }));
    expect(text).toMatch(
      /risk_of_bias\.tool\.overall\.levels {2}the overall judgement is the worst domain judgement, but overall\.levels has no level of class "some" and "unclear", which domain levels \(some and unclear\) can give\n {2}fix: add an overall level of class some and unclear to overall\.levels, or leave overall\.levels out to use the domain levels/,
    );
    expect(text).toContain('1 problem in 1 file');
  });

  test('an unknown preset is reported once, not again in every trial file', () => {
    const root = rootWith({ review: 'risk_of_bias:\n  tool: jbi\n', trials: { 'alpha-cel': robBlock(['anything']) } });
    expect(heads(root)).toEqual([expect.stringMatching(/risk_of_bias\.tool {2}"jbi" is not a risk-of-bias tool shipped with the generator$/)]);
  });

  test('certainty.outcomes in review.yaml names outcomes of the review', () => {
    const root = rootWith({ review: 'certainty:\n  outcomes:\n    bor: {imprecision: {serious_width: 10}}\n' });
    expect(problemsOf(root)).toMatch(/content\/review\.yaml:\d+ {2}certainty\.outcomes\.bor {2}"bor" is not an outcome of the review\n {2}fix: did you mean "borr"\? give thresholds by an outcome id of review\.yaml: borr, bcrr, crs_g3/);
  });
});

describe('judgements in trial files', () => {
  test('judgements without a tool in review.yaml', () => {
    expect(heads(rootWith({ trials: { 'gamma-cel': robBlock(ROBINS_I) } }))).toEqual([
      expect.stringMatching(/^content\/trials\/gamma-cel\.md:\d+ {2}risk_of_bias {2}the trial gives risk-of-bias judgements, but review\.yaml declares no risk-of-bias tool to read them with$/),
    ]);
  });

  test('an unknown domain (with the nearest), and an overall judgement the tool works out itself', () => {
    const domains = [...ROBINS_I.filter((d) => d !== 'confounding'), 'confouding'];
    const overall = '  overall: {judgement: serious, support: "Worst of the domains", source: "Full article"}\n';
    const text = problemsOf(rootWith({ review: ROBINS_OPTIONAL, trials: { 'alpha-cel': robBlock(domains, 'moderate', overall) } }));
    expect(text).toContain('risk_of_bias.domains.confouding  "confouding" is not a domain of the review\'s risk-of-bias tool (ROBINS-I');
    expect(text).toContain('fix: did you mean "confounding"? use a domain id of the tool: confounding, selection, classification, deviations, missing_data, measurement, reporting');
    expect(text).toContain('risk_of_bias.domains  the assessment gives no judgement for confounding, which the tool requires');
    expect(text).toContain('risk_of_bias.overall  an overall judgement is given, but the tool reaches it from the domains (overall.method: worst)');
  });

  test('a described trial is not required to have an assessment, but one it has is checked', () => {
    const text = problemsOf(rootWith({ review: 'risk_of_bias:\n  tool: robins-i\n', trials: { 'alpha-cel': robBlock(ROBINS_I), 'beta-nk': robBlock(ROBINS_I), 'gamma-cel': robBlock(ROBINS_I, 'unclear') } }));
    expect(text.split('\n').filter((l) => l.startsWith('content/'))).toHaveLength(ROBINS_I.length);
    expect(text).toContain('content/trials/gamma-cel.md');
    expect(text).toContain('"unclear" is not a judgement level of the review\'s risk-of-bias tool');
  });

  test('judgements for a report: a report id of the trial, and each report complete once merged with the trial\'s', () => {
    const report = (id: string, domains: readonly string[]) =>
      `    ${id}:\n      domains:\n${domains.map((d) => `        ${d}: {judgement: low, support: "Independent review", source: "Full article"}`).join('\n')}\n`;
    // every report the analysis uses has judgements of its own: each is checked merged with the trial's
    const trial = robBlock(ROBINS_I.slice(0, 5), 'moderate', `  reports:\n${report('ash-2023', ['measurement'])}${report('jco-2025', ['measurement', 'reporting'])}${report('jco-2052', ['reporting'])}`);
    const text = problemsOf(rootWith({ review: ROBINS_OPTIONAL, trials: { 'alpha-cel': trial } }));
    expect(text.split('\n').filter((l) => l.startsWith('content/'))).toEqual([
      expect.stringMatching(/risk_of_bias\.reports\.ash-2023\.domains {2}the assessment of report "ash-2023" \(the trial's judgements with those under reports\.ash-2023\) gives no judgement for reporting, which the tool requires$/),
      expect.stringMatching(/risk_of_bias\.reports\.jco-2052 {2}"jco-2052" is not a report of this trial$/),
    ]);
    expect(text).toContain('fix: did you mean "jco-2025"? give judgements for one report by its id under reports: ash-2023, jco-2025');
    expect(text).toContain('under risk_of_bias.domains, or under risk_of_bias.reports.ash-2023.domains for this report only; when the report does not say, the judgement is no_information (No information)');
  });

  test('a report that is excluded needs no complete assessment', () => {
    const root = rootWith({ review: ROBINS_OPTIONAL, trials: { 'alpha-cel': robBlock(ROBINS_I.slice(0, 6), 'moderate', '  reports:\n    jco-2025:\n      domains:\n        reporting: {judgement: low, support: "Protocol published", source: "Full article"}\n') } });
    // ash-2023 (superseded) still counts: it uses the trial's judgements, which lack reporting
    expect(heads(root)).toEqual([expect.stringMatching(/risk_of_bias\.domains {2}the assessment gives no judgement for reporting/)]);
    editContentFile(root, 'trials/alpha-cel.md', /status: superseded\n {4}superseded_by: jco-2025\n {4}reason: "The full article reports more patients"/, 'status: excluded\n    reason: "Duplicate of the full article"');
    expect(heads(root).filter((l) => l.includes('risk_of_bias'))).toEqual([]);
  });

  test('a tool judged by the curator: the overall judgement is required and is an overall level', () => {
    const review = [
      'risk_of_bias:',
      '  required: false',
      '  tool:',
      '    id: own-tool',
      '    label: "Own tool"',
      '    domains: [{id: selection, label: "Selection", question: "Were patients selected fairly?"}]',
      '    levels: [{id: low, label: "Low", class: low}, {id: high, label: "High", class: high}]',
      '    overall:',
      '      method: judged',
      '      levels: [{id: acceptable, label: "Acceptable", class: low}, {id: unacceptable, label: "Unacceptable", class: high}]',
    ].join('\n');
    const text = problemsOf(
      rootWith({
        review,
        trials: {
          'alpha-cel': robBlock(['selection'], 'low'),
          'beta-nk': robBlock(['selection'], 'low', '  overall: {judgement: low, support: "Selection fair", source: "Abstract"}\n'),
        },
      }),
    );
    expect(text).toContain('content/trials/alpha-cel.md:47  risk_of_bias.overall  the assessment gives no overall judgement, which the tool leaves to the curator (overall.method: judged)');
    expect(text).toContain('fix: add overall: {judgement, support, source} under risk_of_bias, with judgement one of: acceptable (Acceptable), unacceptable (Unacceptable)');
    expect(text).toContain('content/trials/beta-nk.md:39  risk_of_bias.overall.judgement  "low" is not an overall level of the review\'s risk-of-bias tool');
    expect(text).toContain('2 problems in 2 files');
  });
});

describe('certainty.yaml', () => {
  test('an outcome that is not in review.yaml, with the nearest', () => {
    const text = problemsOf(rootWith({ certainty: certaintyFile('bcr', { risk_of_bias: '{rating: not_serious, reason: "Low risk overall"}' }) }));
    expect(text).toMatch(/^content\/certainty\.yaml:2 {2}outcomes\.bcr {2}"bcr" is not an outcome of the review\n {2}fix: did you mean "bcrr"\? rate an outcome by its id in review\.yaml: borr, bcrr, crs_g3/);
  });

  test('"suggested" for risk of bias only when review.yaml declares a tool', () => {
    const file = certaintyFile('borr', { risk_of_bias: '{rating: suggested}' });
    expect(problemsOf(rootWith({ certainty: file }))).toContain(
      'content/certainty.yaml:4  outcomes.borr.domains.risk_of_bias.rating  risk_of_bias cannot be "suggested": review.yaml declares no risk-of-bias tool, so the data give no prompt for it',
    );
    expect(problemsOf(rootWith({ review: ROBINS_OPTIONAL, certainty: file }))).toBe('');
  });

  test('an empty reason is no reason; the missing domains are written as YAML to add', () => {
    const text = problemsOf(rootWith({ certainty: 'outcomes:\n  crs_g3:\n    domains:\n      imprecision: {rating: very_serious, reason: ""}\n' }));
    expect(text).toContain('outcomes.crs_g3.domains.imprecision.reason  a certainty rating without a reason: imprecision is rated very_serious, with no reason');
    expect(text).toContain(
      'fix: add under domains, one line each: risk_of_bias: {rating: not_serious, reason: "…"}; inconsistency: {rating: suggested}; indirectness: {rating: not_serious, reason: "…"}; publication_bias: {rating: suggested}',
    );
  });

  test('the schema: an unknown rating or field is refused with file and line', () => {
    const text = problemsOf(rootWith({ certainty: certaintyFile('borr', { imprecision: '{rating: serios, reason: "Wide interval"}' }) + 'notes: "x"\n' }));
    expect(text).toMatch(/content\/certainty\.yaml:7 {2}outcomes\.borr\.domains\.imprecision\.rating/);
    expect(text).toMatch(/content\/certainty\.yaml:9 {2}notes/);
  });

  test('a link in place of certainty.yaml is refused without being read', () => {
    const root = makeContentRoot();
    symlinkSync(path.join(os.homedir(), '.ssh-does-not-exist'), path.join(root, 'certainty.yaml'));
    expect(problemsOf(root)).toMatch(/^content\/certainty\.yaml {2}/);
  });
});
