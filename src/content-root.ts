/**
 * Where the review's content lives: `REVIEW_CONTENT=<dir>` builds another review from another
 * folder; the default is `content/` at the repository root. Relative paths are taken from the
 * directory the command runs in (npm scripts run at the repository root).
 */
export const DEFAULT_CONTENT_ROOT = 'content';

export function contentRoot(env: Record<string, string | undefined> = process.env): string {
  const value = env['REVIEW_CONTENT']?.trim();
  return value && value.length > 0 ? value : DEFAULT_CONTENT_ROOT;
}
