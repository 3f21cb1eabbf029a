/**
 * Which report the analysis uses: `superseded_by` names a report of the same trial, the chain
 * of replacements has no circle, and as of every release in which an included or described
 * trial has reports, exactly one of them is primary. "Primary as of a release" is the pooling's
 * own rule (`isPrimaryAsOf`), so the check and the analysis cannot disagree.
 */
import type { Report, Trial } from '../../../schemas/index.ts';
import { isPrimaryAsOf } from '../../review/evidence-set.ts';
import { at, type ValidFile } from '../content-files.ts';
import { messages } from '../messages.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

/** `releases`: the release numbers of review.yaml (the reports' own releases are added). */
export function checkPrimaryReports(trial: ValidFile<Trial>, releases: readonly number[]): Problem[] {
  // With two reports of one id, links between reports are ambiguous; the duplicate is reported
  // by checkTrialIds, and these checks wait until it is fixed.
  const ids = trial.data.reports.map((r) => r.id);
  if (new Set(ids).size < ids.length) return [];
  const problems = checkSupersedeLinks(trial);
  if (problems.length > 0 || trial.data.status === 'excluded') return problems;
  const { source, data } = trial;
  const reports = data.reports;
  const all = [...new Set([...releases, ...reports.map((r) => r.release)])].sort((a, b) => a - b);
  // Consecutive releases with the same fault are reported once.
  const faults = new Map<string, { releases: number[]; primaries: Report[] }>();
  for (const release of all) {
    if (!reports.some((r) => r.release <= release && r.status !== 'excluded')) continue;
    const primaries = reports.filter((r) => isPrimaryAsOf(r, reports, release));
    if (primaries.length === 1) continue;
    const key = primaries.map((r) => r.id).join('\u0000');
    const fault = faults.get(key) ?? { releases: [], primaries };
    fault.releases.push(release);
    faults.set(key, fault);
  }
  for (const { releases: when, primaries } of faults.values()) {
    if (primaries.length === 0) {
      problems.push(at(source, ['reports'], messages.noPrimary(when)));
    } else {
      const last = reports.indexOf(primaries[primaries.length - 1]!);
      problems.push(at(source, ['reports', last, 'status'], messages.severalPrimaries(when, primaries.map((r) => r.id))));
    }
  }
  return problems;
}

function checkSupersedeLinks({ source, data }: ValidFile<Trial>): Problem[] {
  const problems: Problem[] = [];
  const reports = data.reports;
  const ids = reports.map((r) => r.id);
  const byId = new Map(reports.map((r) => [r.id, r]));
  const inCycle = new Set<string>();
  reports.forEach((report, i) => {
    if (report.superseded_by === undefined) return;
    const target = byId.get(report.superseded_by);
    const path = ['reports', i, 'superseded_by'];
    if (!target) {
      problems.push(at(source, path, messages.supersededByMissing(report.superseded_by, ids.filter((id) => id !== report.id), closest(report.superseded_by, ids))));
      return;
    }
    if (target.status === 'excluded') problems.push(at(source, path, messages.supersededByExcluded(target.id)));
    // Follow the chain from this report; coming back to it means a circle.
    const chain = [report.id];
    let next: Report | undefined = target;
    while (next && !chain.includes(next.id)) {
      chain.push(next.id);
      next = next.superseded_by === undefined ? undefined : byId.get(next.superseded_by);
    }
    if (next?.id === report.id && !inCycle.has(report.id)) {
      chain.forEach((id) => inCycle.add(id));
      problems.push(at(source, path, messages.supersedeCycle(chain)));
    }
  });
  return problems;
}
