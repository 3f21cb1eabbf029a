/** Reader-facing labels for the schemas' enumerations. */
import type { DESIGNS, Report, Trial } from '../../schemas/index.ts';

export const REPORT_TYPE_LABELS: Record<Report['type'], string> = {
  full_article: 'Full article',
  abstract: 'Conference abstract',
  sponsor_report: 'Sponsor report',
  news: 'News report',
  registry_record: 'Registry record',
};

export const REPORT_STATUS_LABELS: Record<Report['status'], string> = {
  primary: 'Primary report',
  superseded: 'Superseded',
  excluded: 'Excluded',
};

export const TRIAL_STATUS_LABELS: Record<Trial['status'], string> = {
  included: 'Included in the meta-analysis',
  described: 'Described, not pooled',
  excluded: 'Excluded',
};

export const DESIGN_LABELS: Record<(typeof DESIGNS)[number], string> = {
  single_arm_trial: 'Single-arm trial',
  randomised_trial: 'Randomised trial',
  non_randomised_controlled_trial: 'Non-randomised controlled trial',
  prospective_cohort: 'Prospective cohort study',
  retrospective_cohort: 'Retrospective cohort study',
  case_series: 'Case series',
  case_control: 'Case-control study',
  cross_sectional: 'Cross-sectional study',
  registry: 'Registry study',
};

/** A design as readers see it; a design outside the list reads as the source words it. */
export function designText(design: NonNullable<Trial['design']>): string {
  return typeof design === 'string' ? DESIGN_LABELS[design] : design.other;
}

/** A phase as readers see it: "1/2", "observational", "not applicable", or the source's words. */
export function phaseText(phase: NonNullable<Trial['phase']>): string {
  if (typeof phase !== 'string') return phase.other;
  return phase === 'not_applicable' ? 'not applicable' : phase;
}

export const TRANSFORM_LABELS: Record<string, string> = {
  PAS: 'arcsine square-root',
  PFT: 'Freeman-Tukey double arcsine',
  PLO: 'logit',
  PRAW: 'untransformed (raw proportion)',
};

export const METHOD_LABELS: Record<string, string> = {
  FE: 'common-effect',
  DL: 'DerSimonian-Laird',
  REML: 'restricted maximum likelihood (REML)',
  ML: 'maximum likelihood',
  PM: 'Paule-Mandel',
  HE: 'Hedges',
  SJ: 'Sidik-Jonkman',
};

/** A label inside a sentence: its first letter lower-cased, unless it starts an acronym ("CD19 target" stays). */
export function lowerFirst(label: string): string {
  return /^.[^A-Z0-9]/u.test(label) || label.length === 1 ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** Items in running text: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The label of a count of patients in a population: the population's own label when it says who
 * they are ("Evaluable patients"), else "patients, <label>" ("patients, efficacy population").
 * @example populationCountLabel('Evaluable patients') // 'Evaluable patients'
 */
export function populationCountLabel(label: string): string {
  return /\b(patients?|participants?|people|persons?|subjects?|women|men|children|adults|infants)\b/i.test(label) ? label : `patients, ${lowerFirst(label)}`;
}
