/**
 * The protocol of a synthetic review: two populations, outcomes of both kinds, characteristics
 * of every type (one of them per-cohort and behind the subgroup variable, some for registry
 * entries only) and three releases, so that reports can supersede each other across releases.
 * Its words are neutral: it is the generator's own test review, not any hosted one.
 */
import type { Release } from '../../schemas/index.ts';
import { DRUG_CLASSES } from './vocabulary.ts';

/** Population ids: who is assessed for efficacy, who is counted for safety. */
export const SYNTH_POPULATIONS = { efficacy: 'evaluable', safety: 'treated' } as const;

/** Outcome ids by population. */
export const SYNTH_OUTCOMES = {
  evaluable: ['response', 'remission'],
  treated: ['ae_g12', 'ae_g3', 'serious_ae', 'discontinuation', 'rash_g12', 'rash_g3', 'death'],
} as const;

export type SynthOutcome = (typeof SYNTH_OUTCOMES)[keyof typeof SYNTH_OUTCOMES][number];

/** Levels of the per-cohort `route` characteristic, and the subgroup level each falls in. */
export const ROUTES = ['oral', 'intravenous', 'subcutaneous'] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_GROUP: Record<Route, 'oral' | 'parenteral'> = { oral: 'oral', intravenous: 'parenteral', subcutaneous: 'parenteral' };

/** Releases 1-3; a report of release r is dated after the cut-off of r - 1 and by the cut-off of r. */
export const SYNTH_RELEASES: readonly Release[] = [
  { number: 1, date: '2025-06-01', cutoff: '2025-01-12', search: 'release-1', summary: 'The first synthetic release.' },
  { number: 2, date: '2026-09-15', cutoff: '2026-06-30', search: 'release-2', summary: 'First update: new studies and full papers replacing abstracts.' },
  { number: 3, date: '2027-09-15', cutoff: '2027-06-30', search: 'release-3', summary: 'Second update.' },
];

/** The earliest report date of release 1. */
export const FIRST_REPORT_DATE = '2019-01-01';

const OUTCOME_LINES: readonly [id: SynthOutcome, label: string, short: string, kind: string, population: string, description: string][] = [
  ['response', 'Response', 'Response', 'efficacy', 'evaluable', 'Participants who met the response criteria of the study at any assessment.'],
  ['remission', 'Remission', 'Remission', 'efficacy', 'evaluable', 'Participants in full remission at any assessment.'],
  ['ae_g12', 'Adverse event, grade 1-2', 'AE grade 1-2', 'safety', 'treated', 'Participants whose worst adverse event was of grade 1 or 2.'],
  ['ae_g3', 'Adverse event, grade 3 or higher', 'AE grade 3+', 'safety', 'treated', 'Participants with an adverse event of grade 3 or above.'],
  ['serious_ae', 'Serious adverse event', 'Serious AE', 'safety', 'treated', 'Participants with at least one serious adverse event.'],
  ['discontinuation', 'Discontinuation for adverse events', 'Discontinuation', 'safety', 'treated', 'Participants who stopped treatment because of an adverse event.'],
  ['rash_g12', 'Rash, grade 1-2', 'Rash grade 1-2', 'safety', 'treated', 'Participants whose worst rash was of grade 1 or 2.'],
  ['rash_g3', 'Rash, grade 3 or higher', 'Rash grade 3+', 'safety', 'treated', 'Participants with a rash of grade 3 or above.'],
  ['death', 'Treatment-related death', 'Death', 'safety', 'treated', 'Deaths the investigators attributed to treatment.'],
];

const q = (text: string) => JSON.stringify(text);

