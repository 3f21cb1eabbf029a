/**
 * The numbers of a synthetic trial's reports: each trial has its own true rate per outcome
 * (the outcome's typical rate for its cell type, spread on the logit scale), and each newer
 * report counts more patients. Grades 1-2 and 3+ of one toxicity never add up to more than n,
 * complete responses never outnumber responses, and some values are not disclosed.
 */
import type { OutcomeValue, Report, Trial } from '../../schemas/index.ts';
import type { Random } from './random.ts';
import type { SynthOutcome } from './protocol.ts';

/** Typical rates [CAR-T, CAR-NK] by outcome, in the range the hosted review reports. */
const TYPICAL: Record<SynthOutcome, [number, number]> = {
  borr: [0.55, 0.45],
  bcrr: [0.35, 0.28],
  crs_g12: [0.45, 0.1],
  crs_g3: [0.03, 0.005],
  icans_g12: [0.1, 0.01],
  icans_g3: [0.03, 0.005],
  inf_g12: [0.25, 0.2],
  inf_g3: [0.15, 0.1],
  gvhd: [0.01, 0.002],
};

/** Chance that a report leaves the outcome undisclosed. */
const NOT_DISCLOSED: Record<SynthOutcome, number> = {
  borr: 0.02, bcrr: 0.08, crs_g12: 0.05, crs_g3: 0.05, icans_g12: 0.08, icans_g3: 0.08, inf_g12: 0.2, inf_g3: 0.2, gvhd: 0.1,
};

const SOURCES = ['Table 2', 'Table 3', 'Figure 2', 'Results, p. 4', 'Abstract text', 'Safety section'] as const;

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

function value(random: Random, outcome: SynthOutcome, events: number, n: number, source: string): OutcomeValue {
  if (random.chance(NOT_DISCLOSED[outcome])) {
    return random.chance(0.5) ? 'nd' : { nd: true, source, note: 'Only any-grade events given' };
  }
  const inferred = random.chance(0.05) ? { inferred: `Rebuilt from the printed percentage of ${n} patients.` } : {};
  return { events, n, source, ...inferred };
}

/** `reports` with their data filled in, oldest first. */
export function synthReportData(random: Random, modality: Trial['modality'], reports: Report[]): Report[] {
  const column = modality === 'car_nk' ? 1 : 0;
  const rate = {} as Record<SynthOutcome, number>;
  for (const [outcome, typical] of Object.entries(TYPICAL) as [SynthOutcome, [number, number]][]) {
    rate[outcome] = expit(logit(typical[column]) + 0.5 * random.normal());
  }
  let evaluable = random.int(3, 24);
  return reports.map((report, j) => {
    if (j > 0) evaluable += random.int(2, 20);
    const infused = evaluable + random.int(0, 8);
    const source = random.pick(SOURCES);
    const responses = random.binomial(evaluable, rate.borr);
    const complete = random.binomial(responses, Math.min(1, rate.bcrr / rate.borr));
    const graded = (high: SynthOutcome, low: SynthOutcome): [number, number] => {
      const severe = random.binomial(infused, rate[high]);
      return [random.binomial(infused - severe, rate[low]), severe];
    };
    const [crs12, crs3] = graded('crs_g3', 'crs_g12');
    const [icans12, icans3] = graded('icans_g3', 'icans_g12');
    const [inf12, inf3] = graded('inf_g3', 'inf_g12');
    const data: Report['data'] = {
      evaluable: { borr: value(random, 'borr', responses, evaluable, source), bcrr: value(random, 'bcrr', complete, evaluable, source) },
    };
    // A few reports give response data only.
    if (!random.chance(0.03)) {
      data['infused'] = {
        crs_g12: value(random, 'crs_g12', crs12, infused, source),
        crs_g3: value(random, 'crs_g3', crs3, infused, source),
        icans_g12: value(random, 'icans_g12', icans12, infused, source),
        icans_g3: value(random, 'icans_g3', icans3, infused, source),
        inf_g12: value(random, 'inf_g12', inf12, infused, source),
        inf_g3: value(random, 'inf_g3', inf3, infused, source),
        gvhd: value(random, 'gvhd', random.binomial(infused, rate.gvhd), infused, source),
      };
    }
    return { ...report, data };
  });
}
