/**
 * Every runtime dependency is there for a reason the README states ("Runtime dependencies and
 * why"), and the table tells the truth: a package it says the project uses is imported by the
 * site or the scripts, one it says is not imported is not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/content-fixture.ts';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {}).sort();

/** The table's rows: package names (one cell may name several) and the reason. */
function readmeTable(): { packages: string[]; why: string }[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = /^## Runtime dependencies and why\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line) && !/^\|\s*package\s*\|/.test(line))
    .map((line) => {
      const [names = '', why = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim());
      return { packages: names.split(',').map((n) => n.trim()).filter(Boolean), why };
    });
}

/** The source files of the site and the scripts (not the tests). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return /\.(ts|mts|mjs|js|astro|mdx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}
const code = [...sources(path.join(REPO_ROOT, 'src')), ...sources(path.join(REPO_ROOT, 'scripts')), path.join(REPO_ROOT, 'astro.config.mjs')]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const imported = (name: string) => new RegExp(`(from|import|import\\()\\s*['"]${escape(name)}(/[^'"]*)?['"]`).test(code);

describe('README: runtime dependencies and why', () => {
  const rows = readmeTable();
  const named = rows.flatMap((row) => row.packages);

  test('names every runtime dependency of package.json, and nothing else', () => {
    expect(dependencies.length).toBeGreaterThan(0);
    expect(dependencies.filter((d) => !named.includes(d)), 'dependencies missing from the README table').toEqual([]);
    expect(named.filter((n) => !dependencies.includes(n)), 'README rows naming no dependency').toEqual([]);
  });

  test('gives each a reason, and the reason is true about whether the project imports it', () => {
    for (const { packages, why } of rows) {
      expect(why.length, `${packages.join(', ')}: no reason given`).toBeGreaterThan(10);
      for (const name of packages) {
        if (why.startsWith('not imported')) expect(imported(name), `${name}: the README says it is not imported`).toBe(false);
        else expect(imported(name), `${name}: the README gives a use, but nothing imports it`).toBe(true);
      }
    }
  });
});
