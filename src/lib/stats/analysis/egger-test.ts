import { criticalValue } from '../distributions/critical-value.ts';
import { studentTUpperTail } from '../distributions/student-t-upper-tail.ts';
import { StatsInputError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { MetaProportionsInput } from '../types.ts';
import { prepareAnalysis } from './prepare-analysis.ts';

/** Result of Egger's regression test. */
export interface EggerTest {
  readonly k: number;
  /** coefficient of the standard error: the asymmetry (Egger's "bias") */
  readonly slope: number;
  readonly slope_se: number;
  /** t statistic of the slope, its df (k - 2) and two-sided p-value */
  readonly t: number;
  readonly df: number;
  readonly p: number;
  /** intercept: the estimate for a study of infinite precision (transformed scale), with its CI */
  readonly limit_estimate: number;
  readonly limit_ci_lower: number;
  readonly limit_ci_upper: number;
}

/**
 * Egger's regression test for funnel-plot asymmetry, in the form metafor's
 * `regtest(model = "lm")` uses: weighted least squares of yᵢ on √vᵢ with weights 1/vᵢ
 * (equivalent to Egger's regression of yᵢ/√vᵢ on 1/√vᵢ); the test is the t test of the
 * slope with k - 2 df.
 *
 * Reference: Egger M, Davey Smith G, Schneider M, Minder C (1997). Bias in meta-analysis
 * detected by a simple, graphical test. BMJ 315(7109), 629-634.
 * https://doi.org/10.1136/bmj.315.7109.629
 *
 * @param input counts and transform (method and groups are not used)
 * @returns slope, its t test and the limit estimate (transformed scale)
 * @throws StatsInputError for invalid input, fewer than 3 studies, or studies that all have
 *   the same precision
 * @example
 * eggerTest({ events: [2, 9, 16, 30], n: [10, 15, 20, 60], transform: 'PLO', method: 'FE' }).df // 2
 */
export function eggerTest(input: MetaProportionsInput): EggerTest {
  const prepared = prepareAnalysis(input);
  const { yi, vi } = prepared.effects;
  const k = yi.length;
  if (k < 3) throw new StatsInputError(messages.tooFewForEgger(k));
  let sw = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / vi[i]!;
    const x = Math.sqrt(vi[i]!);
    sw += w;
    swx += w * x;
    swxx += w * x * x;
    swy += w * yi[i]!;
    swxy += w * x * yi[i]!;
  }
  const determinant = sw * swxx - swx * swx;
  if (!(determinant > 1e-12 * sw * swxx)) throw new StatsInputError(messages.eggerEqualPrecision());
  const intercept = (swxx * swy - swx * swxy) / determinant;
  const slope = (sw * swxy - swx * swy) / determinant;
  let residualSquares = 0;
  for (let i = 0; i < k; i++) {
    const residual = yi[i]! - intercept - slope * Math.sqrt(vi[i]!);
    residualSquares += residual * residual / vi[i]!;
  }
  const df = k - 2;
  const sigma2 = residualSquares / df;
  const slopeSe = Math.sqrt((sigma2 * sw) / determinant);
  const interceptSe = Math.sqrt((sigma2 * swxx) / determinant);
  const t = slope / slopeSe;
  const critical = criticalValue(prepared.settings.level, df);
  return {
    k,
    slope,
    slope_se: slopeSe,
    t,
    df,
    p: 2 * studentTUpperTail(Math.abs(t), df),
    limit_estimate: intercept,
    limit_ci_lower: intercept - critical * interceptSe,
    limit_ci_upper: intercept + critical * interceptSe,
  };
}