/** The characteristics block of review.yaml. */
const CHARACTERISTICS = `characteristics:
  - id: route
    label: "Route of administration"
    description: "How the intervention is given; a cohort given it another way records its own route"
    type: category
    levels:
      - id: oral
        label: "Oral"
      - id: intravenous
        label: "Intravenous"
      - id: subcutaneous
        label: "Subcutaneous"
    required: true
    per_cohort: true
    show: [table, trial, list, filter, search]
  - id: setting
    label: "Setting"
    description: "Where participants were treated"
    type: text
    required: true
    applies_to: [trials, registry]
    show: [table, trial, list, search]
  - id: dose
    label: "Dose"
    description: "Highest dose given per administration"
    type: number
    unit: "mg"
    min: 0
    group: "Regimen"
    show: [table, trial]
  - id: co_interventions
    label: "Co-interventions"
    description: "Other treatments given alongside, one per line"
    type: list
    group: "Regimen"
    show: [table, trial, search]
  - id: blinded
    label: "Blinding"
    description: "Whether outcome assessors were blinded"
    type: boolean
    yes: "blinded"
    no: "open label"
    show: [table, trial, filter]
  - id: median_age
    label: "Median age"
    description: "Median age of enrolled participants"
    type: number
    unit: "years"
    integer: true
    min: 0
    max: 120
    show: [trial]
  - id: key_criteria
    label: "Key criteria"
    description: "Main eligibility criteria, one per line"
    type: list
    show: [trial]
  - id: drug_class
    label: "Drug class"
    description: "Class of the registered intervention"
    type: category
    levels:
${DRUG_CLASSES.map((id) => `      - id: ${id}\n        label: ${q(id === 'small_molecule' ? 'Small molecule' : id[0]!.toUpperCase() + id.slice(1))}\n`).join('')}    required: true
    applies_to: [registry]
    show: [table, filter]
  - id: regions
    label: "Regions"
    description: "Regions where the registered study recruits"
    type: list
    required: true
    applies_to: [registry]
    show: [table, filter]
`;

/** certainty.yaml of a synthetic review: every data-driven domain confirms the data's prompt. */
export function certaintyYaml(): string {
  const entry = (id: string) =>
    `  ${id}:\n    domains:\n      risk_of_bias: { rating: suggested }\n      inconsistency: { rating: suggested }\n      indirectness: { rating: not_serious, reason: "Synthetic studies match the synthetic question." }\n      imprecision: { rating: suggested }\n      publication_bias: { rating: suggested }\n`;
  return `# GRADE ratings of the synthetic review: the curators confirm the data's prompts.\noutcomes:\n${OUTCOME_LINES.map(([id]) => entry(id)).join('')}`;
}

/** review.yaml of a synthetic review of `trials` studies. */
export function protocolYaml(trials: number, seed: number): string {
  const outcomes = OUTCOME_LINES.map(
    ([id, label, short, kind, population, description]) =>
      `  - id: ${id}\n    label: ${q(label)}\n    short_label: ${q(short)}\n    kind: ${kind}\n    population: ${population}\n    description: ${q(description)}\n`,
  ).join('');
  const releases = SYNTH_RELEASES.map(
    (r) => `  - number: ${r.number}\n    date: ${r.date}\n    cutoff: ${r.cutoff}\n    search: ${r.search}\n    summary: ${q(r.summary ?? '')}\n`,
  ).join('');
  return `# A synthetic review generated by npm run synth (${trials} studies, seed ${seed}). Not real data.
id: synthetic-review
title: "Drugs for condition X: a synthetic living review of ${trials} studies"
short_title: "Synthetic review (${trials} studies)"
question: "In adults with condition X, how often do the drugs studied produce a response, and how often do they cause adverse events? (Synthetic data for performance tests.)"
authors:
  - "Synthetic Curator"
eligibility:
  population: "Adults with condition X"
  intervention: "Any drug given by mouth, into a vein or under the skin"
  comparator: "None required; single-arm studies are eligible."
  designs: "Interventional studies and prospective cohorts"
  include:
    - "Original study reports in adults"
  exclude:
    - "Interventions outside the review question"
populations:
  - id: evaluable
    label: "Evaluable participants"
    description: "Participants assessed for response."
  - id: treated
    label: "All treated participants"
    description: "Every participant who received at least one dose."
outcomes:
${outcomes}analysis:
  transform: PAS
  method: REML
  ci: z
  level: 0.95
  subgroup_test: separate
studies:
  registration: optional
  label_heading: "Intervention"
risk_of_bias:
  tool: rob2
  required: false
certainty:
  start: high
${CHARACTERISTICS}subgroups:
  - id: route
    characteristic: route
    levels:
      - id: oral
        label: "Oral"
      - id: parenteral
        label: "Parenteral (intravenous or subcutaneous)"
        includes: [intravenous, subcutaneous]
landscape:
  intro: "Every registered study of the interventions in this synthetic review, whether or not it has reported results. Studies with results in the review link to their page."
  caption: "Registered studies, by drug class and intervention."
releases:
${releases}`;
}
