/**
 * The curator's messages about published releases: a change that alters what a release
 * published (release-lock.ts), a lock file that cannot be read, an erratum that names no
 * published release. Same style as messages.ts: what is wrong, naming the values, and the fix.
 */
import type { Text } from './problems.ts';

/** How many changes one message lists before it says "and N more". */
const LISTED = 12;

/** The first LISTED lines, then how many more. */
function listed(lines: readonly string[]): string {
  const shown = lines.slice(0, LISTED).map((l) => `\n    - ${l}`).join('');
  return lines.length > LISTED ? `${shown}\n    - and ${lines.length - LISTED} more` : shown;
}

export const releaseMessages = {
  releaseChanged: (release: number, changes: readonly string[]): Text => ({
    message: `this change alters release ${release}, which is published (its lock, releases/${release}.lock.json, records what it said):${listed(changes)}`,
    fix: `revert the change so release ${release} reads as published; or, if release ${release} was wrong, record an erratum in review.yaml: errata: [{release: ${release}, date: YYYY-MM-DD, what: "…", why: "…"}] (its page then shows the correction beside the numbers published)`,
  }),
  lockUnreadable: (why: string): Text => ({
    message: `this lock file cannot be read: ${why}`,
    fix: 'lock files are written by npm run release; restore it from git (git checkout -- <file>) and never edit it by hand',
  }),
  couldNotPool: (release: number, detail: string): Text => ({
    message: `release ${release} could not be pooled again to compare it with its lock: ${detail}`,
    fix: 'fix the problem named; if it persists, report it with the command you ran',
  }),
  erratumUnknownRelease: (release: number, known: readonly number[]): Text => ({
    message: `this erratum names release ${release}, which is not in releases (${known.join(', ')})`,
    fix: 'give the number of the published release the correction applies to',
  }),
  erratumNotLocked: (release: number): Text => ({
    message: `this erratum names release ${release}, which has no lock file (releases/${release}.lock.json), so there is nothing published to correct`,
    fix: 'remove the erratum; a release that is not yet locked is corrected by editing the content',
  }),
};
