import { describe, expect, test } from 'vitest';
import remarkHtmlAsText from '../../src/lib/markdown/remark-html-as-text.ts';

const tree = () => ({
  type: 'root',
  children: [
    { type: 'html', value: '<script>alert(1)</script>' },
    { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'x' }] }] },
    { type: 'paragraph', children: [{ type: 'link', url: 'https://doi.org/10.1/x', children: [] }] },
    { type: 'paragraph', children: [{ type: 'link', url: ' JaVaScRiPt:alert(1)', children: [] }] },
    { type: 'paragraph', children: [{ type: 'link', url: '/trials/ft596/', children: [] }] },
  ],
});

describe('curator notes are text, not markup', () => {
  test('raw HTML becomes text', () => {
    const t = tree();
    remarkHtmlAsText()(t);
    expect(t.children[0]).toEqual({ type: 'text', value: '<script>alert(1)</script>' });
  });

  test('javascript: links lose their target; https and site links keep theirs', () => {
    const t = tree();
    remarkHtmlAsText()(t);
    const urls = t.children.slice(1).map((p) => (p as { children: { url: string }[] }).children[0]!.url);
    expect(urls).toEqual(['#', 'https://doi.org/10.1/x', '#', '/trials/ft596/']);
  });
});
