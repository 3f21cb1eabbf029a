import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { atomDate, atomFeed, type AtomFeed } from '../../src/lib/feeds/atom.ts';
import { escapeXml } from '../../src/lib/format/escape-xml.ts';
import { releaseEntries, releaseSummaryText } from '../../src/lib/feeds/release-entries.ts';
import { trialReportEntries } from '../../src/lib/feeds/trial-entries.ts';
import { loadReview } from '../../src/lib/content/load-review-fs.ts';
import { poolReview } from '../../scripts/pool.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import { childrenNamed, parseXml, textOf, type XmlElement } from './xml-check.ts';

const ROOT_URL = 'https://example.org/review/';

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: `${ROOT_URL}feeds/releases.xml`,
    title: 'Test review: releases',
    updated: '2026-09-15',
    authors: [{ name: 'Ada Curator' }],
    self: `${ROOT_URL}feeds/releases.xml`,
    alternate: `${ROOT_URL}releases/`,
    entries: [
      { id: `${ROOT_URL}releases/2/changes/`, title: 'Release 2', updated: '2026-09-15', link: `${ROOT_URL}releases/2/changes/`, summary: 'bORR 52.5% → 52.0%' },
      { id: `${ROOT_URL}releases/1/changes/`, title: 'Release 1', updated: '2025-06-01', link: `${ROOT_URL}releases/1/changes/`, summary: 'First release' },
    ],
    ...overrides,
  };
}

/** Every element RFC 4287 requires of a feed and its entries, checked on the parsed tree. */
function expectValidAtom(xml: string): XmlElement {
  const root = parseXml(xml);
  expect(root.name).toBe('feed');
  expect(root.attrs['xmlns']).toBe('http://www.w3.org/2005/Atom');
  const one = (el: XmlElement, name: string) => {
    const found = childrenNamed(el, name);
    expect(found, `<${el.name}> has exactly one <${name}>`).toHaveLength(1);
    return found[0]!;
  };
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  expect(textOf(one(root, 'id')).trim()).not.toBe('');
  expect(textOf(one(root, 'title')).trim()).not.toBe('');
  expect(textOf(one(root, 'updated'))).toMatch(dateTime);
  const authors = childrenNamed(root, 'author');
  expect(authors.length).toBeGreaterThan(0);
  for (const a of authors) expect(textOf(one(a, 'name')).trim()).not.toBe('');
  const links = childrenNamed(root, 'link');
  expect(links.filter((l) => l.attrs['rel'] === 'self')).toHaveLength(1);
  expect(links.filter((l) => l.attrs['rel'] === 'alternate' && l.attrs['type'] === 'text/html')).toHaveLength(1);
  for (const l of links) expect(() => new URL(l.attrs['href']!)).not.toThrow();
  for (const entry of childrenNamed(root, 'entry')) {
    expect(textOf(one(entry, 'id')).trim()).not.toBe('');
    expect(textOf(one(entry, 'title')).trim()).not.toBe('');
    expect(textOf(one(entry, 'updated'))).toMatch(dateTime);
    expect(childrenNamed(entry, 'link').filter((l) => l.attrs['rel'] === 'alternate')).toHaveLength(1);
    expect(textOf(one(entry, 'summary')).trim()).not.toBe('');
  }
  return root;
}

