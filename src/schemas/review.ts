/**
 * `content/review.yaml`: the protocol of one living review. Everything the analysis does is
 * read from here: the outcomes, which cohort of each trial feeds which analysis, the pooling
 * method, the subgroup variables and the releases.
 */
import { z } from 'zod';
import { characteristicSchema, type Characteristic } from './characteristics.ts';
import { dateSchema, doiSchema, idSchema, requiredTextSchema, textSchema, urlSchema } from './common.ts';
import { DEFAULT_N_MAX, plausibilitySchema } from './plausibility.ts';
import { errataSchema } from './errata.ts';
import { certaintySettingsSchema, riskOfBiasSettingsSchema } from './appraisal.ts';
import { EGGER_MIN_K } from '../lib/stats/analysis/egger-min-k.ts';

export const TRANSFORMS = ['PFT', 'PAS', 'PLO', 'PRAW'] as const;
export const TAU2_METHODS = ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ'] as const;
/** Binomial models fitted to the counts themselves (logit scale): random-intercept GLMM, or its common-effect version. */
export const GLMM_METHODS = ['GLMM', 'GLMM-FE'] as const;
export const POOLING_METHODS = [...TAU2_METHODS, ...GLMM_METHODS] as const;
export const CI_METHODS = ['z', 'hk', 'hk-adhoc'] as const;
export const PREDICTION_INTERVALS = ['ci', 'z', 't-k1', 't-k2'] as const;
export const I2_DEFINITIONS = ['tau2', 'Q'] as const;
export const CORRECTION_TARGETS = ['only0', 'all', 'if0all', 'none'] as const;
export const OUTCOME_KINDS = ['efficacy', 'safety'] as const;
export const SUBGROUP_TESTS = ['separate', 'common'] as const;

export const populationSchema = z
  .object({
    id: idSchema.describe('Short identifier used by outcomes and by trial cohorts, e.g. "efficacy"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Patients evaluable for response"'),
    description: textSchema.optional().describe('Who is counted in this population'),
  })
  .strict();

export const outcomeSchema = z
  .object({
    id: idSchema.describe('Identifier used in trial files, e.g. "response"'),
    label: requiredTextSchema.describe('Full name shown to readers, e.g. "Best overall response rate"'),
    short_label: requiredTextSchema.describe('Short name for tables and plots, e.g. "Response"'),
    kind: z.enum(OUTCOME_KINDS).describe('"efficacy" or "safety": which results chapter reports it'),
    population: idSchema.describe('Which analysis population (an id under populations) the numbers come from'),
    description: textSchema.optional().describe('Exact definition of an event'),
    phrase: requiredTextSchema
      .optional()
      .describe('What an event is, as a verb phrase for plain-language statements, e.g. "have a complete response" (default: the outcome\'s label)'),
  })
  .strict();

export const subgroupLevelSchema = z
  .object({
    id: idSchema.describe('Level identifier used by chapters and the data, e.g. "oral"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Oral"'),
    includes: z
      .array(idSchema)
      .min(1)
      .optional()
      .describe('Levels of the characteristic pooled in this subgroup level (default: the level with the same id), e.g. [oral, sublingual]'),
  })
  .strict();

export const subgroupVariableSchema = z
  .object({
    id: idSchema.describe('Variable identifier used by chapters and the data, e.g. "route"'),
    characteristic: idSchema.describe('The category characteristic (an id under characteristics) whose value places each trial or cohort'),
    label: requiredTextSchema.optional().describe('Name shown to readers (default: the characteristic\'s label)'),
    levels: z
      .array(subgroupLevelSchema)
      .min(2)
      .optional()
      .describe('Subgroup levels (default: one per level of the characteristic); a level may pool several of the characteristic\'s levels'),
  })
  .strict();

