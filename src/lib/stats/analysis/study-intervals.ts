import { studyInterval } from '../intervals/study-interval.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/**
 * The study intervals of a prepared analysis ([lower, upper] pairs in one array), computed on
 * first use and kept: several analyses of the same studies share them.
 *
 * Reference: Newcombe RG (1998). Two-sided confidence intervals for the single proportion:
 * comparison of seven methods. Statistics in Medicine 17(8), 857-872.
 * https://doi.org/10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E
 *
 * @param prepared the prepared analysis (counts and the interval method)
 * @returns interval bounds on the proportion scale, 2 per study
 * @throws never: the counts were validated by prepareAnalysis
 * @example
 * studyIntervals(prepareAnalysis({ events: [0], n: [10], transform: 'PAS', method: 'FE' }))[1] // 0.308497107818…
 */
export function studyIntervals(prepared: PreparedAnalysis): Float64Array {
  if (prepared.intervals !== null) return prepared.intervals;
  const { events, n, settings } = prepared;
  const intervals = new Float64Array(2 * events.length);
  // Thousands of studies repeat a few hundred events/n pairs: each interval is solved once.
  const solved = new Map<string, readonly [number, number]>();
  for (let i = 0; i < events.length; i++) {
    const key = `${events[i]}/${n[i]}`;
    let bounds = solved.get(key);
    if (!bounds) solved.set(key, (bounds = studyInterval(events[i]!, n[i]!, settings.level, settings.studyInterval)));
    intervals[2 * i] = bounds[0];
    intervals[2 * i + 1] = bounds[1];
  }
  prepared.intervals = intervals;
  return intervals;
}
