import type { StudyInterval } from '../methods.ts';
import { clopperPearson } from './clopper-pearson.ts';
import { wilson } from './wilson.ts';

/**
 * Confidence interval of one study's proportion by the named method.
 *
 * Reference: Newcombe RG (1998). Two-sided confidence intervals for the single proportion:
 * comparison of seven methods. Statistics in Medicine 17(8), 857-872.
 * https://doi.org/10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E
 *
 * @param events events x (count)
 * @param n participants n (count)
 * @param level confidence level in (0, 1)
 * @param method `clopper-pearson` or `wilson`
 * @returns [lower, upper] on the proportion scale
 * @throws never: the counts are checked by the caller (validateInput)
 * @example
 * studyInterval(0, 10, 0.95, 'clopper-pearson') // [0, 0.308497107818…]
 */
export function studyInterval(events: number, n: number, level: number, method: StudyInterval): [number, number] {
  return method === 'wilson' ? wilson(events, n, level) : clopperPearson(events, n, level);
}