describe('the XML check used by these tests', () => {
  test.each([
    ['an unclosed element', '<a><b></a>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['an unquoted attribute', '<a href=x/>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['two roots', '<a/><b/>'],
    ['a control character', '<a>\u0001</a>'],
    ['"<" in an attribute', '<a x="<"/>'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  test('accepts a declaration, comments, references and CDATA', () => {
    const root = parseXml('<?xml version="1.0" encoding="utf-8"?>\n<!-- c --><a x=\'1\'>&lt;&#233;&#x1F600;<![CDATA[<b>]]></a>\n');
    expect(textOf(root)).toBe('<é😀<b>');
  });
});

describe('atomFeed', () => {
  test('writes a well-formed Atom 1.0 feed with every required element', () => {
    const xml = atomFeed(feed());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const root = expectValidAtom(xml);
    expect(childrenNamed(root, 'entry')).toHaveLength(2);
    expect(textOf(childrenNamed(root, 'updated')[0])).toBe('2026-09-15T00:00:00Z');
  });

  test('escapes markup and quotes in text and addresses', () => {
    const title = `<script>alert("x")</script> & 'friends'`;
    const link = 'https://example.org/?a=1&b="2"';
    const root = expectValidAtom(atomFeed(feed({ title, entries: [{ id: link, title, updated: '2026-01-01', link, summary: title }] })));
    expect(textOf(childrenNamed(root, 'title')[0])).toBe(title);
    const entry = childrenNamed(root, 'entry')[0]!;
    expect(childrenNamed(entry, 'link')[0]!.attrs['href']).toBe(link);
    expect(textOf(childrenNamed(entry, 'summary')[0])).toBe(title);
  });

  test('any text stays well-formed and reads back unchanged, less the characters XML forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'grapheme' }), (title, summary) => {
        fc.pre(title.trim().length > 0 && escapeXml(title).trim().length > 0);
        const root = parseXml(atomFeed(feed({ entries: [{ id: 'urn:x:1', title, updated: '2026-01-01', link: 'https://example.org/', summary }] })));
        const entry = childrenNamed(root, 'entry')[0]!;
        const strip = (s: string) => parseXml(`<a>${escapeXml(s)}</a>`).children.join('');
        expect(textOf(childrenNamed(entry, 'title')[0])).toBe(strip(title));
        expect(textOf(childrenNamed(entry, 'summary')[0])).toBe(summary);
      }),
      { numRuns: 300 },
    );
  });

  test('refuses an empty id or title, a feed without author, and a date without its offset', () => {
    expect(() => atomFeed(feed({ id: ' ' }))).toThrow('an Atom feed id must not be empty');
    expect(() => atomFeed(feed({ authors: [] }))).toThrow('an Atom feed needs at least one author');
    expect(() => atomDate('2026-09-15T10:00:00')).toThrow('not an Atom date');
    expect(atomDate('2026-09-15T10:00:00+02:00')).toBe('2026-09-15T10:00:00+02:00');
  });
});

describe('the feeds of the hosted review', () => {
  const root = path.join(REPO_ROOT, 'content');
  const { review, trials } = loadReview(root);
  const records = trials.map((t) => ({ slug: t.slug, data: t.data }));
  const generated = poolReview(root);
  const releaseDates = new Set(review.releases.map((r) => r.date));

  test('one entry per release, newest first, dated by the release and linking to its changes', () => {
    const entries = releaseEntries(review, generated.changes, ROOT_URL);
    expect(entries.map((e) => e.link)).toEqual([`${ROOT_URL}releases/2/changes/`, `${ROOT_URL}releases/1/changes/`]);
    expect(entries.map((e) => e.updated)).toEqual(['2026-09-15', '2025-06-01']);
    expect(entries[0]!.summary).toContain('bORR 52.5% → 52.0%');
    expect(entries[0]!.summary).toContain('bCRR 32.8% → 32.3%');
    expect(entries[1]!.summary).toContain('bORR 52.5% (95% CI 41.0 to 63.9; 18 trials)');
    expectValidAtom(atomFeed(feed({ entries })));
  });

  test('the summary of an update without moves says so', () => {
    const c = { ...generated.changes[1]!, certainty: [], outcomes: generated.changes[1]!.outcomes.map((o) => ({ ...o, overall: { ...o.overall, moved: false } })) };
    expect(releaseSummaryText(review, c)).toMatch(/No pooled estimate moved since release 1\.$/);
  });

  test('a change of certainty is in the summary, with the domains that moved', () => {
    const c = generated.changes[1]!;
    expect(c.certainty?.length).toBeGreaterThan(0);
    const first = c.certainty![0]!;
    const text = releaseSummaryText(review, c);
    expect(text).toContain('Certainty of the evidence changed: ');
    expect(text).toContain(`${first.label}: `);
    expect(text).toContain(first.domains[0]!);
  });

  test('one entry per report of a release, newest release first, dated by that release', () => {
    const entries = trialReportEntries(review, records, ROOT_URL);
    const reports = records.reduce((s, t) => s + t.data.reports.length, 0);
    expect(entries).toHaveLength(reports);
    expect(entries.slice(0, 3).map((e) => e.id)).toEqual([
      `${ROOT_URL}trials/azer-cel/#report-news-asco-2026`,
      `${ROOT_URL}trials/ft516/#report-commentary-2026`,
      `${ROOT_URL}trials/cema-cel/#report-jco-2025`,
    ]);
    for (const e of entries) expect(releaseDates.has(e.updated)).toBe(true);
    const jco = entries.find((e) => e.id.endsWith('#report-jco-2025'))!;
    expect(jco.summary).toContain('Primary report, replacing the conference abstract of June 2023.');
    expect(jco.summary).toContain('bORR 19/33, bCRR 14/33.');
    expect(entries.find((e) => e.id.endsWith('#report-news-asco-2026'))!.summary).toContain('Excluded: Reports a DLBCL response rate');
    expectValidAtom(atomFeed(feed({ entries })));
  });
});
