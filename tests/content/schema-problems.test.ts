import { describe, expect, test } from 'vitest';
import { decodeContent } from '../../src/lib/content/decode-content.ts';
import { messages } from '../../src/lib/content/messages.ts';
import { schemaProblems } from '../../src/lib/content/schema-problems.ts';
import { readFrontMatter } from '../../src/lib/content/front-matter.ts';
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

describe('reading front matter', () => {
  const problemOf = (text: string) => {
    const read = readFrontMatter(text);
    return read.ok ? undefined : read.problems[0];
  };

  test('parses the fields and keeps the notes with the line they start on', () => {
    const read = readFrontMatter('---\na: 1\nb: [x, y]\n---\n\n\nNotes\n');
    expect(read).toMatchObject({ ok: true, value: { a: 1, b: ['x', 'y'] }, yaml: 'a: 1\nb: [x, y]\n', body: 'Notes\n', bodyLine: 7 });
    if (read.ok) expect(read.locate(['b', 1])).toBe(3);
  });

  test('reads CRLF files as LF and a closing fence with trailing blanks', () => {
    expect(readFrontMatter('---\r\na: 1\r\n---  \r\nNotes\r\nmore\r\n')).toMatchObject({ ok: true, value: { a: 1 }, yaml: 'a: 1\n', body: 'Notes\nmore\n', bodyLine: 4 });
    expect(readFrontMatter('---\na: 1\n---')).toMatchObject({ ok: true, body: '', bodyLine: 4 });
  });

  test('gives YAML problems the line of the file', () => {
    expect(problemOf('---\na: 1\na: 2\n---\n')).toMatchObject({ line: 3 });
  });

  test('reports front matter that is never closed at its first line', () => {
    expect(problemOf('---\na: 1\n')).toEqual({ line: 1, path: [], text: messages.frontMatterNotClosed() });
  });

  test('refuses ..., which ends YAML but not the front matter the site reads', () => {
    expect(problemOf('---\na: 1\n...\nNotes\n---\n')).toEqual({ line: 3, path: [], text: messages.frontMatterDocumentEnd() });
  });

  test('refuses a line starting with --- or +++ before the closing fence', () => {
    expect(problemOf('---\na: 1\n---x\n---\n')).toEqual({ line: 3, path: [], text: messages.frontMatterStrayFence() });
    expect(problemOf('---\na: 1\n+++\n---\n')).toEqual({ line: 3, path: [], text: messages.frontMatterStrayFence() });
  });

  test('never runs front matter as code: a language after the fence is no front matter', () => {
    for (const fence of ['---js', '---javascript', '---json', '--- js']) {
      expect(problemOf(`${fence}\n({ a: process.exit(9) })\n---\n`)).toEqual({ line: 1, path: [], text: messages.noFrontMatter() });
    }
  });

  test('gives an empty front matter the empty message, and comments only the caller\'s', () => {
    expect(problemOf('---\n\n---\nNotes\n')).toEqual({ line: 1, path: [], text: messages.frontMatterEmpty() });
    expect(problemOf('---\n# only a comment\n---\n')).toMatchObject({ line: 2 });
  });
});
