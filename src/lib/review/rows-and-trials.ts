/**
 * How the site speaks of the rows of an analysis: rows are cohorts, and a trial may give more
 * than one, so a count of rows is a count of trials only when every trial gives one.
 */
import type { LeaveOneTrialOutRow, OutcomeAnalysis } from './analyses-types.ts';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "5 trials", "1 trial", or "6 cohorts from 5 trials" when some trial gives more than one cohort. */
export function studiesText(r: { k: number; trials?: number }): string {
  const trials = r.trials ?? r.k;
  return trials === r.k ? plural(trials, 'trial', 'trials') : `${plural(r.k, 'cohort', 'cohorts')} from ${plural(trials, 'trial', 'trials')}`;
}

/** "5", or "6 cohorts from 5 trials" when they differ: for a table column headed "Trials". */
export function trialsColumnText(r: { k: number; trials?: number }): string {
  const trials = r.trials ?? r.k;
  return trials === r.k ? String(trials) : studiesText(r);
}

/** "5 trials", or "6 cohorts from 5 trials" when a count of cohorts differs from the count of their trials. */
export function cohortsText(cohorts: number, trials: number): string {
  return studiesText({ k: cohorts, trials });
}

/**
 * Leave one trial out, for every trial: the analysis without all the rows of each trial, from
 * leave_one_trial_out for trials that give several rows and from leave_one_out for those that
 * give one (leaving out its one row is leaving out the trial). In the order of the trials'
 * first rows in leave_one_out.
 */
export function leaveOneTrialOut(o: Pick<OutcomeAnalysis, 'leave_one_out' | 'leave_one_trial_out'>): LeaveOneTrialOutRow[] {
  const rowsOf = new Map<string, number>();
  for (const r of o.leave_one_out) rowsOf.set(r.trial, (rowsOf.get(r.trial) ?? 0) + 1);
  const several = new Map((o.leave_one_trial_out ?? []).map((r) => [r.trial, r]));
  const out: LeaveOneTrialOutRow[] = [];
  const k = o.leave_one_out.length;
  for (const r of o.leave_one_out) {
    const count = rowsOf.get(r.trial);
    if (count === undefined) continue;
    rowsOf.delete(r.trial);
    if (count === 1) out.push({ trial: r.trial, omitted: r.omitted, rows: 1, k: k - 1, estimate: r.estimate, ci_lower: r.ci_lower, ci_upper: r.ci_upper, I2: r.I2, tau2: r.tau2 });
    // a trial of several rows that leaves nothing when left out (the only trial) has no entry
    else if (several.has(r.trial)) out.push(several.get(r.trial)!);
  }
  return out;
}
