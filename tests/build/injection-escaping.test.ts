/**
 * Markup in content renders as text. tests/fixtures/injection is a valid review whose every
 * free-text field holds markup the schema lets through (a tag without its closing `>`, quotes
 * that would end an attribute, `'); ...; //` that would end a script string, `</script`,
 * character references, template syntax) and whose URL and DOI fields hold quotes and
 * brackets; each payload is marked INJ<n>. The fixture is built once and every page scanned:
 * no payload may become a tag, an attribute, an event handler, a script or a script link, and
 * every field a page shows must appear there, escaped. The downloads (CSV, R script, BibTeX)
 * are checked for their own kinds of injection. tests/browser/injection.browser.ts runs the
 * same site in a browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/content-fixture.ts';
import { parseXml } from '../living/xml-check.ts';
import { scanHtml, urlScheme } from './html-scan.ts';
import { buildSite, siteFiles, tempFolders } from './site-files.ts';

const INJECTION = path.join(REPO_ROOT, 'tests/fixtures/injection');
/** Fields no page shows (they are in the data downloads): eligibility include/exclude, a population's description, a search's description, a registry entry's conditions. */
const NOT_ON_PAGES = ['9', '10', '12', '90', '105'];
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data']);

const temp = tempFolders('review-injection-');
let site = '';
let pages: string[] = [];
const read = (file: string) => readFileSync(path.join(site, file), 'utf8');

beforeAll(() => {
  site = path.join(temp.make(), 'site');
  buildSite(INJECTION, site);
  pages = siteFiles(site).filter((f) => f.endsWith('.html'));
}, 200_000);

afterAll(temp.remove);

function fixtureMarkers(): Set<string> {
  const markers = new Set<string>();
  for (const file of siteFiles(INJECTION)) for (const m of readFileSync(path.join(INJECTION, file), 'utf8').matchAll(/INJ(\d+)/g)) markers.add(m[1]!);
  return markers;
}

test('the scanner finds markup that escaped: a tag, an event handler, a script link', () => {
  const { tags, scripts } = scanHtml(`<p title="a <b onclick=x>">INJ1 <img src=x onerror=alert(1)// </p><a href=" JaVa&#x53;cript:alert(2)">x</a><script>window.__injected=1</script>`);
  expect(tags.map((t) => t.name)).toEqual(['p', 'img', 'a', 'script']);
  expect(tags[0]!.attrs).toEqual([['title', 'a <b onclick=x>']]);
  expect(tags[1]!.attrs.map(([name]) => name)).toContain('onerror');
  expect(urlScheme(tags[2]!.attrs[0]![1])).toBe('javascript');
  expect(scripts[0]!.content).toBe('window.__injected=1');
});

describe('every page of the injection fixture', () => {
  test('has no event-handler attribute, no script link and no payload turned into a tag', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const { tags } = scanHtml(read(page));
      for (const tag of tags) {
        for (const [name, value] of tag.attrs) {
          if (name.startsWith('on')) problems.push(`${page}: <${tag.name} ${name}="${value.slice(0, 60)}">`);
          if (URL_ATTRIBUTES.has(name) && ['javascript', 'vbscript', 'data'].includes(urlScheme(value) ?? '')) problems.push(`${page}: <${tag.name} ${name}="${value.slice(0, 60)}">`);
          if (name === 'autofocus' && tag.name !== 'input') problems.push(`${page}: <${tag.name} autofocus> from a payload`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('runs no payload as script, and its JSON data blocks stay whole', () => {
    const problems: string[] = [];
    for (const page of pages) {
      for (const { attrs, content } of scanHtml(read(page)).scripts) {
        const type = attrs.find(([name]) => name === 'type')?.[1];
        if (type === 'application/json') {
          try {
            JSON.parse(content);
          } catch (error) {
            problems.push(`${page}: a JSON block no longer parses (${String(error).slice(0, 80)})`);
          }
        } else if (/INJ\d|__injected/.test(content)) {
          problems.push(`${page}: a payload inside an executable script`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('shows every field a page shows as escaped text', () => {
    const shown = new Set<string>();
    for (const page of pages) for (const m of scanHtml(read(page)).text.matchAll(/INJ(\d+)/g)) shown.add(m[1]!);
    const missing = [...fixtureMarkers()].filter((n) => !shown.has(n) && !NOT_ON_PAGES.includes(n));
    // these URLs are shown only as links (in an attribute), not as text
    expect(missing.sort()).toEqual(['62', '63', '75', '83']);
    const trial = read('trials/alpha-cel/index.html');
    expect(trial).toContain('<h1>Alpha-cel INJ31 &lt;img src=x onerror=window.__injected=31;alert(31)//</h1>');
    expect(trial).toContain('INJ33 &quot; onmouseover=&quot;window.__injected=33&quot;');
    expect(trial).toContain('&lt;img src=x onerror=window.__injected=61&gt;');
  });
});

describe('the downloads of the injection fixture', () => {
  test('the feeds are well-formed XML with the payloads as text', () => {
    for (const feed of ['feeds/releases.xml', 'feeds/trials.xml']) {
      const xml = read(feed);
      expect(() => parseXml(xml), feed).not.toThrow();
      expect(xml).not.toMatch(/<(img|svg)[\s/]/);
    }
  });

  test('the R script keeps a title with a line break in its comment', () => {
    const script = read('data/releases/2/reproduce.R');
    expect(script.split('\n')[0]).toMatch(/^# Recomputes every pooled number of release 2 of "INJ1 .*system\('echo INJ-R'\)/);
    expect(script).not.toMatch(/^\s*system\(/m);
  });

  test('CSV cells that a spreadsheet would run as formulas are defused', () => {
    const csv = read('data/releases/1/studies.csv');
    expect(csv).toContain(`"'=HYPERLINK(""https://example.org/INJ46"")"`);
    expect(csv).toContain(`'-2+3 INJ48`);
    expect(read('data/releases/2/studies.csv')).toContain(`'@SUM(A1) INJ52`);
  });

  test('BibTeX escapes braces and backslashes, so a title cannot close its field', () => {
    const about = read('about/index.html');
    const bibtex = /<pre class="cite-bibtex"[^>]*>([\s\S]*?)<\/pre>/.exec(about)?.[1] ?? '';
    expect(bibtex).toContain('\\} \\textbackslash{}input\\{/etc/passwd\\} \\{}},');
    expect(bibtex).not.toContain('\\input{');
  });
});