export const analysisSchema = z
  .object({
    transform: z.enum(TRANSFORMS).describe('Scale on which proportions are pooled: PAS (arcsine), PFT (Freeman-Tukey), PLO (logit) or PRAW'),
    method: z
      .enum(POOLING_METHODS)
      .describe('Between-study variance estimator (REML, DL, ML, PM, HE, SJ), FE for a common-effect model, or GLMM / GLMM-FE for a binomial model of the counts (with transform PLO)'),
    ci: z.enum(CI_METHODS).default('z').describe('Confidence intervals: "z" (Wald), "hk" (Hartung-Knapp) or "hk-adhoc" (Hartung-Knapp, never narrower than Wald)'),
    level: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level, e.g. 0.95'),
    subgroup_test: z
      .enum(SUBGROUP_TESTS)
      .default('separate')
      .describe('"separate": each subgroup has its own tau² and Q-between compares the subgroup estimates; "common": one tau² (mixed-effects model)'),
    prediction_interval: z
      .enum(PREDICTION_INTERVALS)
      .default('ci')
      .describe('Distribution of the prediction interval: "ci" (the confidence interval\'s), "z", "t-k1" (t on k − 1 df) or "t-k2" (t on k − 2 df)'),
    prediction_min_k: z.number().int().min(2).default(3).describe('Fewest studies for which a prediction interval is shown'),
    i2: z.enum(I2_DEFINITIONS).default('tau2').describe('Which I² leads the pages: "tau2" (from tau², as metafor) or "Q" (from Cochran\'s Q, as R meta and Stata); both are in the data, always labelled'),
    egger_min_k: z.number().int().min(3).default(EGGER_MIN_K).describe("Fewest studies for which Egger's test and the funnel plot's regression line are given"),
    correction: z
      .object({
        add: z.number().min(0).max(1).describe('Amount added to events and non-events, e.g. 0.5'),
        to: z.enum(CORRECTION_TARGETS).default('only0').describe('Which studies get it: "only0" (those with 0 or n events), "all", "if0all" (all, if any has 0 or n events) or "none"'),
      })
      .strict()
      .optional()
      .describe('Continuity correction (default: 0.5 to studies with 0 or n events for PLO and PRAW, none for PAS and PFT)'),
  })
  .strict()
  .superRefine((a, ctx) => {
    if ((GLMM_METHODS as readonly string[]).includes(a.method) && a.transform !== 'PLO') {
      ctx.addIssue({ code: 'custom', path: ['transform'], message: `method ${a.method} models the counts on the logit scale: set transform: PLO (or choose another method)` });
    }
    if ((GLMM_METHODS as readonly string[]).includes(a.method) && a.ci === 'hk-adhoc') {
      ctx.addIssue({ code: 'custom', path: ['ci'], message: `method ${a.method} takes ci z or hk (a t distribution on k − 1 df), not hk-adhoc` });
    }
    if ((GLMM_METHODS as readonly string[]).includes(a.method) && a.subgroup_test === 'common') {
      ctx.addIssue({ code: 'custom', path: ['subgroup_test'], message: `method ${a.method} pools each subgroup level on its own: set subgroup_test: separate` });
    }
  });

export const metaRegressionSchema = z
  .object({
    id: idSchema.describe('Identifier of the model, e.g. "by-dose"'),
    label: requiredTextSchema.optional().describe('Heading shown to readers (default: the moderators\' labels)'),
    moderators: z.array(idSchema).min(1).describe('Characteristics (number, category or yes/no) used as moderators'),
    outcomes: z.array(idSchema).optional().describe('Outcomes it is fitted for (default: every outcome)'),
  })
  .strict();

export const releaseSchema = z
  .object({
    number: z.number().int().min(1).describe('Release number, counting from 1'),
    date: dateSchema.describe('Date the release was published (YYYY-MM-DD)'),
    cutoff: dateSchema.describe('Search cut-off: reports dated after this are not part of the release'),
    search: idSchema.describe('The search run behind this release (a file name in content/searches without .yaml)'),
    summary: textSchema.optional().describe('One or two sentences on what this release added'),
  })
  .strict();

export const studiesSchema = z
  .object({
    registration: z
      .enum(['required', 'optional'])
      .default('optional')
      .describe('"required": every trial file lists at least one registration number; "optional": studies without one are accepted'),
    label_heading: requiredTextSchema
      .default('Study')
      .describe('Column heading for the study label in tables, e.g. "Study" or "Product"'),
  })
  .strict();

export const landscapeSchema = z
  .object({
    title: requiredTextSchema.default('Registered-trial landscape').describe('Heading of the landscape page'),
    intro: requiredTextSchema.optional().describe('What the registry folder lists, shown under the heading'),
    caption: requiredTextSchema.optional().describe('Caption of the landscape table'),
  })
  .strict();

