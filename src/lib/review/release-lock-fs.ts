/**
 * Reads the lock files of a review's published releases (`<content>/releases/<n>.lock.json`)
 * and, when there is one, today's chapter sources, for the pure comparison in release-lock.ts.
 * A review without a releases folder costs one stat: no lock, no rule. Like the rest of the
 * content, only the folder's own regular files are read: a symbolic link is refused without
 * being opened, and a file that is not JSON is refused without quoting it.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../content/decode-content.ts';
import { releaseLockSchema, type LockSource, type PublishedContent, type ReleaseLock } from './release-lock.ts';

/** Lock files may hold every chapter of a review, so they get more room than one content file. */
const MAX_LOCK_BYTES = 16 * MAX_FILE_BYTES;
const LOCK_NAME = /^(\d+)\.lock\.json$/;

/** The locks under `root`/releases, with `label` as the root's name in messages. */
export function readPublished(root: string, label: string): PublishedContent {
  const dir = path.join(root, 'releases');
  if (!isRealFolder(dir)) return { locks: [], chapters: {} };
  const locks: LockSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || !name.endsWith('.json')) continue;
    const file = `${label}/releases/${name}`;
    const match = LOCK_NAME.exec(name);
    const release = match ? Number(match[1]) : Number.NaN;
    const stat = lstatSync(path.join(dir, name));
    if (!stat.isFile()) {
      locks.push({ file, release, value: undefined, unreadable: 'it is a link or a folder, not a file' });
      continue;
    }
    if (stat.size > MAX_LOCK_BYTES) {
      locks.push({ file, release, value: undefined, unreadable: `it is ${stat.size} bytes, more than the ${MAX_LOCK_BYTES} a lock may have` });
      continue;
    }
    try {
      locks.push({ file, release, value: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown });
    } catch {
      locks.push({ file, release, value: undefined, unreadable: 'it is not valid JSON' });
    }
  }
  return { locks, chapters: locks.length > 0 ? readChapterSources(root) : {} };
}

function isRealFolder(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Today's chapters under `root`/chapters: full source text by slug. */
export function readChapterSources(root: string): Record<string, string> {
  const dir = path.join(root, 'chapters');
  if (!isRealFolder(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || !name.endsWith('.mdx') || !lstatSync(path.join(dir, name)).isFile()) continue;
    out[name.slice(0, -'.mdx'.length)] = readFileSync(path.join(dir, name), 'utf8');
  }
  return out;
}

/** The valid lock of `release` under `root`, or undefined (none, or not readable). */
export function readLock(root: string, release: number): ReleaseLock | undefined {
  const file = path.join(root, 'releases', `${release}.lock.json`);
  if (!existsSync(file) || !lstatSync(file).isFile()) return undefined;
  try {
    const parsed = releaseLockSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

