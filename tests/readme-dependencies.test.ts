/**
 * Every runtime dependency is there for a reason the README states ("Runtime dependencies and
 * why"), and the table tells the truth: a package it says the project uses is imported by the
 * site or the scripts, one it says is not imported is not. Beyond the table, package.json
 * declares what the code imports and nothing it does not use: the site's own imports are
 * runtime dependencies; the scripts and tests may also use development ones.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from './helpers/content-fixture.ts';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies ?? {}).sort();
const devDependencies = Object.keys(pkg.devDependencies ?? {}).sort();

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

/** The source files of the site and the scripts (not the tests, unless `tests` is set). */
function sources(dir: string, tests = false): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : sources(full, tests);
    return /\.(ts|mts|mjs|js|astro|mdx)$/.test(name) && (tests || !/\.test\.ts$/.test(name)) ? [full] : [];
  });
}

/**
 * The packages a file imports (static, dynamic and `import('x')` types), by package name:
 * `@scope/name/sub` is `@scope/name`. Node built-ins, `astro:` modules and `#` aliases are left
 * out; with `runtime`, so are imports of types only (`import type`, JSDoc import types).
 */
function packagesImported(file: string, runtime = false): string[] {
  const text = readFileSync(file, 'utf8');
  let specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  if (runtime) {
    const typeOnly = new Set([...text.matchAll(/^\s*import type [^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!));
    specifiers = specifiers.filter((s) => !typeOnly.has(s));
  } else {
    // JSDoc types in .mjs files: /** @type {import('vite').Plugin} */
    for (const match of text.matchAll(/\{import\(['"]([^'"]+)['"]\)/g)) specifiers.push(match[1]!);
  }
  const builtins = new Set(builtinModules);
  return specifiers
    .filter((s) => !/^(\.|\/|#|node:|astro:|virtual:)/.test(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
    .filter((name) => !builtins.has(name));
}

/**
 * Development packages used other than by an import: tools run by npm scripts or CI, and type
 * declarations. Each names what uses it, and a test checks that this use is there.
 */
const TOOLS: Record<string, { bin?: string; text?: string; why: string }> = {
  node: { why: 'provisions Node 24 on the PATH of every npm script' },
  tsx: { bin: 'tsx', why: 'runs the TypeScript scripts' },
  typescript: { bin: 'tsc', why: 'typechecks (npm run typecheck)' },
  '@astrojs/check': { bin: 'astro check', why: 'typechecks .astro files (npm run typecheck)' },
  vitest: { bin: 'vitest', why: 'runs npm test' },
  '@types/node': { why: 'types for Node built-ins' },
  '@types/compression': { why: 'types for compression, which scripts/lib/static-server.ts imports' },
  'axe-core': { text: "'axe-core/axe.min.js'", why: 'the browser tests inject axe.min.js into pages (resolved by path, not imported)' },
};
const siteFiles = [...sources(path.join(REPO_ROOT, 'src')), path.join(REPO_ROOT, 'astro.config.mjs')];
const toolFiles = [...sources(path.join(REPO_ROOT, 'scripts')), ...sources(path.join(REPO_ROOT, 'tests'), true)];
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

describe('package.json: what the code imports is declared, what is declared is used', () => {
  const declared = new Set([...dependencies, ...devDependencies]);

  test('the site imports runtime dependencies only', () => {
    const wrong = siteFiles.flatMap((file) =>
      packagesImported(file, true)
        .filter((name) => !dependencies.includes(name))
        .map((name) => `${path.relative(REPO_ROOT, file)} imports ${name}${devDependencies.includes(name) ? ' (a devDependency)' : ' (not declared)'}`),
    );
    expect(wrong).toEqual([]);
  });

  test('the scripts and tests import declared packages only, and the site\'s types are declared too', () => {
    const undeclared = [...siteFiles, ...toolFiles].flatMap((file) =>
      packagesImported(file)
        .filter((name) => !declared.has(name))
        .map((name) => `${path.relative(REPO_ROOT, file)} imports ${name}, which package.json does not declare`),
    );
    expect(undeclared).toEqual([]);
  });

  test('every devDependency is imported, or is a tool whose use is there', () => {
    const imported = new Set([...siteFiles, ...toolFiles].flatMap((file) => packagesImported(file)));
    const commands = [...Object.values(pkg.scripts ?? {}), readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')].join('\n');
    const testText = toolFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const name of devDependencies) {
      if (imported.has(name)) continue;
      const tool = TOOLS[name];
      expect(tool, `${name}: declared but neither imported nor listed as a tool`).toBeDefined();
      if (tool?.bin) expect(commands, `${name}: no npm script or CI step runs ${tool.bin}`).toContain(tool.bin);
      if (name.startsWith('@types/')) expect(imported.has(name.slice('@types/'.length)) || name === '@types/node', `${name}: nothing imports ${name.slice(7)}`).toBe(true);
      if (tool?.text) expect(testText, `${name}: the scripts and tests never name ${tool.text}`).toContain(tool.text);
    }
  });

  test('finds imports the way the checks above rely on', () => {
    expect(packagesImported(path.join(REPO_ROOT, 'astro.config.mjs'))).toContain('vite');
    expect(packagesImported(path.join(REPO_ROOT, 'astro.config.mjs'), true)).not.toContain('vite');
    expect(packagesImported(path.join(REPO_ROOT, 'scripts/bench-web.ts'))).toEqual(expect.arrayContaining(['lighthouse', 'chrome-launcher']));
    expect(packagesImported(path.join(REPO_ROOT, 'scripts/lib/dev-pool.ts'), true)).not.toContain('vite');
  });
});
