/**
 * Appraisal: how much the evidence can be trusted.
 *
 * - **Risk of bias** per study. review.yaml declares the tool (`risk_of_bias.tool`): a preset
 *   shipped with the generator (src/lib/appraisal/presets/, data in the same shape) or a tool of
 *   the review's own: its domains, the judgement levels a domain takes, and how the overall
 *   judgement is reached. Each trial file gives its judgements under `risk_of_bias`, each with
 *   the reason or quote that supports it and where that is found, and may give other
 *   judgements for one of its reports.
 * - **Certainty of the evidence** (GRADE) per outcome: review.yaml declares where the evidence
 *   starts and the thresholds behind the data's prompts; `certainty.yaml` in the content folder
 *   holds the curator's rating of each domain with its reason, for the release being prepared
 *   (a published release keeps the ratings it was cut with, in its lock).
 */
import { z } from 'zod';
import { idSchema, requiredTextSchema, textSchema, urlSchema } from './common.ts';

/** What a judgement level means for the plots, the summaries and the sensitivity analyses. */
export const ROB_CLASSES = ['low', 'some', 'high', 'unclear', 'na'] as const;
export type RobClass = (typeof ROB_CLASSES)[number];
export const ROB_OVERALL_METHODS = ['worst', 'score', 'judged'] as const;

export const robLevelSchema = z
  .object({
    id: idSchema.describe('Identifier written in trial files, e.g. "low" or "yes"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Low risk" or "Yes"'),
    class: z
      .enum(ROB_CLASSES)
      .describe('What the level means: "low" (low risk), "some" (some concerns, moderate), "high" (high, serious or critical), "unclear" (no information) or "na" (not applicable: left out of the overall judgement)'),
    points: z.number().optional().describe('With overall method score: the points this level adds, e.g. 1 for "yes"'),
  })
  .strict();

export const robDomainSchema = z
  .object({
    id: idSchema.describe('Identifier written in trial files, e.g. "selection"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "Bias in selection of participants"'),
    question: requiredTextSchema.describe('The signalling question or what the domain covers, shown beside each judgement'),
    optional: z.boolean().default(false).describe('true: a study may leave this domain out (for example a checklist item that applies to some designs only)'),
  })
  .strict();

export const robBandSchema = z
  .object({
    min: z.number().describe('Lowest score (sum of points, or share of the applicable points from 0 to 1) of this band'),
    level: idSchema.describe('The overall level given from this score up (an id of overall.levels)'),
  })
  .strict();

export const robToolSchema = z
  .object({
    id: idSchema.describe('Identifier of the tool, e.g. "jbi-case-series"'),
    label: requiredTextSchema.describe('Name shown to readers, e.g. "JBI checklist for case series"'),
    citation: textSchema.optional().describe('Reference of the tool'),
    url: urlSchema.optional().describe('Where the tool is published'),
    domains: z.array(robDomainSchema).min(1).describe('Domains (or checklist items) judged for every study, in order'),
    levels: z.array(robLevelSchema).min(2).describe('Judgement levels a domain takes, from best to worst'),
    overall: z
      .object({
        method: z
          .enum(ROB_OVERALL_METHODS)
          .describe('"worst": the worst domain judgement (high before no information before some concerns); "score": points added up and placed in bands; "judged": the curator gives the overall judgement with its reason'),
        levels: z.array(robLevelSchema).min(2).optional().describe('Overall levels, from best to worst (default: the domain levels)'),
        score: z.enum(['sum', 'share']).default('share').describe('With method score: "sum" of points, or "share" of the points the applicable domains could reach (0 to 1)'),
        bands: z.array(robBandSchema).min(1).optional().describe('With method score: the overall level from each score up'),
      })
      .strict()
      .describe('How the overall judgement is reached'),
  })
  .strict();

export const riskOfBiasSettingsSchema = z
  .object({
    tool: z
      .union([idSchema, robToolSchema])
      .describe('A preset (jbi-case-series, minors, rob2, robins-i) or a tool of the review\'s own: { id, label, domains, levels, overall }'),
    required: z.boolean().default(true).describe('true: every included study needs an assessment; false: a study without one is shown as "not assessed"'),
  })
  .strict();

