import { describe, expect, test } from 'vitest';
import { navSection } from '../../src/lib/site/nav.ts';

describe('navSection', () => {
  test('every page marks its section, not only the index pages', () => {
    expect(navSection('/')).toBe('/');
    expect(navSection('/outcomes/')).toBe('/outcomes/');
    expect(navSection('/outcomes/borr/')).toBe('/outcomes/');
    expect(navSection('/trials/page/2/')).toBe('/trials/');
    expect(navSection('/tables/efficacy')).toBe('/tables/');
    expect(navSection('/curators/fields/')).toBe('/curators/');
    expect(navSection('/timeline/')).toBe('/outcomes/');
    expect(navSection('/prisma/2/')).toBe('/prisma/');
  });
  test("a frozen release's chapters and results belong to Chapters and Results; its other pages to none", () => {
    expect(navSection('/releases/1/outcomes/borr/')).toBe('/outcomes/');
    expect(navSection('/releases/12/chapters/methods/')).toBe('/chapters/');
    expect(navSection('/releases/1/changes/')).toBeNull();
    expect(navSection('/data/releases/1/')).toBeNull();
  });
});
