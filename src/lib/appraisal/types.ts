/**
 * The appraisal of a release as analyses.json publishes it: each study's risk-of-bias
 * judgements, each outcome's risk-of-bias summary and GRADE certainty. Worked out by
 * appraise-release.ts from the pooled results and the appraisal input (today's content, or
 * what a release's lock froze).
 */
import type { CertaintyLevel, GradeDomain, GradeRating, RobClass, RobTool } from '../../schemas/appraisal.ts';

/** One domain's judgement of one study, as shown. */
export interface JudgementShown {
  domain: string;
  /** Level id, label and class; null when the study leaves an optional domain out or the assessment lacks it. */
  level: string | null;
  label: string | null;
  class: RobClass | null;
  support: string;
  source: string;
}

/** The overall judgement of one study. */
export interface OverallShown {
  level: string | null;
  label: string;
  class: RobClass | 'not_assessed';
  /** How it was reached, e.g. "worst domain: High risk (Measurement of the outcome)" or "score 0.60 (6 of 10 points)". */
  basis: string;
  /** With a tool whose overall judgement is "judged": the curator's reason and source. */
  support?: string;
  source?: string;
}

/** The risk-of-bias assessment of one trial as one report was judged. */
export interface StudyAppraisal {
  trial: string;
  label: string;
  report: string;
  /** Whether judgements given for this report replace some of the trial's. */
  report_specific: boolean;
  assessed: boolean;
  domains: JudgementShown[];
  overall: OverallShown;
}

/** Where a release's appraisal comes from. */
export type AppraisalSource = 'content' | 'lock';

/** The release-wide part: the tool and every pooled trial's assessment. */
export interface ReleaseAppraisal {
  source: AppraisalSource;
  tool: RobTool | null;
  required: boolean;
  /** By trial slug, for the report each pooled trial's numbers come from. */
  studies: Record<string, StudyAppraisal>;
}

/** A study row's overall judgement (also on each row of `studies`). */
export interface RowRob {
  level: string | null;
  label: string;
  class: RobClass | 'not_assessed';
}

/** Weighted share of each overall class (or each level of one domain) among an outcome's rows, 0-1. */
export type ClassShares = Partial<Record<RobClass | 'not_assessed', number>>;

export interface OutcomeRiskOfBias {
  /** Per domain (in the tool's order) then overall: the weight share of each level, in the tool's level order. */
  summary: { domain: string; label: string; shares: { level: string | null; label: string; class: RobClass | 'not_assessed'; share: number }[] }[];
  /** Weight share of the overall classes. */
  overall_shares: ClassShares;
  /** Rows at each overall class (counts, not weights). */
  overall_counts: ClassShares;
}

export interface CertaintyDomainShown {
  domain: GradeDomain;
  label: string;
  /** The rating used: the curator's, or the data's prompt the curator confirmed; null when not rated. */
  rating: GradeRating | null;
  /** How many levels it takes off (0, 1 or 2). */
  downgrade: number;
  reason: string;
  /** What the data suggest, and why (null: the data give no prompt for this domain). */
  suggested: GradeRating | null;
  prompt: string;
  /** The curator wrote "suggested": the data's rating, confirmed. */
  confirmed: boolean;
  /** The curator's rating differs from the data's prompt. */
  overrides: boolean;
}

export interface OutcomeCertainty {
  /** null when the curator has not rated every domain of this outcome, or it has no estimate. */
  rating: CertaintyLevel | null;
  assessed: boolean;
  start: 'high' | 'moderate' | 'low';
  domains: Record<GradeDomain, CertaintyDomainShown>;
  upgrades: { factor: string; levels: number; reason: string }[];
  /** Footnotes in order: the reason of each domain rated down, each upgrade, then the curator's own. */
  footnotes: string[];
  /** The plain-language statement (GRADE's informative wording: "probably", "may", "very uncertain"). */
  statement: string;
  /** The pooled proportion per 1,000 patients, with its confidence interval; null without an estimate. */
  per_1000: { estimate: number; ci_lower: number; ci_upper: number } | null;
}

/** A change of certainty between two releases (in what a release changed). */
export interface CertaintyChange {
  outcome: string;
  label: string;
  before: CertaintyLevel | null;
  after: CertaintyLevel | null;
  /** Domains whose rating changed, e.g. "imprecision: serious → not serious". */
  domains: string[];
}
