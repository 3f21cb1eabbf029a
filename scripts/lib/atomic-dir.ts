/**
 * Replace a directory or a file in one step: the new content is written to a sibling temporary
 * directory (or file) and swapped in only when it is complete, so a failed build or pooling run never leaves a
 * half-written `dist/` or data folder behind (the previous one stays as it was).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh temporary directory next to `target` (same file system, so rename is atomic). */
export function stagingDirFor(target: string): string {
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, `.${path.basename(target)}-staging-`));
}

/** Move `staging` into place at `target`, removing the old `target` only after the swap. */
export function swapInto(staging: string, target: string): void {
  const resolved = path.resolve(target);
  const old = `${resolved}.old-${process.pid}`;
  if (existsSync(resolved)) renameSync(resolved, old);
  try {
    renameSync(staging, resolved);
  } catch (error) {
    if (existsSync(old)) renameSync(old, resolved);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Remove a staging directory after a failure. */
export function discard(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}

/** Writes `text` to `file` under a temporary name in the same folder, then renames it: a reader sees the whole file or none. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
