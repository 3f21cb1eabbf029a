/**
 * The chapters of the published releases, as their locks hold them, for Astro: the code that
 * reads and validates the content (npm run build, npm run dev's pooling process) writes each
 * locked chapter to `<generated>/release-chapters/<release>/<slug>.mdx` (scripts/lib/release-chapters.ts),
 * only after the content check has accepted the lock and its chapter texts
 * (chapters/check-locked-chapters.ts); the `releaseChapters` collection (src/content.config.ts)
 * loads them from there. A `-fs` file: it reads the disk, so it must never reach code shipped
 * to browsers.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { glob, type Loader } from 'astro/loaders';
import { whenReady } from '../build/when-ready.ts';

/** True when `dir` holds at least one `<release>/<slug>.mdx`. */
function anyChapter(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((release) => {
    const folder = path.join(dir, release);
    return lstatSync(folder).isDirectory() && readdirSync(folder).some((name) => name.endsWith('.mdx'));
  });
}

/**
 * Loads `dir`/<release>/<slug>.mdx with entry ids `<release>/<slug>`. A missing or empty folder
 * (a review without locks) is an empty collection, without Astro's warnings. With `wait`
 * (REVIEW_BUILD_PID set: npm run build starts Astro while it still reads the content), waits
 * until the build has put the folder in place (written aside, then renamed: once there, it is whole).
 */
export function releaseChaptersLoader(dir: string, wait = false): Loader {
  const files = glob({ pattern: '*/*.mdx', base: dir });
  return {
    name: 'release-chapters-loader',
    load: async (context) => {
      if (wait) await whenReady(() => (existsSync(dir) ? true : undefined), `the chapters of the locked releases ${dir}`);
      if (anyChapter(dir)) return files.load(context);
      context.store.clear();
      // As in content.config.ts: set and deleted again, the collection exists with no entries.
      context.store.set({ id: 'empty-folder', data: {} });
      context.store.delete('empty-folder');
    },
  };
}
