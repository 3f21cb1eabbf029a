import { describe, expect, it } from 'vitest';
import { citedName, releaseCitation } from '../../src/lib/site/citation.ts';

describe('releaseCitation', () => {
  it('cites family names with initials, the release, its date and cut-off, and the address', () => {
    const text = releaseCitation(
      { title: 'A living review', authors: ['Judith S. Hecker', 'Jean-Paul Martin', 'Plato'] },
      { number: 2, date: '2026-09-15', cutoff: '2026-08-31' },
      'https://example.org/releases/2/',
    );
    expect(text).toBe(
      'Hecker JS, Martin JP, Plato. A living review. Release 2, 15 September 2026 (search cut-off 31 August 2026). https://example.org/releases/2/',
    );
  });

  it('keeps only letters for initials', () => {
    expect(citedName('  Ann (Annie) Lee ')).toBe('Lee AA');
  });
});
