/**
 * Content roots for tests: a copy of the valid base (tests/fixtures/good-content) with the
 * files of one broken case (tests/fixtures/bad-content/<case>) laid over it, in a temp folder.
 *
 * A case folder holds only the files that differ from the base. An optional `case.json` can
 * remove base files (`"remove": ["searches/release-2.yaml"]`) or generate files too large to
 * keep in git (`"generate": {"trials/huge.md": {"bytes": 5242880, "fill": "["}}`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems } from '../../src/lib/content/format-problems.ts';
import { readContent } from '../../src/lib/content/read-content-fs.ts';
import { validateContent } from '../../src/lib/content/validate-content.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOOD_CONTENT = path.join(REPO_ROOT, 'tests/fixtures/good-content');
export const BAD_CONTENT = path.join(REPO_ROOT, 'tests/fixtures/bad-content');

interface CaseSpec {
  remove?: string[];
  generate?: Record<string, { bytes: number; fill: string }>;
}

const made: string[] = [];

/** A fresh copy of the valid base, with case `name` laid over it when given. */
export function makeContentRoot(name?: string): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'review-content-'));
  made.push(parent);
  const root = path.join(parent, 'content');
  cpSync(GOOD_CONTENT, root, { recursive: true });
  if (name === undefined) return root;
  const caseDir = path.join(BAD_CONTENT, name);
  if (!existsSync(caseDir)) throw new Error(`no fixture case ${name}`);
  cpSync(caseDir, root, { recursive: true, filter: (src) => path.basename(src) !== 'case.json' });
  const specFile = path.join(caseDir, 'case.json');
  if (existsSync(specFile)) {
    const spec = JSON.parse(readFileSync(specFile, 'utf8')) as CaseSpec;
    for (const file of spec.remove ?? []) rmSync(path.join(root, file));
    for (const [file, { bytes, fill }] of Object.entries(spec.generate ?? {})) {
      writeFileSync(path.join(root, file), Buffer.alloc(bytes, fill));
    }
  }
  return root;
}

/** What `npm run check` prints for a content root (problems only), with the root shown as content/. */
export function problemsOf(root: string): string {
  return formatProblems(validateContent(readContent(root, { label: 'content' })).problems);
}

/** The formatted problems of fixture case `name`. */
export function checkCase(name: string): string {
  return problemsOf(makeContentRoot(name));
}

/** Removes every temp folder made so far (call from afterAll). */
export function removeContentRoots(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Replaces `from` with `to` in `file` under a content root; throws when `from` is not there, so a stale edit cannot pass unnoticed. */
export function editContentFile(root: string, file: string, from: string | RegExp, to: string): void {
  const p = path.join(root, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`no "${from}" in ${file}`);
  writeFileSync(p, next);
}
