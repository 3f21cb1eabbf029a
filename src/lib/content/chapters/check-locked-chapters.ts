/**
 * The chapters a release lock holds (`<content>/releases/<n>.lock.json`, field `chapters`) are
 * content too: a locked release's chapter pages render them, and a lock can be edited like any
 * other file. So each locked chapter text goes through the same checks as today's chapters
 * (its front matter against the chapter schema, its body through check-chapter.ts) before
 * anything renders it. Problems name the lock file, the chapter (`chapters.<slug>.text`) and the
 * line within the chapter's text. A lock whose shape is wrong is left to the lock's own check
 * (release-lock.ts); only the texts that can be read here are checked.
 */
import type { Review } from '../../../schemas/index.ts';
import { chapterSchema } from '../../../schemas/index.ts';
import { parseContentFile } from '../content-files.ts';
import type { PublishedContent } from '../../review/release-lock.ts';
import { problem, type Problem } from '../problems.ts';
import { schemaProblems } from '../schema-problems.ts';
import { checkChapters } from './check-chapters.ts';
import { releaseChapterMessages } from '../messages-release-chapters.ts';

/**
 * True when `slug` can name a chapter file (`chapters/<slug>.mdx`) and so the file the build
 * writes for it: not empty, not hidden, no folder separator, no control character.
 */
export function isChapterFileName(slug: string): boolean {
  return slug !== '' && !slug.startsWith('.') && !/[/\\\p{Cc}]/u.test(slug);
}

/** One chapter text of a lock, with the lock file and the release it belongs to. */
export interface LockedChapter {
  lockFile: string;
  release: number;
  slug: string;
  text: string;
}

/** The chapter texts of the readable locks, by lock file then slug; anything not text is skipped. */
export function lockedChapters(published: PublishedContent | undefined): LockedChapter[] {
  const out: LockedChapter[] = [];
  for (const lock of published?.locks ?? []) {
    if (lock.unreadable || typeof lock.value !== 'object' || lock.value === null) continue;
    const chapters = (lock.value as { chapters?: unknown }).chapters;
    if (typeof chapters !== 'object' || chapters === null || Array.isArray(chapters)) continue;
    for (const [slug, entry] of Object.entries(chapters as Record<string, unknown>)) {
      const text = typeof entry === 'object' && entry !== null ? (entry as { text?: unknown }).text : undefined;
      if (typeof text === 'string') out.push({ lockFile: lock.file, release: lock.release, slug, text });
    }
  }
  return out;
}

/** Every problem in the locked chapter texts; `review` when review.yaml is valid. */
export function checkLockedChapters(published: PublishedContent | undefined, review: Review | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const chapter of lockedChapters(published)) {
    if (!isChapterFileName(chapter.slug)) {
      problems.push(problem(chapter.lockFile, undefined, ['chapters', chapter.slug], releaseChapterMessages.badSlug(chapter.slug)));
      continue;
    }
    const where = `${chapter.lockFile}#${chapter.slug}`;
    const { source, problems: read } = parseContentFile('chapter', where, chapter.slug, new TextEncoder().encode(chapter.text));
    const found = [...read];
    if (source.readable) {
      const schema = schemaProblems(chapterSchema, source.value);
      found.push(...schema.problems.map((p) => problem(where, source.locate(p.path), p.path, p.text)));
      found.push(...checkChapters([source], review));
    }
    // Named in the lock file: the chapter's field, and the line within the chapter's text.
    for (const p of found) {
      const field = ['chapters', chapter.slug, 'text', ...(p.path ? p.path.split('.') : [])];
      const line = p.line !== undefined ? `line ${p.line} of the chapter as locked: ` : '';
      problems.push(problem(chapter.lockFile, undefined, field, { message: `${line}${p.message}`, fix: p.fix }));
    }
  }
  return problems;
}
