/**
 * A small Atom 1.0 (RFC 4287) writer: plain data in, an XML document out. Every text is
 * escaped, characters XML 1.0 forbids are dropped, and dates are given by the caller (the
 * feeds use release dates, never the time of the build, so a rebuild changes nothing).
 *
 * Written here rather than with the `feed` package: feed (v6) writes every entry's title and
 * summary as `type="html"` inside CDATA, so a curator's plain text ("<img onerror=…>", or just
 * "a < b") would reach a feed reader as markup. Here both are `type="text"` and escaped.
 */
import { escapeXml } from '../format/escape-xml.ts';

export interface AtomPerson {
  name: string;
  uri?: string;
  email?: string;
}

export interface AtomEntry {
  /** A permanent IRI for the entry, e.g. the absolute address of its page. */
  id: string;
  title: string;
  /** RFC 3339 date-time, or YYYY-MM-DD (taken as midnight UTC). */
  updated: string;
  published?: string;
  /** Address of the page the entry is about (rel="alternate"). */
  link: string;
  /** Plain text. */
  summary: string;
  authors?: AtomPerson[];
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  authors: AtomPerson[];
  /** Address of the feed itself (rel="self"). */
  self: string;
  /** Address of the site page the feed follows (rel="alternate"). */
  alternate: string;
  entries: AtomEntry[];
  rights?: string;
  generator?: string;
}

/** An Atom date: YYYY-MM-DD becomes midnight UTC; a full date-time must carry its offset. */
export function atomDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
  throw new Error(`not an Atom date: "${value}" (write YYYY-MM-DD or an RFC 3339 date-time with its offset)`);
}

function requireText(value: string, what: string): void {
  if (!value.trim()) throw new Error(`an Atom ${what} must not be empty`);
}

const element = (name: string, text: string, indent: string, attrs = '') => `${indent}<${name}${attrs}>${escapeXml(text)}</${name}>`;

function person(kind: 'author', p: AtomPerson, indent: string): string {
  requireText(p.name, `${kind} name`);
  const inner = [
    element('name', p.name, `${indent}  `),
    ...(p.uri ? [element('uri', p.uri, `${indent}  `)] : []),
    ...(p.email ? [element('email', p.email, `${indent}  `)] : []),
  ];
  return [`${indent}<${kind}>`, ...inner, `${indent}</${kind}>`].join('\n');
}

const link = (rel: string, href: string, indent: string, type?: string) =>
  `${indent}<link rel="${rel}"${type ? ` type="${type}"` : ''} href="${escapeXml(href)}"/>`;

function entry(e: AtomEntry): string {
  requireText(e.id, 'entry id');
  requireText(e.title, 'entry title');
  const i = '    ';
  return [
    '  <entry>',
    element('id', e.id, i),
    element('title', e.title, i, ' type="text"'),
    element('updated', atomDate(e.updated), i),
    ...(e.published ? [element('published', atomDate(e.published), i)] : []),
    ...(e.authors ?? []).map((a) => person('author', a, i)),
    link('alternate', e.link, i, 'text/html'),
    ...(e.categories ?? []).map((c) => `${i}<category term="${escapeXml(c)}"/>`),
    element('summary', e.summary, i, ' type="text"'),
    '  </entry>',
  ].join('\n');
}

/**
 * The XML of an Atom feed.
 * @throws Error when an id, title or author name is empty, or a date is not an Atom date.
 * @example atomFeed({ id, title, updated: '2026-09-15', authors: [{ name: 'A' }], self, alternate, entries: [] })
 *   // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">…'
 */
export function atomFeed(feed: AtomFeed): string {
  requireText(feed.id, 'feed id');
  requireText(feed.title, 'feed title');
  if (feed.authors.length === 0) throw new Error('an Atom feed needs at least one author');
  const i = '  ';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', feed.id, i),
    element('title', feed.title, i, ' type="text"'),
    ...(feed.subtitle ? [element('subtitle', feed.subtitle, i, ' type="text"')] : []),
    element('updated', atomDate(feed.updated), i),
    ...feed.authors.map((a) => person('author', a, i)),
    link('self', feed.self, i, 'application/atom+xml'),
    link('alternate', feed.alternate, i, 'text/html'),
    ...(feed.rights ? [element('rights', feed.rights, i)] : []),
    ...(feed.generator ? [element('generator', feed.generator, i)] : []),
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
