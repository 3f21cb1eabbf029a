/**
 * Curator messages about the chapters a release lock holds (chapters/check-locked-chapters.ts),
 * in the style of messages.ts: what is wrong, and the fix.
 */
import type { Text } from './problems.ts';

export const releaseChapterMessages = {
  badSlug: (slug: string): Text => ({
    message: `the lock holds a chapter named ${JSON.stringify(slug)}, which cannot be the name of a chapter file (chapters/<name>.mdx)`,
    fix: 'lock files are written by npm run release; restore it from git (git checkout -- <file>) and never edit it by hand',
  }),
};
