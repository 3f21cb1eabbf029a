/**
 * The appraisal of every release of a review: a release whose lock holds an appraisal keeps
 * it; any other is appraised from today's content. When the latest release is locked and
 * today's judgements or ratings differ from what it published, `current` is the latest release
 * appraised from today's content: the current pages show it, with a note, until the next
 * release freezes it.
 */
import type { CertaintyFile } from '../../schemas/appraisal.ts';
import type { Review } from '../../schemas/index.ts';
import type { ReleaseAnalyses } from '../review/analyses-types.ts';
import type { TrialRecord } from '../review/evidence-set.ts';
import type { ReleaseLock } from '../review/release-lock.ts';
import { appraisalInputFromContent, appraiseRelease, inputForTrials, pooledTrials, sameInput, type AppraisalInput } from './appraise-release.ts';

/** A lock's appraisal as an input. */
const fromLock = (a: NonNullable<ReleaseLock['appraisal']>): AppraisalInput => ({ tool: a.tool, required: a.required, trials: a.trials, certainty: a.certainty });

/** Every release appraised (in the order given), and the latest as today's content appraises it when that differs from its lock. */
export function appraiseReleases(
  review: Review,
  trials: readonly TrialRecord[],
  pooled: readonly ReleaseAnalyses[],
  locks: ReadonlyMap<number, ReleaseLock>,
  certainty: CertaintyFile | undefined,
): { releases: ReleaseAnalyses[]; current: ReleaseAnalyses | null } {
  const today = appraisalInputFromContent(review, trials, certainty);
  const releases = pooled.map((a) => {
    const locked = locks.get(a.release)?.appraisal;
    return locked ? appraiseRelease(review, a, fromLock(locked), 'lock') : appraiseRelease(review, a, today, 'content');
  });
  const last = pooled[pooled.length - 1];
  const lockedLast = last ? locks.get(last.release)?.appraisal : undefined;
  let current: ReleaseAnalyses | null = null;
  if (last && lockedLast) {
    const todays = inputForTrials(today, pooledTrials(last).keys());
    if (!sameInput(todays, fromLock(lockedLast))) current = appraiseRelease(review, last, today, 'content');
  }
  return { releases, current };
}