export const GRADE_DOMAINS = ['risk_of_bias', 'inconsistency', 'indirectness', 'imprecision', 'publication_bias'] as const;
export type GradeDomain = (typeof GRADE_DOMAINS)[number];
export const GRADE_RATINGS = ['not_serious', 'serious', 'very_serious'] as const;
export type GradeRating = (typeof GRADE_RATINGS)[number];
export const CERTAINTY_LEVELS = ['high', 'moderate', 'low', 'very_low'] as const;
export type CertaintyLevel = (typeof CERTAINTY_LEVELS)[number];
export const UPGRADE_FACTORS = ['large_effect', 'dose_response', 'plausible_confounding'] as const;

const percentSchema = z.number().min(0).max(100);
const shareSchema = z.number().min(0).max(1);

export const imprecisionThresholdsSchema = z
  .object({
    serious_width: percentSchema.default(20).describe('Confidence interval wider than this (percentage points): serious imprecision'),
    very_serious_width: percentSchema.default(40).describe('Wider than this: very serious'),
    min_patients: z.number().int().min(0).default(0).describe('Fewer patients than this (the optimal information size): serious, whatever the width'),
  })
  .strict();

export const certaintySettingsSchema = z
  .object({
    start: z
      .enum(['high', 'moderate', 'low'])
      .default('high')
      .describe('Where certainty starts before the domains move it: "high" (randomised trials, or rates from cohorts as GRADE for prognosis does), "low" (observational comparisons)'),
    inconsistency: z
      .object({
        serious_i2: percentSchema.default(50).describe('I² (the review\'s definition) from which inconsistency is suggested as serious'),
        very_serious_i2: percentSchema.default(75).describe('I² from which it is suggested as very serious'),
        subgroup_p: shareSchema.default(0.1).describe('A subgroup test below this p value is named as a possible explanation'),
      })
      .strict()
      .prefault({})
      .describe('Thresholds behind the prompt for inconsistency'),
    imprecision: imprecisionThresholdsSchema.prefault({}).describe('Thresholds behind the prompt for imprecision (every outcome; certainty.outcomes can change them for one)'),
    risk_of_bias: z
      .object({
        serious_share: shareSchema.default(0.5).describe('Weight share of studies at high risk (or with no information) from which risk of bias is suggested as serious'),
        very_serious_share: shareSchema.default(0.8).describe('Weight share of studies at high risk from which it is suggested as very serious'),
      })
      .strict()
      .prefault({})
      .describe("Thresholds behind the prompt for risk of bias (from the studies' overall judgements)"),
    publication_bias: z
      .object({ egger_p: shareSchema.default(0.1).describe("Egger's test below this p value suggests publication bias as strongly suspected") })
      .strict()
      .prefault({})
      .describe('Threshold behind the prompt for publication bias'),
    outcomes: z
      .record(
        idSchema,
        z
          .object({
            imprecision: z
              .object({
                serious_width: percentSchema.optional().describe('Confidence interval wider than this (percentage points): serious imprecision, for this outcome'),
                very_serious_width: percentSchema.optional().describe('Wider than this: very serious, for this outcome'),
                min_patients: z.number().int().min(0).optional().describe('Fewer patients than this: serious, for this outcome'),
              })
              .strict()
              .optional()
              .describe('Imprecision thresholds of this outcome (any of serious_width, very_serious_width, min_patients)'),
          })
          .strict(),
      )
      .default({})
      .describe('Per-outcome thresholds, by outcome id, e.g. a narrower CI width for a rare harm'),
  })
  .strict();

// ---- Trial files: judgements ----

export const robJudgementSchema = z
  .object({
    judgement: idSchema.describe('A level of the review\'s tool, e.g. "low" or "unclear"'),
    support: requiredTextSchema.describe('Why: a quote from the report or the reason for the judgement'),
    source: requiredTextSchema.describe('Where that is found, e.g. "ASH 2023 abstract, methods" or "ClinicalTrials.gov record"'),
  })
  .strict();

