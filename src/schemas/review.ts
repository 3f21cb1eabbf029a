/**
 * `content/review.yaml`: the protocol of one living review. Everything the analysis does is
 * read from here: the outcomes, which cohort of each trial feeds which analysis, the pooling
 * method, the subgroup variables and the releases.
 */
import { z } from 'zod';
import { dateSchema, doiSchema, idSchema, requiredTextSchema, textSchema, urlSchema } from './common.ts';

export const TRANSFORMS = ['PFT', 'PAS', 'PLO', 'PRAW'] as const;
export const TAU2_METHODS = ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ'] as const;
export const CI_METHODS = ['z', 'hk'] as const;
export const OUTCOME_KINDS = ['efficacy', 'safety'] as const;
export const SUBGROUP_TESTS = ['separate', 'common'] as const;

export const populationSchema = z
  .object({
    id: idSchema.describe('Short identifier used by outcomes and by trial cohorts, e.g. "efficacy"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Evaluable LBCL patients"'),
    description: textSchema.optional().describe('Who is counted in this population'),
  })
  .strict();

export const outcomeSchema = z
  .object({
    id: idSchema.describe('Identifier used in trial files, e.g. "borr"'),
    label: requiredTextSchema.describe('Full name shown to readers, e.g. "Best overall response rate"'),
    short_label: requiredTextSchema.describe('Short name for tables and plots, e.g. "bORR"'),
    kind: z.enum(OUTCOME_KINDS).describe('"efficacy" or "safety": which results chapter reports it'),
    population: idSchema.describe('Which analysis population (an id under populations) the numbers come from'),
    description: textSchema.optional().describe('Exact definition of an event'),
  })
  .strict();

export const subgroupLevelSchema = z
  .object({
    id: idSchema.describe('Level identifier used in trial files, e.g. "car_nk"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "CAR-NK"'),
  })
  .strict();

export const subgroupVariableSchema = z
  .object({
    id: idSchema.describe('Variable identifier, e.g. "modality"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Cell type"'),
    levels: z.array(subgroupLevelSchema).min(2).describe('The levels a trial or cohort can take (at least two)'),
  })
  .strict();

export const analysisSchema = z
  .object({
    transform: z.enum(TRANSFORMS).describe('Scale on which proportions are pooled: PAS (arcsine), PFT (Freeman-Tukey), PLO (logit) or PRAW'),
    method: z.enum(TAU2_METHODS).describe('Between-study variance estimator (REML, DL, ML, PM, HE, SJ) or FE for a common-effect model'),
    ci: z.enum(CI_METHODS).default('z').describe('Confidence intervals: "z" (Wald) or "hk" (Hartung-Knapp)'),
    level: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level, e.g. 0.95'),
    subgroup_test: z
      .enum(SUBGROUP_TESTS)
      .default('separate')
      .describe('"separate": each subgroup has its own tau² and Q-between compares the subgroup estimates; "common": one tau² (mixed-effects model)'),
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

export const reviewSchema = z
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
    subgroups: z.array(subgroupVariableSchema).default([]).describe('Subgroup variables and their levels'),
    releases: z.array(releaseSchema).min(1).describe('Releases in order; each freezes the evidence as of its cut-off'),
  })
  .strict();

export type Review = z.output<typeof reviewSchema>;
export type Outcome = z.output<typeof outcomeSchema>;
export type Release = z.output<typeof releaseSchema>;
export type SubgroupVariable = z.output<typeof subgroupVariableSchema>;
export type Analysis = z.output<typeof analysisSchema>;
export type Transform = (typeof TRANSFORMS)[number];
export type Tau2Method = (typeof TAU2_METHODS)[number];
