/**
 * `content/trials/<slug>.md`: one study (one clinical trial, possibly several registrations)
 * per file. The YAML front matter holds the facts and the numbers; the Markdown body holds the
 * curator's notes.
 *
 * Numbers live under each report, per cohort, so that every number names its source and a
 * newer report can replace an older one without losing it.
 */
import { z } from 'zod';
import { characteristicValueSchema, characteristicValuesSchema } from './characteristics.ts';
import { trialRiskOfBiasSchema } from './appraisal.ts';
import {
  designSchema,
  doiSchema,
  partialDateSchema,
  phaseSchema,
  idSchema,
  registrationSchema,
  requiredTextSchema,
  textSchema,
  urlSchema,
} from './common.ts';

export const REPORT_TYPES = ['full_article', 'abstract', 'sponsor_report', 'news', 'registry_record'] as const;
export const REPORT_STATUSES = ['primary', 'superseded', 'excluded'] as const;
export const TRIAL_STATUSES = ['included', 'described', 'excluded'] as const;

const count = (what: string) =>
  z
    .number({ message: `${what} must be a whole number` })
    .int({ message: `${what} must be a whole number, not a fraction` })
    .min(0, { message: `${what} cannot be negative` });

/** One outcome's numbers in one cohort of one report. */
export const outcomeDataSchema = z
  .object({
    events: count('events').describe('Number of patients with the event'),
    n: count('n').min(1, { message: 'n must be at least 1 (leave the outcome out, or write nd, when nobody was evaluated)' }).describe('Number of patients evaluated'),
    source: requiredTextSchema.describe('Where in the report the numbers are: table, figure or page, e.g. "Table 2"'),
    inferred: textSchema.optional().describe('Only when the numbers are not printed as such: how they were worked out and why'),
  })
  .strict()
  .refine((d) => d.events <= d.n, { message: 'events cannot exceed n: check both numbers against the source', path: ['events'] });

/** "Not disclosed": the study is left out of that outcome (never counted as zero). */
export const notDisclosedSchema = z.union([
  z.literal('nd'),
  z
    .object({
      nd: z.literal(true).describe('Not disclosed in this report'),
      source: textSchema.optional().describe('Where the report should have given it'),
      note: textSchema.optional().describe('Why it is not disclosed, e.g. "only events of any grade given"'),
    })
    .strict(),
]);

// Numbers first: nearly every value is numbers, and a union stops at the first option that fits
// (trying "not disclosed" first cost every value two failed parses).
export const outcomeValueSchema = z.union([outcomeDataSchema, notDisclosedSchema]);

export const cohortSchema = z
  .object({
    id: idSchema.describe('Cohort identifier used under reports, e.g. "evaluable"'),
    label: requiredTextSchema.describe('What the cohort is, e.g. "Evaluable patients, all dose levels"'),
    population: idSchema
      .optional()
      .describe('The review population this cohort represents (an id from review.yaml populations); leave out for a cohort that is only described'),
    subset_of: idSchema
      .optional()
      .describe('When this cohort\'s patients are all among another cohort\'s (e.g. a dose level of all treated patients): the id of that cohort; the two are never pooled in one analysis'),
    characteristics: z
      .record(idSchema, characteristicValueSchema)
      .optional()
      .describe('Values of per-cohort characteristics (review.yaml, per_cohort: true) where this cohort differs from its trial'),
  })
  .strict();

export const reportSchema = z
  .object({
    id: idSchema.describe('Short identifier of the report within the trial, e.g. "ash-2023"'),
    citation: requiredTextSchema.describe('Full citation: authors, title, journal or meeting, year'),
    doi: doiSchema.optional().describe('DOI, without https://doi.org/'),
    url: urlSchema.optional().describe('Web address, when there is no DOI'),
    type: z.enum(REPORT_TYPES).describe('full_article, abstract, sponsor_report, news or registry_record'),
    date: partialDateSchema.describe('Date the report was published or presented: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source gives it'),
    release: z.number().int().min(1).describe('Release in which the report entered the review'),
    status: z.enum(REPORT_STATUSES).describe('primary (the report the analysis uses), superseded (replaced by a newer report) or excluded'),
    superseded_by: idSchema.optional().describe('With status superseded: the id of the report that replaces it'),
    reason: textSchema.optional().describe('Why the report is superseded or excluded (required for those statuses)'),
    data: z
      .record(idSchema, z.record(idSchema, outcomeValueSchema))
      .default({})
      .describe('Numbers by cohort id, then by outcome id: {events, n, source} or nd'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.doi && !r.url) ctx.addIssue({ code: 'custom', path: ['doi'], message: 'give a doi or a url so readers can find the report' });
    if (r.status !== 'primary' && !r.reason?.trim())
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `a report with status ${r.status} needs a reason` });
    if (r.status === 'superseded' && !r.superseded_by)
      ctx.addIssue({ code: 'custom', path: ['superseded_by'], message: 'a superseded report must name the report that replaces it (superseded_by: <report id>)' });
    if (r.status !== 'superseded' && r.superseded_by)
      ctx.addIssue({ code: 'custom', path: ['superseded_by'], message: 'only a report with status superseded has superseded_by; remove it or change the status' });
  });

export const trialSchema = z
  .object({
    label: requiredTextSchema.describe('Study label shown in tables and plots, unique in the review: "Author 2024" or a short name, e.g. "STEP-2 (NCT01234567)"'),
    aliases: z.array(requiredTextSchema).default([]).describe('Other names of the study or of what it tests'),
    registrations: z.array(registrationSchema).default([]).describe('Registry numbers of this study, e.g. [NCT03939026, NCT04416984] (required when review.yaml says studies.registration: required)'),
    sponsor: requiredTextSchema.optional().describe('Sponsor or funder'),
    sponsor_country: textSchema.optional().describe('Country of the sponsor'),
    design: designSchema.optional().describe(`Study design: one of single_arm_trial, randomised_trial, non_randomised_controlled_trial, prospective_cohort, retrospective_cohort, case_series, case_control, cross_sectional, registry, or {other, reason}`),
    phase: phaseSchema.optional().describe('Trial phase: 0, 1, 1a, 1b, 1/2, 1b/2, 2, 2a, 2b, 2/3, 3, 4, observational, not_applicable, or {other, reason}'),
    characteristics: characteristicValuesSchema,
    status: z.enum(TRIAL_STATUSES).describe('included (pooled), described (in the tables, not pooled) or excluded'),
    status_reason: textSchema.optional().describe('Why the trial is described only or excluded'),
    cohorts: z.array(cohortSchema).default([]).describe('Groups of patients the reports give numbers for'),
    reports: z.array(reportSchema).min(1).describe('Every report of this study, newest last'),
    risk_of_bias: trialRiskOfBiasSchema.optional().describe('Risk-of-bias judgements with the review\'s tool: one per domain, each with its support and source'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.status !== 'included' && !t.status_reason?.trim())
      ctx.addIssue({ code: 'custom', path: ['status_reason'], message: `a trial with status ${t.status} needs a status_reason` });
  });

export type Trial = z.output<typeof trialSchema>;
export type Report = z.output<typeof reportSchema>;
export type Cohort = z.output<typeof cohortSchema>;
export type OutcomeValue = z.output<typeof outcomeValueSchema>;
export type OutcomeData = z.output<typeof outcomeDataSchema>;

/** True when an outcome value is "not disclosed". */
export function isNotDisclosed(value: OutcomeValue): value is z.output<typeof notDisclosedSchema> {
  return value === 'nd' || (typeof value === 'object' && 'nd' in value);
}
