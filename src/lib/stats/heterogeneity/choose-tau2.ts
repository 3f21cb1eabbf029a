import { messages } from '../messages.ts';
import type { Tau2Method } from '../methods.ts';

/** What choosing a tau² estimator returns: tau², the method used (DL after a fallback), warnings. */
export interface Tau2Choice {
  readonly tau2: number;
  readonly method: Tau2Method;
  readonly warnings: string[];
}

/** The estimators of one kind of data (cell means, or a general model matrix). */
export interface Tau2Estimators {
  /** REML or ML, with its own fallback and warnings */
  readonly likelihood: (method: 'REML' | 'ML') => Tau2Choice;
  /** Paule-Mandel: the root, whether it was found, and whether the search interval had to grow */
  readonly pauleMandel: () => { tau2: number; converged: boolean; iterations: number; extended: boolean; upper: number };
  /** the moment estimators: tau² truncated at 0 and the value before truncation */
  readonly derSimonianLaird: () => { tau2: number; raw: number };
  readonly hedges: () => { tau2: number; raw: number };
  readonly sidikJonkman: () => { tau2: number; raw: number };
}

/**
 * Runs the named tau² estimator as metafor's `rma.uni()` does, with its warnings: REML and ML
 * by their likelihood, Paule-Mandel falling back to DerSimonian-Laird when its root search
 * fails, and the moment estimators truncated at 0 (a warning gives the value before).
 *
 * Reference: Viechtbauer W (2005). Bias and efficiency of meta-analytic variance estimators in
 * the random-effects model. Journal of Educational and Behavioral Statistics 30(3), 261-293.
 * https://doi.org/10.3102/10769986030003261
 *
 * @param method the estimator
 * @param estimators its implementations for the data at hand
 * @returns tau², the method used, warnings
 * @throws never
 * @example
 * chooseTau2('DL', estimators).tau2
 */
export function chooseTau2(method: Tau2Method, estimators: Tau2Estimators): Tau2Choice {
  switch (method) {
    case 'REML':
    case 'ML':
      return estimators.likelihood(method);
    case 'PM': {
      const result = estimators.pauleMandel();
      const warnings = result.extended ? [messages.searchIntervalExtended('PM', result.upper)] : [];
      if (result.converged) return { tau2: result.tau2, method, warnings };
      warnings.push(messages.iterationFallback('PM', result.iterations, 'DL'));
      return { tau2: estimators.derSimonianLaird().tau2, method: 'DL', warnings };
    }
    case 'DL':
    case 'HE':
    case 'SJ': {
      const result = method === 'DL' ? estimators.derSimonianLaird() : method === 'HE' ? estimators.hedges() : estimators.sidikJonkman();
      const warnings = result.raw < 0 ? [messages.tau2Truncated(method, result.raw)] : [];
      return { tau2: result.tau2, method, warnings };
    }
  }
}
