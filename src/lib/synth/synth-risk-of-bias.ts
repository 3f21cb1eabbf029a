/**
 * Risk-of-bias judgements for synthetic studies (RoB 2's five domains): most studies judged,
 * mostly at low risk, some with concerns, a few at high risk, and a few not assessed at all, so
 * that every panel of the site has something to show at any size.
 */
import type { Random } from './random.ts';
import type { SynthTrial } from './synth-trial.ts';

const DOMAINS = ['randomisation', 'deviations', 'missing_data', 'measurement', 'reporting'] as const;
const SUPPORT: Record<string, string> = {
  low: 'The synthetic report describes the methods for this domain in full.',
  some_concerns: 'The synthetic report leaves part of this domain unclear.',
  high: 'The synthetic report shows a problem in this domain.',
};

/** Adds `risk_of_bias` to the studies that are not excluded (in place), drawing from `random`. */
export function synthRiskOfBias(trials: readonly SynthTrial[], random: Random): void {
  for (const t of trials) {
    if (t.data.status === 'excluded' || random.chance(0.03)) continue;
    const primary = t.data.reports.find((r) => r.status === 'primary') ?? t.data.reports[t.data.reports.length - 1]!;
    const domains: Record<string, { judgement: string; support: string; source: string }> = {};
    for (const d of DOMAINS) {
      const x = random.next();
      const judgement = x < 0.65 ? 'low' : x < 0.9 ? 'some_concerns' : 'high';
      domains[d] = { judgement, support: SUPPORT[judgement]!, source: `${primary.id}, methods` };
    }
    t.data.risk_of_bias = { domains, reports: {} };
  }
}
