/**
 * Writes the chapters of the published releases, as their locks hold them, where the site's
 * `releaseChapters` collection loads them (src/lib/content/release-chapters-fs.ts):
 * `<dir>/<release>/<slug>.mdx`. Called only with locks of content that passed the content
 * check, which checks every locked chapter text as it checks today's chapters. The folder is
 * written aside and swapped in whole, so Astro never sees half of it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReleaseLock } from '../../src/lib/review/release-lock.ts';
import { isChapterFileName } from '../../src/lib/content/chapters/check-locked-chapters.ts';
import { stagingDirFor, swapInto } from './atomic-dir.ts';

export function writeReleaseChapters(dir: string, locks: Map<number, ReleaseLock>): void {
  const staging = stagingDirFor(dir);
  for (const [release, lock] of locks) {
    if (!Number.isInteger(release) || release < 1) continue;
    for (const [slug, chapter] of Object.entries(lock.chapters)) {
      // refused by the content check; never a path outside the folder
      if (!isChapterFileName(slug)) continue;
      mkdirSync(path.join(staging, String(release)), { recursive: true });
      writeFileSync(path.join(staging, String(release), `${slug}.mdx`), chapter.text);
    }
  }
  swapInto(staging, dir);
}
