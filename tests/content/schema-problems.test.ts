import { describe, expect, test } from 'vitest';
import { decodeContent } from '../../src/lib/content/decode-content.ts';
import { messages } from '../../src/lib/content/messages.ts';
import { schemaProblems } from '../../src/lib/content/schema-problems.ts';
import { splitFrontMatter } from '../../src/lib/content/split-front-matter.ts';
import { outcomeValueSchema, searchSchema, trialSchema } from '../../src/schemas/index.ts';

const problemsOf = (schema: Parameters<typeof schemaProblems>[0], input: unknown) =>
  schemaProblems(schema, input).problems.map((p) => ({ path: p.path.join('.'), ...p.text }));

describe('schema problems in the curator’s words', () => {
  test('events larger than n names both numbers', () => {
    expect(problemsOf(outcomeValueSchema, { events: 14, n: 12, source: 'Table 2' })).toEqual([
      { path: 'events', ...messages.eventsExceedN(14, 12) },
    ]);
  });

  test('numbers with a missing n are read as the numbers form, not as "not disclosed"', () => {
    expect(problemsOf(outcomeValueSchema, { events: 3, source: 'Table 2' })).toEqual([
      { path: 'n', ...messages.missingField('n', 'Number of patients evaluated') },
    ]);
  });

  test('a not-disclosed block with a typo is read as the not-disclosed form', () => {
    expect(problemsOf(outcomeValueSchema, { nd: true, sorce: 'Table 2' })).toEqual([
      { path: 'sorce', ...messages.unknownField('sorce', ['nd', 'source', 'note'], 'source') },
    ]);
  });

  test('a value in none of the forms lists the forms', () => {
    expect(problemsOf(outcomeValueSchema, 'not given')).toEqual([
      { path: '', ...messages.notOneOfTheForms('the file', 'not given', '{events, n, source, inferred} or nd or {nd, source, note}') },
    ]);
  });

  test('a file that is a list, not fields, says so', () => {
    expect(problemsOf(searchSchema, [1, 2])).toEqual([{ path: '', ...messages.notAMapping([1, 2]) }]);
  });

  test('an empty value is reported as empty, with how to write the type', () => {
    const [first] = problemsOf(searchSchema, { release: null });
    expect(first?.message).toBe('release should be a number, but it is empty');
  });

  test('a TODO placeholder is reported once, instead of the type error it causes', () => {
    const problems = problemsOf(trialSchema, { label: 'TODO', phase: 'TODO' }).filter((p) => p.path === 'label' || p.path === 'phase');
    expect(problems.map((p) => p.message)).toEqual(['label still holds the placeholder TODO', 'phase still holds the placeholder TODO']);
  });
});

describe('reading the bytes of a file', () => {
  test('drops a byte-order mark', () => {
    expect(decodeContent(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31]))).toEqual({ ok: true, text: 'a: 1' });
  });

  test('refuses what is only white space as empty', () => {
    expect(decodeContent(new TextEncoder().encode(' \n\n'))).toEqual({ ok: false, problem: messages.fileEmpty() });
  });

  test('refuses bytes over the limit without decoding them', () => {
    expect(decodeContent(new Uint8Array(11), 10)).toEqual({ ok: false, problem: messages.fileTooLarge(11, 10) });
  });
});

describe('splitting front matter', () => {
  test('accepts ... as the closing line and keeps the notes', () => {
    expect(splitFrontMatter('---\na: 1\n...\nNotes\n')).toEqual({ ok: true, yaml: 'a: 1\n', lineOffset: 1, body: 'Notes\n', bodyLine: 4 });
  });

  test('reports front matter that is never closed at its first line', () => {
    expect(splitFrontMatter('---\na: 1\n')).toEqual({ ok: false, line: 1, problem: messages.frontMatterNotClosed() });
  });
});