export const robAssessmentSchema = z
  .object({
    domains: z.record(idSchema, robJudgementSchema).default({}).describe('One judgement per domain of the tool, by domain id'),
    overall: robJudgementSchema.optional().describe('Only with a tool whose overall judgement is "judged": the overall judgement and why'),
  })
  .strict();

export const trialRiskOfBiasSchema = robAssessmentSchema
  .extend({
    reports: z
      .record(idSchema, robAssessmentSchema)
      .default({})
      .describe('Judgements that differ for one report, by report id (e.g. a full paper with an independent review of response): they replace the trial\'s for the domains they give'),
  })
  .strict();

// ---- certainty.yaml: the curator's GRADE ratings ----

const GRADE_DOMAIN_RATING: Record<GradeDomain, string> = {
  risk_of_bias: 'The rating of risk of bias: {rating, reason} ("suggested" only when review.yaml declares a risk-of-bias tool)',
  inconsistency: 'The rating of inconsistency: {rating, reason}',
  indirectness: 'The rating of indirectness: {rating, reason} (never "suggested": the data give no prompt for it)',
  imprecision: 'The rating of imprecision: {rating, reason}',
  publication_bias: 'The rating of publication bias: {rating, reason}',
};

export const gradeDomainRatingSchema = z
  .object({
    rating: z
      .enum([...GRADE_RATINGS, 'suggested'])
      .describe('"not_serious", "serious" or "very_serious" (for publication bias: undetected, strongly or very strongly suspected), or "suggested" to confirm the rating the data suggest'),
    reason: textSchema.optional().describe('Why, in the curator\'s words (required unless the rating is "suggested")'),
  })
  .strict();

export const certaintyEntrySchema = z
  .object({
    domains: z
      .object(
        Object.fromEntries(GRADE_DOMAINS.map((d) => [d, gradeDomainRatingSchema.optional().describe(GRADE_DOMAIN_RATING[d])])) as Record<GradeDomain, z.ZodOptional<typeof gradeDomainRatingSchema>>,
      )
      .strict()
      .describe('The five GRADE domains: risk_of_bias, inconsistency, indirectness, imprecision, publication_bias'),
    upgrades: z
      .array(
        z
          .object({
            factor: z.enum(UPGRADE_FACTORS).describe('large_effect, dose_response or plausible_confounding'),
            levels: z.union([z.literal(1), z.literal(2)]).describe('1 or 2 levels up'),
            reason: requiredTextSchema.describe('Why'),
          })
          .strict(),
      )
      .default([])
      .describe('Reasons to rate certainty up (rare for rates from single-arm studies)'),
    footnotes: z.array(requiredTextSchema).default([]).describe('Further footnotes shown with the rating'),
    statement: requiredTextSchema.optional().describe('A plain-language statement of your own (default: written from the estimate and the certainty)'),
  })
  .strict();

export const certaintyFileSchema = z
  .object({
    outcomes: z.record(idSchema, certaintyEntrySchema).default({}).describe('GRADE ratings by outcome id'),
  })
  .strict();

export type RobLevel = z.output<typeof robLevelSchema>;
export type RobDomain = z.output<typeof robDomainSchema>;
export type RobTool = z.output<typeof robToolSchema>;
export type RiskOfBiasSettings = z.output<typeof riskOfBiasSettingsSchema>;
export type CertaintySettings = z.output<typeof certaintySettingsSchema>;
export type RobJudgement = z.output<typeof robJudgementSchema>;
export type RobAssessment = z.output<typeof robAssessmentSchema>;
export type TrialRiskOfBias = z.output<typeof trialRiskOfBiasSchema>;
export type GradeDomainRating = z.output<typeof gradeDomainRatingSchema>;
export type CertaintyEntry = z.output<typeof certaintyEntrySchema>;
export type CertaintyFile = z.output<typeof certaintyFileSchema>;
