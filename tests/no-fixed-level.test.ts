/**
 * A review may be pooled at any confidence level (review.yaml's analysis.level), and each release
 * records the level it was pooled at: every text that names the level of an interval writes it
 * with levelPercent or ciName (format/number-format.ts), never as a fixed "95%".
 *
 * The rule, precisely: no text of the code under src/ (outside src/generated) contains "95%" or
 * "95 %" (any space, not part of a longer number such as 0.95% or 195%). The text of the code is
 * every string literal, every literal part of a template literal, every text and attribute value
 * of a page template: what can reach a reader. For an .astro file that is its frontmatter, its
 * template and its scripts. Comments and doc comments are not code text and may say "95%".
 * A documentation example may, too: a literal whose text has "e.g." before the "95%" (the
 * catalogue of chapter components shows curators what a component writes). Texts are read as
 * written in the source: an escape such as "\u0025" is not looked through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { convertToTsx } from '@astrojs/astro2tsx';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/content-fixture.ts';

/** A level of 95 written as a percent: "95%", "95 %", not "0.95%" or "195%". */
const FIXED_LEVEL = /(?<![\d.,])95[\s\u00a0\u202f]?%/;
const CODE_EXTENSIONS = /\.(ts|mts|js|mjs|astro)$/;

/** The string literals, template parts and JSX texts and attribute values of TypeScript or TSX code. */
function codeTexts(code: string, fileName: string, kind: ts.ScriptKind): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      out.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every text of a source file that a reader could see, whatever its kind of file. */
function sourceTexts(text: string, fileName: string): string[] {
  if (fileName.endsWith('.astro')) {
    const tsx = convertToTsx(text, { filename: path.basename(fileName) });
    return [
      ...codeTexts(tsx.code, `${fileName}.tsx`, ts.ScriptKind.TSX),
      ...tsx.scripts.flatMap((s) => codeTexts(s.content, `${fileName}.script.ts`, ts.ScriptKind.TS)),
    ];
  }
  return codeTexts(text, fileName, /\.m?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
}

/** Whether a text names a fixed 95% level outside a documentation example ("e.g." before it). */
function fixedLevelIn(text: string): boolean {
  const m = FIXED_LEVEL.exec(text);
  return m !== null && !text.slice(0, m.index).includes('e.g.');
}

/** "file:line: text" for each text of the source that names a fixed level. */
function fixedLevels(text: string, fileName: string): string[] {
  // Only a file whose source has the characters at all can have a text with them (parsing every file is slow).
  if (!FIXED_LEVEL.test(text)) return [];
  const lines = text.split('\n');
  return sourceTexts(text, fileName)
    .filter(fixedLevelIn)
    .map((t) => {
      const fragment = FIXED_LEVEL.exec(t)![0];
      const first = t.split('\n').find((l) => l.includes(fragment)) ?? fragment;
      const line = lines.findIndex((l) => l.includes(first.trim())) + 1;
      return `${fileName}:${line || '?'}: ${first.trim().slice(0, 120)}`;
    });
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' ? [] : codeFiles(full);
    return CODE_EXTENSIONS.test(d.name) ? [full] : [];
  });
}

describe('the rule', () => {
  test('finds a fixed level in strings, templates, page text and attributes, and in scripts', () => {
    expect(fixedLevels("const a = '% [95% CI]';", 'a.ts')).toHaveLength(1);
    expect(fixedLevels('const t = (x: string) => `${x}% (95 % CI ${x})`;', 'b.ts')).toHaveLength(1);
    expect(fixedLevels('const t = (x: string) => `${x} to ${x} (95\u00a0%)`;', 'c.ts')).toHaveLength(1);
    expect(fixedLevels('export const s = "95%";', 'd.js')).toHaveLength(1);
    const astro = [
      '---',
      "const heading = 'Pooled % (95% CI)';",
      '---',
      '<table><thead><tr><th>{heading}</th><th class="num">% (95% CI)</th></tr></thead></table>',
      '<td data-label="95% prediction interval">x</td>',
      "<script>const label = '95% PI';</script>",
    ].join('\n');
    const found = fixedLevels(astro, 'e.astro');
    expect(found).toHaveLength(4);
    expect(found[0]).toBe("e.astro:2: Pooled % (95% CI)");
  });

  test('leaves comments, documentation examples and other numbers alone', () => {
    const ts = [
      '/** The heading, e.g. "% [95% CI]". */',
      "const a = '0.95% or 195% or 95.5%'; // a 95% comment",
      '/* 95 % */',
      "const doc = 'the interval, e.g. 52.5% (95% CI 41.0 to 63.9)';",
    ].join('\n');
    expect(fixedLevels(ts, 'f.ts')).toEqual([]);
    const astro = ['---', '// 95% CI', '/** e.g. 95% */', '---', '<!-- a 95% comment -->', '<p>{/* 95% */}90% of them</p>'].join('\n');
    expect(fixedLevels(astro, 'g.astro')).toEqual([]);
  });
});

test('no text of src/ names a fixed 95% level: it comes from the release (levelPercent, ciName)', () => {
  const files = codeFiles(path.join(REPO_ROOT, 'src'));
  expect(files.length).toBeGreaterThan(100);
  const found = files.flatMap((file) => fixedLevels(readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file)));
  expect(found).toEqual([]);
});