export const reviewFileSchema = z
  .object({
    id: idSchema.describe('Short identifier of the review'),
    title: requiredTextSchema.describe('Full title'),
    short_title: requiredTextSchema.describe('Title for the navigation bar'),
    question: requiredTextSchema.describe('The review question in one sentence'),
    authors: z.array(requiredTextSchema).min(1).describe('Maintainers of the living review, as they should be cited'),
    source: z
      .object({
        citation: requiredTextSchema.describe('The published review this living review started from'),
        doi: doiSchema.optional().describe('Its DOI'),
        url: urlSchema.optional().describe('Its web address'),
      })
      .strict()
      .optional()
      .describe('The publication the review is based on, if any'),
    eligibility: z
      .object({
        population: requiredTextSchema.describe('Who the trials must enrol'),
        intervention: requiredTextSchema.describe('What the trials must test'),
        comparator: textSchema.optional().describe('Comparator, if any'),
        designs: requiredTextSchema.describe('Study designs accepted'),
        include: z.array(requiredTextSchema).default([]).describe('Further inclusion criteria, one per line'),
        exclude: z.array(requiredTextSchema).default([]).describe('Exclusion criteria, one per line'),
      })
      .strict()
      .describe('Eligibility criteria (PICO)'),
    populations: z.array(populationSchema).min(1).describe('Analysis populations; each trial cohort says which one it represents'),
    outcomes: z.array(outcomeSchema).min(1).describe('Outcomes pooled as proportions (events / n)'),
    analysis: analysisSchema.describe('How every outcome is pooled'),
    studies: studiesSchema.default({ registration: 'optional', label_heading: 'Study' }).describe('Rules for every trial file'),
    characteristics: z
      .array(characteristicSchema)
      .default([])
      .describe('Study characteristics the trial files record, and where the site shows them'),
    subgroups: z.array(subgroupVariableSchema).default([]).describe('Subgroup variables: each groups trials (or cohorts) by a category characteristic'),
    meta_regression: z
      .array(metaRegressionSchema)
      .default([])
      .describe('Meta-regression models: each explains the outcome by one or more study characteristics'),
    risk_of_bias: riskOfBiasSettingsSchema.optional().describe('The risk-of-bias tool every included study is judged with (see the curators\' guide)'),
    certainty: certaintySettingsSchema
      .prefault({})
      .describe('GRADE certainty: where it starts and the thresholds behind the prompts the data give (the ratings are in certainty.yaml)'),
    landscape: landscapeSchema.optional().describe('Texts of the registered-trial landscape page (with a registry folder)'),
    plausibility: plausibilitySchema.default({ relations: [], limits: { n_max: DEFAULT_N_MAX } }).describe('Relations between outcomes and limits that every cohort\'s numbers must satisfy (see the curators\' guide)'),
    releases: z.array(releaseSchema).min(1).describe('Releases in order; each freezes the evidence as of its cut-off'),
    errata: errataSchema,
  })
  .strict();

/** A subgroup variable with its label and levels worked out from its characteristic. */
export interface ResolvedSubgroupVariable {
  id: string;
  characteristic: string;
  label: string;
  levels: { id: string; label: string; includes: string[] }[];
}

type ReviewFile = z.output<typeof reviewFileSchema>;

/**
 * Fills in what a subgroup variable leaves to its characteristic (label, levels), so every
 * reader of the review sees complete variables. An unknown characteristic leaves the variable
 * as written; the content rules report it.
 */
export function resolveSubgroups(review: Pick<ReviewFile, 'characteristics' | 'subgroups'>): ResolvedSubgroupVariable[] {
  return review.subgroups.map((v) => {
    const c: Characteristic | undefined = review.characteristics.find((x) => x.id === v.characteristic);
    const levels = v.levels
      ? v.levels.map((l) => ({ id: l.id, label: l.label, includes: l.includes ?? [l.id] }))
      : (c?.levels ?? []).map((l) => ({ id: l.id, label: l.label, includes: [l.id] }));
    return { id: v.id, characteristic: v.characteristic, label: v.label ?? c?.label ?? v.id, levels };
  });
}

/** The protocol as every part of the generator reads it: subgroup variables resolved. */
export const reviewSchema = reviewFileSchema.transform((review) => ({ ...review, subgroups: resolveSubgroups(review) }));

export type Review = z.output<typeof reviewSchema>;
export type Outcome = z.output<typeof outcomeSchema>;
export type Release = z.output<typeof releaseSchema>;
export type SubgroupVariable = ResolvedSubgroupVariable;
export type Analysis = z.output<typeof analysisSchema>;
export type Transform = (typeof TRANSFORMS)[number];
export type Tau2Method = (typeof TAU2_METHODS)[number];
export type PoolingMethod = (typeof POOLING_METHODS)[number];
export type MetaRegression = z.output<typeof metaRegressionSchema>;
