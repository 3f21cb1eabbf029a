/**
 * A chapter is content, not code: its body is parsed (never compiled) and refused when it holds
 * code, HTML outside the small allow-list, an unsafe link, or a component whose props do not
 * match the catalogue and the review (src/lib/content/chapters). The exact texts are pinned
 * here; the build refuses the same cases (tests/content/build-refuses.test.ts), and a refused
 * chapter never reaches Astro (below).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkChapters } from '../../src/lib/content/chapters/check-chapters.ts';
import { parseContentFile } from '../../src/lib/content/content-files.ts';
import { formatProblems } from '../../src/lib/content/format-problems.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';
import { checkCase, makeContentRoot, REPO_ROOT, removeContentRoots } from '../helpers/content-fixture.ts';
import { runScript } from '../helpers/run-script.ts';

const temp: string[] = [];
afterAll(() => {
  removeContentRoots();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run check on a chapter that is not content', () => {
  test('refuses import and export lines: a chapter never runs code', () => {
    expect(checkCase('chapter-esm-export')).toMatchInlineSnapshot(`
      "content/chapters/who.mdx:6  the chapter contains code (import { execSync } from 'node:child_pr…); a chapter is text with the review's components, and import or export lines are code
        fix: delete the line: the components (<Estimate>, <Count>, …) need no import, and every number comes from them
      content/chapters/who.mdx:11  the chapter contains code in braces ({who}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}

      2 problems in 1 file"
    `);
  });

  test('refuses an import or export line that one MDX compiler reads as code and another as text', () => {
    expect(checkCase('chapter-esm-tab')).toMatchInlineSnapshot(`
      "content/chapters/tab.mdx:8  the chapter contains code (import fs from "node:fs"); a chapter is text with the review's components, and import or export lines are code
        fix: delete the line: the components (<Estimate>, <Count>, …) need no import, and every number comes from them
      content/chapters/tab.mdx:10  the chapter contains code (export const ran = fs.writeFileSync(pro…); a chapter is text with the review's components, and import or export lines are code
        fix: delete the line: the components (<Estimate>, <Count>, …) need no import, and every number comes from them

      2 problems in 1 file"
    `);
  });

  test('allows a comment, but not code after a comment or a line comment', () => {
    expect(checkCase('chapter-comment-trick')).toMatchInlineSnapshot(`
      "content/chapters/comments.mdx:6  the chapter contains code in braces ({/* a */ globalThis.alert(1)}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}
      content/chapters/comments.mdx:6  the chapter contains code in braces ({// x}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}

      2 problems in 1 file"
    `);
  });

  test('refuses code in braces, in a paragraph or on a line of its own', () => {
    expect(checkCase('chapter-expression')).toMatchInlineSnapshot(`
      "content/chapters/sums.mdx:6  the chapter contains code in braces ({1 + 1}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}
      content/chapters/sums.mdx:8  the chapter contains code in braces ({globalThis.process?.exit(1)}); a chapter cannot run code
        fix: delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}

      2 problems in 1 file"
    `);
  });

  test('refuses a javascript: link, however it is spelt, and a link definition to one', () => {
    expect(checkCase('chapter-javascript-link')).toMatchInlineSnapshot(`
      "content/chapters/links.mdx:6  the link goes to "javascript:alert(document.cookie)"; a chapter links only to web addresses (https://…), e-mail addresses (mailto:…) and pages of the site written from its root (/outcomes/…/)
        fix: write the full web address with https://, or the path of the page from the site root, starting with one /
      content/chapters/links.mdx:6  the link goes to "JavaScript:alert(1)"; a chapter links only to web addresses (https://…), e-mail addresses (mailto:…) and pages of the site written from its root (/outcomes/…/)
        fix: write the full web address with https://, or the path of the page from the site root, starting with one /
      content/chapters/links.mdx:8  the link definition goes to "javascript:alert(1)"; a chapter links only to web addresses (https://…), e-mail addresses (mailto:…) and pages of the site written from its root (/outcomes/…/)
        fix: write the full web address with https://, or the path of the page from the site root, starting with one /

      3 problems in 1 file"
    `);
  });

  test('refuses an <img> with an event handler', () => {
    expect(checkCase('chapter-img-onerror')).toMatchInlineSnapshot(`
      "content/chapters/picture.mdx:6  the chapter contains the HTML tag <img>; the only HTML a chapter may contain is <abbr>, <sub>, <sup>, <br>, <em> and <strong>
        fix: write a Markdown image from the site root: ![what it shows](/figures/name.png)

      1 problem in 1 file"
    `);
  });

  test('refuses a <script>', () => {
    expect(checkCase('chapter-script')).toMatchInlineSnapshot(`
      "content/chapters/script.mdx:8  the chapter contains the HTML tag <script>; the only HTML a chapter may contain is <abbr>, <sub>, <sup>, <br>, <em> and <strong>
        fix: delete <script>: write the text in Markdown (**bold**, *italic*, [link](https://…), headings with #)

      1 problem in 1 file"
    `);
  });

  test('refuses an <iframe>', () => {
    expect(checkCase('chapter-iframe')).toMatchInlineSnapshot(`
      "content/chapters/frame.mdx:8  the chapter contains the HTML tag <iframe>; the only HTML a chapter may contain is <abbr>, <sub>, <sup>, <br>, <em> and <strong>
        fix: delete <iframe>: write the text in Markdown (**bold**, *italic*, [link](https://…), headings with #)

      1 problem in 1 file"
    `);
  });

  test('refuses a misspelt outcome, suggesting the right one', () => {
    expect(checkCase('chapter-misspelt-outcome')).toMatchInlineSnapshot(`
      "content/chapters/outcome.mdx:6  Estimate.outcome  <Estimate outcome> is "bor", which is not an outcome of review.yaml; did you mean "borr"? (they are borr, bcrr and crs_g3)
        fix: write outcome="borr"

      1 problem in 1 file"
    `);
  });

  test('refuses an outcome review.yaml does not declare (or no longer does)', () => {
    expect(checkCase('chapter-outcome-not-in-review')).toMatchInlineSnapshot(`
      "content/chapters/removed.mdx:6  Count.outcome  <Count outcome> is "gvhd", which is not an outcome of review.yaml (they are borr, bcrr and crs_g3)
        fix: write one of borr, bcrr and crs_g3; if it was removed from review.yaml, update or delete the sentence that cites it

      1 problem in 1 file"
    `);
  });

  test('refuses a misspelt subgroup level', () => {
    expect(checkCase('chapter-misspelt-level')).toMatchInlineSnapshot(`
      "content/chapters/level.mdx:6  Estimate.level  <Estimate level> is "carnk_", which is not a level of the subgroup variable "modality"; did you mean "car_nk"? (its levels are car_t and car_nk)
        fix: write level="car_nk"

      1 problem in 1 file"
    `);
  });

  test('refuses a misspelt subgroup variable', () => {
    expect(checkCase('chapter-misspelt-variable')).toMatchInlineSnapshot(`
      "content/chapters/variable.mdx:6  SubgroupTest.variable  <SubgroupTest variable> is "modalty", which is not a subgroup variable of review.yaml; did you mean "modality"? (they are modality)
        fix: write variable="modality"

      1 problem in 1 file"
    `);
  });

  test('refuses a misspelt prop', () => {
    expect(checkCase('chapter-misspelt-prop')).toMatchInlineSnapshot(`
      "content/chapters/prop.mdx:6  Estimate.sho  <Estimate> has no prop "sho"; did you mean "show"? (its props are outcome, variable, level, show and release)
        fix: write show=…

      1 problem in 1 file"
    `);
  });

  test('refuses a misspelt component', () => {
    expect(checkCase('chapter-misspelt-component')).toMatchInlineSnapshot(`
      "content/chapters/component.mdx:6  <Estimat> is not a component chapters can use; did you mean "Estimate"? (they are Estimate, Count, SubgroupTest, Sensitivity, ForestPlot, Certainty, SummaryOfFindings and Since)
        fix: write <Estimate>; the curators' guide lists every component with its props

      1 problem in 1 file"
    `);
  });

  test('refuses a release written as text', () => {
    expect(checkCase('chapter-release-as-text')).toMatchInlineSnapshot(`
      "content/chapters/release.mdx:6  Estimate.release  <Estimate release> is text ("1"); a release number is written in braces, without quotes
        fix: write release={1}

      1 problem in 1 file"
    `);
  });

  test('refuses a value not in the catalogue (show, of)', () => {
    expect(checkCase('chapter-misspelt-value')).toMatchInlineSnapshot(`
      "content/chapters/value.mdx:6  Count.of  <Count of> is "patient", which is not one of its values; did you mean "patients"? (they are included, cohorts, patients, described, excluded, reports, registered, releases, outcome-trials, outcome-cohorts, not-disclosed and not-pooled)
        fix: write of="patients"
      content/chapters/value.mdx:6  Estimate.show  <Estimate show> is "ful", which is not one of its values; did you mean "full"? (they are ci, estimate, full, k, trials, n, events, i2, tau2, q_p and pi)
        fix: write show="full"

      2 problems in 1 file"
    `);
  });

  test('refuses a component without a prop it needs', () => {
    expect(checkCase('chapter-missing-prop')).toMatchInlineSnapshot(`
      "content/chapters/missing.mdx:6  Count.population  <Count> needs population with of="patients"
        fix: add population="…"; the curators' guide gives an example of every component
      content/chapters/missing.mdx:6  Sensitivity.show  <Sensitivity> needs show
        fix: add show="…"; the curators' guide gives an example of every component

      2 problems in 1 file"
    `);
  });

  test('refuses attributes on the HTML a chapter may contain', () => {
    expect(checkCase('chapter-html-attribute')).toMatchInlineSnapshot(`
      "content/chapters/attributes.mdx:6  abbr.onmouseover  <abbr onmouseover>: HTML in a chapter takes no attribute but title
        fix: delete onmouseover
      content/chapters/attributes.mdx:6  strong.style  <strong style>: HTML in a chapter takes no attribute but title
        fix: delete style: the site styles the chapter itself

      2 problems in 1 file"
    `);
  });

  test('refuses a prop whose value is code, and spread props', () => {
    expect(checkCase('chapter-prop-code')).toMatchInlineSnapshot(`
      "content/chapters/propcode.mdx:6  Estimate  <Estimate> contains code ({...globalThis.props}) among its props; a chapter cannot run code
        fix: write each prop out: name="text" or name={1}
      content/chapters/propcode.mdx:6  Estimate.outcome  <Estimate outcome> is code ({'bo' + 'rr'}); a prop is text in quotes, or a number or true/false in braces
        fix: write the value itself in quotes: outcome="…"

      2 problems in 1 file"
    `);
  });

  test('refuses a body that is not MDX, naming the line', () => {
    expect(checkCase('chapter-not-mdx')).toMatchInlineSnapshot(`
      "content/chapters/notmdx.mdx:6  the chapter cannot be read as MDX: Unexpected end of file in expression, expected a corresponding closing brace for \`{\`
        fix: MDX reads < as the start of a component and { as the start of code: write \\< and \\{ for the characters themselves (or "less than"), and close every component you open

      1 problem in 1 file"
    `);
  });

  test('refuses an image path relative to the chapter (the build would import the file)', () => {
    expect(checkCase('chapter-relative-image')).toMatchInlineSnapshot(`
      "content/chapters/image.mdx:6  the image "../../../node_modules/astro/package.json" is a path relative to the chapter; the build would read it as a file to import
        fix: put the picture in public/ and write its path from the site root, e.g. ![what it shows](/figures/name.png), or a full https:// address

      1 problem in 1 file"
    `);
  });

});

describe('a refused chapter never reaches Astro', () => {
  // Both chapters write a marker file when their code runs: the compiler the build uses reads
  // each of them as code (the second one only because of the tab after import and export).
  test.each([
    ['chapter-esm-export', 'chapters/who.mdx:6'],
    ['chapter-esm-tab', 'chapters/tab.mdx:8'],
  ])("%s: npm run check and npm run build exit 1, and the chapter's code never runs", (name, where) => {
    const root = makeContentRoot(name);
    const parent = mkdtempSync(path.join(os.tmpdir(), 'chapter-payload-'));
    temp.push(parent);
    const marker = path.join(parent, 'the-chapter-ran');
    const env = { REVIEW_CONTENT: root, CHAPTER_PAYLOAD_MARKER: marker };

    const check = runScript('check.ts', [], env);
    expect(check.status, check.stderr).toBe(1);
    expect(`${check.stdout}\n${check.stderr}`).toContain(where);

    const out = path.join(parent, 'site');
    const build = runScript('build.ts', ['--out', out], env);
    expect(build.status, build.stderr).toBe(1);
    expect(build.stderr).toContain(where);
    expect(existsSync(marker), "the chapter's code ran").toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});

describe('no false alarms', () => {
  const chapterProblems = (root: string) =>
    formatProblems(validateContent(readContent(root)).problems.filter((p) => p.file.includes('/chapters/')));

  test("the hosted review's chapters pass", () => {
    expect(chapterProblems(path.join(REPO_ROOT, 'content'))).toBe('');
  });

  test("the example review's chapters pass", () => {
    expect(chapterProblems(path.join(REPO_ROOT, 'examples/pritz1997'))).toBe('');
  });

  test("the synthetic review's chapters pass", () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'chapter-synth-'));
    temp.push(parent);
    const out = path.join(parent, 'review');
    const run = runScript('synth.ts', ['--trials', '50', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'chapters')).length).toBeGreaterThan(0);
    expect(chapterProblems(out)).toBe('');
  });

  test("the example chapter npm run new-review writes passes (its notes are MDX comments)", () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'chapter-new-review-'));
    temp.push(parent);
    const out = path.join(parent, 'review');
    const run = runScript('new-review.ts', [out]);
    expect(run.status, run.stderr).toBe(0);
    const chapters = readContent(out).chapters;
    expect(chapters.length).toBeGreaterThan(0);
    expect(formatProblems(checkChapters(chapters, undefined))).toBe('');
  });

  test('every component example of the curators\' guide passes, with the props it documents', () => {
    // A chapter written from the catalogue's own examples, against the test review.
    const examples = [
      '<Estimate outcome="borr" />',
      '<Estimate outcome="borr" show="full" />',
      '<Estimate outcome="borr" variable="modality" level="car_nk" show="estimate" />',
      '<Estimate outcome="borr" release={1} />',
      '<Count of="included" />',
      '<Count of="patients" population="efficacy" />',
      '<Count of="included" variable="modality" level="car_t" />',
      '<Count of="cohorts" population="safety" variable="modality" level="car_t" />',
      '<Count of="outcome-trials" outcome="borr" />',
      '<Count of="not-pooled" outcome="borr" reason="not_reported" />',
      '<Count of="registered" status="recruiting" />',
      '<SubgroupTest outcome="borr" variable="modality" show="p" />',
      '<Sensitivity outcome="borr" show="loo-range" />',
      '<ForestPlot outcome="borr" variable="modality" caption="Response by subgroup" />',
      '<Since release={2}>Release 2 added the full article.</Since>',
      '<Since until={1}>Only the abstract was available.</Since>',
      '<Since release={3}>Text for the release being prepared.</Since>',
      '[the pooled results](/outcomes/borr/) and [the methods](/chapters/methods/#search), [a paper](https://doi.org/10.1000/x), [mail](mailto:a@example.org), [above](#top)',
      '![The flow](/figures/flow.png) and <abbr title="complete response">CR</abbr>, H<sub>2</sub>O, x<sup>2</sup>, <em>a</em> <strong>b</strong><br />',
      '{/* A note to other curators. */} and {/* one */ /* two */}',
      '| a | b |\n|---|---|\n| <Estimate outcome="bcrr" show="k" /> | x[^1] |\n\n[^1]: A footnote.',
    ];
    const body = examples.join('\n\n');
    const bytes = new TextEncoder().encode(`---\ntitle: T\norder: 1\n---\n\n${body}\n`);
    const { source } = parseContentFile('chapter', 'content/chapters/t.mdx', 't', bytes);
    const review = validateContent(readContent(makeContentRoot())).review!.data;
    expect(formatProblems(checkChapters([source], review))).toBe('');
  });
});

describe("the site's Content-Security-Policy", () => {
  // What a chapter could still slip through, the browser refuses to run: every page carries a
  // policy that allows scripts only from the site's files (tests/browser checks the console
  // shows no violation while the plots, search, filters and popovers work).
  const astroFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? astroFiles(path.join(dir, e.name)) : e.name.endsWith('.astro') ? [path.join(dir, e.name)] : [],
    );

  test('Base.astro sets a policy with no inline script and no eval', () => {
    const base = readFileSync(path.join(REPO_ROOT, 'src/layouts/Base.astro'), 'utf8');
    expect(base).toContain('<meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />');
    const scriptSrc = /"script-src ([^"]*)"/.exec(base)?.[1];
    expect(scriptSrc).toBe("'self' 'wasm-unsafe-eval'");
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'"]) expect(base).toContain(`"${directive}"`);
  });

  test('no page has an inline script the policy would block', () => {
    const inline = astroFiles(path.join(REPO_ROOT, 'src')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/<script\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => /\bis:inline\b|define:vars/.test(tag) && !/\bsrc=/.test(tag))
        .map((tag) => `${path.relative(REPO_ROOT, file)}: ${tag}`);
    });
    expect(inline).toEqual([]);
  });
});
