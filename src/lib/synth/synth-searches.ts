/**
 * The search log of each release of a synthetic review, with PRISMA counts that add up and
 * agree with the trial files: the reports the flow diagram lists from the trial files (see
 * prisma-flow.ts, whose functions are used here) are the reports the log counts, and the
 * records before full-text assessment are made up around them.
 */
import { includedReportsUpTo, reportsEnteringIn, type PrismaTrial } from '../prisma/prisma-flow.ts';
import type { Random } from './random.ts';
import { SYNTH_RELEASES } from './protocol.ts';
import { UPDATED_REASON } from './vocabulary.ts';

const DESCRIBED_REASON = 'Described in the tables, not pooled';

/** The text of `content/searches/release-<n>.yaml`. */
export function searchText(random: Random, trials: readonly PrismaTrial[], release: number): string {
  const entering = reportsEnteringIn(trials, release);
  const included = entering.filter((r) => r.outcome === 'included');
  const previous = release > 1 ? includedReportsUpTo(trials, release - 1) : [];
  const previousTrials = new Set(previous.map((r) => r.trial));
  const newStudies = new Set(included.filter((r) => !previousTrials.has(r.trial)).map((r) => r.trial)).size;
  const reasons = new Map<string, number>();
  for (const r of entering) {
    if (r.outcome === 'included') continue;
    const reason = r.outcome === 'updated' ? UPDATED_REASON : r.outcome === 'described' ? DESCRIBED_REASON : (r.reason ?? 'Not eligible');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const assessed = entering.length;
  const notRetrieved = random.int(0, 3);
  const sought = assessed + notRetrieved;
  const screeningExcluded = sought * random.int(5, 15);
  const screened = sought + screeningExcluded;
  const duplicates = Math.floor(screened * 0.1);
  const otherRemoved = random.int(0, 5);
  const identified = screened + duplicates + otherRemoved;
  const medline = Math.floor(identified * 0.4);
  const embase = Math.floor(identified * 0.35);
  const registers = Math.floor(identified * 0.05);
  const other = identified - medline - embase - registers;
  const r = SYNTH_RELEASES[release - 1]!;
  const excludedLines = [...reasons].map(([reason, count]) => `  - reason: ${JSON.stringify(reason)}\n    count: ${count}\n`).join('');
  return `release: ${release}
date: ${r.cutoff}
description: "Synthetic search log of release ${release}: counts made up around the reports in the trial files."
databases:
  - name: "MEDLINE"
    records: ${medline}
  - name: "EMBASE"
    records: ${embase}
registers:
  - name: "ClinicalTrials.gov"
    records: ${registers}
other_sources:
  - name: "Conference proceedings and sponsor reports"
    records: ${other}
duplicates_removed: ${duplicates}
other_removed: ${otherRemoved}
records_screened: ${screened}
records_excluded: ${screeningExcluded}
reports_sought: ${sought}
reports_not_retrieved: ${notRetrieved}
reports_assessed: ${assessed}
reports_excluded:${excludedLines ? `\n${excludedLines}` : ' []\n'}new_studies_included: ${newStudies}
new_reports_included: ${included.length}
previous_studies: ${previousTrials.size}
previous_reports: ${previous.length}
`;
}
