/**
 * The numbers of a synthetic study's reports: each cohort has its own true rate per outcome
 * (the outcome's typical rate for its route of administration, spread on the logit scale), and
 * each newer report counts more participants. Grades 1-2 and 3+ of one adverse event never add
 * up to more than n, remissions never outnumber responses, and some values are not disclosed.
 */
import type { OutcomeValue, Report } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import { ROUTE_GROUP, type Route, type SynthOutcome } from './protocol.ts';

/** Typical rates [oral, parenteral] by outcome. */
const TYPICAL: Record<SynthOutcome, [number, number]> = {
  response: [0.55, 0.45],
  remission: [0.35, 0.28],
  ae_g12: [0.45, 0.3],
  ae_g3: [0.12, 0.08],
  serious_ae: [0.1, 0.06],
  discontinuation: [0.06, 0.04],
  rash_g12: [0.15, 0.05],
  rash_g3: [0.02, 0.005],
  death: [0.01, 0.002],
};

/** Chance that a report leaves the outcome undisclosed. */
const NOT_DISCLOSED: Record<SynthOutcome, number> = {
  response: 0.02, remission: 0.08, ae_g12: 0.05, ae_g3: 0.05, serious_ae: 0.08, discontinuation: 0.08, rash_g12: 0.2, rash_g3: 0.2, death: 0.1,
};

const SOURCES = ['Table 2', 'Table 3', 'Figure 2', 'Results, p. 4', 'Abstract text', 'Safety section'] as const;

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

function value(random: Random, outcome: SynthOutcome, events: number, n: number, source: string): OutcomeValue {
  if (random.chance(NOT_DISCLOSED[outcome])) {
    return random.chance(0.5) ? 'nd' : { nd: true, source, note: 'Only any-grade events given' };
  }
  const inferred = random.chance(0.05) ? { inferred: `Rebuilt from the printed percentage of ${n} participants.` } : {};
  return { events, n, source, ...inferred };
}

/** The ids of the two cohorts of one arm of a study: who is evaluable, who was treated. */
export interface SynthArm {
  route: Route;
  evaluable: string;
  treated: string;
}

/**
 * The data of `count` reports, oldest first, for every arm: each arm has its own true rates and
 * its own participants, under its own cohorts.
 */
export function synthReportData(random: Random, arms: readonly SynthArm[], count: number): Report['data'][] {
  const data: Report['data'][] = Array.from({ length: count }, () => ({}));
  for (const arm of arms) {
    const column = ROUTE_GROUP[arm.route] === 'oral' ? 0 : 1;
    const rate = {} as Record<SynthOutcome, number>;
    for (const [outcome, typical] of Object.entries(TYPICAL) as [SynthOutcome, [number, number]][]) {
      rate[outcome] = expit(logit(typical[column]) + 0.5 * random.normal());
    }
    let evaluable = random.int(3, 24);
    for (let j = 0; j < count; j++) {
      if (j > 0) evaluable += random.int(2, 20);
      const treated = evaluable + random.int(0, 8);
      const source = random.pick(SOURCES);
      const responses = random.binomial(evaluable, rate.response);
      const remissions = random.binomial(responses, Math.min(1, rate.remission / rate.response));
      const graded = (high: SynthOutcome, low: SynthOutcome): [number, number] => {
        const severe = random.binomial(treated, rate[high]);
        return [random.binomial(treated - severe, rate[low]), severe];
      };
      const [ae12, ae3] = graded('ae_g3', 'ae_g12');
      const [rash12, rash3] = graded('rash_g3', 'rash_g12');
      const report = data[j]!;
      report[arm.evaluable] = {
        response: value(random, 'response', responses, evaluable, source),
        remission: value(random, 'remission', remissions, evaluable, source),
      };
      // A few reports give response data only.
      if (!random.chance(0.03)) {
        report[arm.treated] = {
          ae_g12: value(random, 'ae_g12', ae12, treated, source),
          ae_g3: value(random, 'ae_g3', ae3, treated, source),
          serious_ae: value(random, 'serious_ae', random.binomial(treated, rate.serious_ae), treated, source),
          discontinuation: value(random, 'discontinuation', random.binomial(treated, rate.discontinuation), treated, source),
          rash_g12: value(random, 'rash_g12', rash12, treated, source),
          rash_g3: value(random, 'rash_g3', rash3, treated, source),
          death: value(random, 'death', random.binomial(treated, rate.death), treated, source),
        };
      } else {
        // A report of response data only gives its responses at least: a report of an included
        // study with no number at all is refused by the content checks.
        const given = report[arm.evaluable]!;
        if (typeof given['response'] !== 'object' || 'nd' in given['response']) {
          if (typeof given['remission'] !== 'object' || 'nd' in given['remission']) given['response'] = { events: responses, n: evaluable, source };
        }
      }
    }
  }
  return data;
}
