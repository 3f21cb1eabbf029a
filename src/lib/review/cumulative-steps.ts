/**
 * Which steps of a long cumulative analysis to keep: the last step of each release, evenly
 * spaced steps between, and always the last. The pooling keeps CUMULATIVE_MAX_STEPS of a review
 * of thousands of studies (refitting after every one of 20,000 studies was half the pooling
 * time, for rows no page shows), and the pages thin those again to what a table or plot can
 * show (src/lib/plots/display-limits.ts).
 */

/** Steps of the cumulative analysis the pooled results keep at most (above it, a selection). */
export const CUMULATIVE_MAX_STEPS = 250;

/**
 * @param releases the release of each step's report, in step order
 * @param max about how many steps to keep
 * @returns the indices of the steps kept, ascending: all of them when there are at most `max`
 * @example thinnedSteps([1, 1, 1, 2, 2, 2, 2, 2], 4) // [2, 3, 7]
 */
export function thinnedSteps(releases: readonly number[], max: number): number[] {
  if (releases.length <= max) return releases.map((_, i) => i);
  const keep = new Set<number>([releases.length - 1]);
  releases.forEach((r, i) => {
    if (i + 1 < releases.length && releases[i + 1] !== r) keep.add(i);
  });
  const step = Math.ceil(releases.length / Math.max(1, max - keep.size));
  for (let i = step - 1; i < releases.length; i += step) keep.add(i);
  return [...keep].sort((a, b) => a - b);
}
