/**
 * The chapters' bodies, checked as content (check-chapter.ts): called by validateContent, so
 * that `npm run check` and the build refuse a chapter before Astro ever compiles it.
 */
import type { Review } from '../../../schemas/index.ts';
import type { SourceFile } from '../content-files.ts';
import type { Problem } from '../problems.ts';
import { checkChapter } from './check-chapter.ts';

/** Every problem in the bodies of the readable chapters; `review` when review.yaml is valid. */
export function checkChapters(chapters: readonly SourceFile[], review: Review | undefined): Problem[] {
  return chapters.filter((c) => c.readable).flatMap((c) => checkChapter(c, review));
}
