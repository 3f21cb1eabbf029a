/**
 * Where a script may write a folder (`npm run build -- --out`, `npm run synth -- --out`, …). A
 * folder that is replaced must never be one the project or its content lives in, so refused are:
 * the repository root (this one, and the checkout the command runs in), the content folder, the
 * folder the command runs in, any folder above them (an ancestor), any folder inside the content
 * folder or .git, and any existing non-empty folder that does not carry the marker file an
 * earlier run of the same script wrote into it. Symbolic links are resolved first, so a link to
 * the repository is refused as the repository is.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printable } from '../../src/lib/stats/io/printable.ts';

/** The repository this script belongs to. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The marker file every site build writes into its output. */
export const BUILD_MARKER = '.living-review-build';
/** The marker file `npm run synth` writes into the review it generates. */
export const SYNTH_MARKER = '.living-review-synth';

export interface OutFolderRules extends PlaceRules {
  /** the marker file that makes an existing non-empty folder an earlier output of this script */
  marker: string;
  /**
   * Recognises an output of this script written before it wrote markers (an existing folder,
   * given by its real path); such a folder is accepted as if it had the marker.
   */
  earlierOutput?: (folder: string) => boolean;
}

/** The real path of `p`: its symbolic links resolved, also where the last parts do not exist yet. */
export function realPathOf(p: string): string {
  const absolute = path.resolve(p);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** The git checkout `dir` is in (the nearest folder at or above it with a .git), if any. */
export function checkoutOf(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** Whether `folder` is `other` or a folder above it. */
export function isSameOrAncestor(folder: string, other: string): boolean {
  const relative = path.relative(folder, other);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface PlaceRules {
  /** the content folder of this run */
  contentRoot: string;
  /** what the place is called in messages ("--out") */
  option: string;
  /** the repository root (default: this repository) */
  repoRoot?: string;
}

/** How to fix a refusal: where to write instead. */
function fixFor(option: string, kind: 'folder' | 'file'): string {
  const example = `${option.startsWith('--') ? `${option} ` : ''}/tmp/${kind === 'folder' ? 'site' : 'fields.md'}`;
  return kind === 'folder'
    ? `  fix: choose a new or empty folder (not the repository, the content or a folder holding them), e.g. ${example}`
    : `  fix: choose a file outside the content folder and .git, e.g. ${example}`;
}

/**
 * Why a folder or file may never be written over, whatever it holds: it is the repository, the
 * content folder or the folder the command runs in, a folder above one of them, or a place
 * inside the content folder or .git. Undefined when none of these.
 */
export function protectedPlaceRefusal(out: string, rules: PlaceRules, kind: 'folder' | 'file' = 'folder'): string | undefined {
  const shown = JSON.stringify(printable(out));
  const target = realPathOf(out);
  const repo = realPathOf(rules.repoRoot ?? REPO_ROOT);
  const content = realPathOf(rules.contentRoot);
  const fix = fixFor(rules.option, kind);
  const cwd = realPathOf(process.cwd());
  // this generator's repository, and the checkout the command runs in when that is another
  const repos = [...new Set([repo, checkoutOf(cwd)].filter((r): r is string => r !== undefined))];
  const protectedFolders: [string, string][] = [
    ...repos.map((r): [string, string] => [r, 'the repository']),
    [content, 'the content folder'],
    [cwd, 'the folder the command runs in'],
  ];
  for (const [folder, what] of protectedFolders) {
    if (target === folder) return `${rules.option} ${shown} is ${what}, which would be replaced\n${fix}`;
    if (isSameOrAncestor(target, folder)) return `${rules.option} ${shown} holds ${what}, which would be replaced\n${fix}`;
  }
  const inside: [string, string][] = [[content, 'the content folder'], ...repos.map((r): [string, string] => [path.join(r, '.git'), 'the repository’s .git folder'])];
  for (const [folder, what] of inside) {
    if (isSameOrAncestor(folder, target)) return `${rules.option} ${shown} is inside ${what}\n${fix}`;
  }
  return undefined;
}

/**
 * Why the folder `out` may not be replaced by a script's output (a message with its fix), or
 * undefined when it may: it is not protected (protectedPlaceRefusal) and it is new, empty, or
 * an earlier output of the same script (it has the marker file).
 */
export function outFolderRefusal(out: string, rules: OutFolderRules): string | undefined {
  const refusal = protectedPlaceRefusal(out, rules);
  if (refusal) return refusal;
  const shown = JSON.stringify(printable(out));
  const target = realPathOf(out);
  const fix = fixFor(rules.option, 'folder');
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return `${rules.option} ${shown} is a file, not a folder\n${fix}`;
  const entries = readdirSync(target);
  if (entries.length === 0 || entries.includes(rules.marker) || rules.earlierOutput?.(target)) return undefined;
  return `${rules.option} ${shown} is a folder with other files in it (no ${rules.marker} file says it is an earlier output of this command), and it would be replaced\n${fix}; or remove that folder yourself first`;
}

/** Why a script may not write the file `out`: a protected place (protectedPlaceRefusal) or a folder. */
export function fileRefusal(out: string, rules: PlaceRules): string | undefined {
  const refusal = protectedPlaceRefusal(out, rules, 'file');
  if (refusal) return refusal;
  try {
    if (statSync(out).isDirectory()) return `${rules.option} ${JSON.stringify(printable(out))} is a folder; give the name of a file`;
  } catch {
    // a new file
  }
  return undefined;
}

/** Writes the marker file into a finished output folder (before it is moved into place). */
export function writeMarker(folder: string, marker: string, what: string): void {
  writeFileSync(path.join(folder, marker), `${what}\nThis folder is replaced as a whole by the next run of the same command.\n`);
}

/** A site built before builds wrote their marker: its home page, data and scripts. */
export function isEarlierSite(folder: string): boolean {
  const has = (p: string) => existsSync(path.join(folder, p));
  try {
    return has('index.html') && has('data/latest/analyses.json') && statSync(path.join(folder, '_astro')).isDirectory();
  } catch {
    return false;
  }
}
