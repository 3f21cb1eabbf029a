/**
 * GRADE certainty of one outcome's pooled estimate: the prompts the data give for each domain,
 * the curator's ratings (or the prompts they confirmed), the certainty they lead to, the
 * footnotes and the plain-language statement. Pure.
 *
 * Reference: Guyatt GH, Oxman AD, Vist GE, et al. GRADE: an emerging consensus on rating
 * quality of evidence and strength of recommendations. BMJ 2008;336:924-926.
 * https://doi.org/10.1136/bmj.39489.470347.AD; Santesso N, Glenton C, Dahm P, et al. GRADE
 * guidelines 26: informative statements to communicate the findings of systematic reviews of
 * interventions. J Clin Epidemiol 2020;119:126-135. https://doi.org/10.1016/j.jclinepi.2019.10.014
 */
import {
  GRADE_DOMAINS,
  type CertaintyEntry,
  type CertaintyLevel,
  type CertaintySettings,
  type GradeDomain,
  type GradeRating,
} from '../../schemas/appraisal.ts';
import type { OutcomeAnalysis } from '../review/analyses-types.ts';
import { ciName, count, fixed, formatOf, i2Percent, levelPercent, pText, sharePercent, weightPercent } from '../format/number-format.ts';
import type { CertaintyDomainShown, OutcomeCertainty, OutcomeRiskOfBias } from './types.ts';

export const GRADE_DOMAIN_LABELS: Record<GradeDomain, string> = {
  risk_of_bias: 'Risk of bias',
  inconsistency: 'Inconsistency',
  indirectness: 'Indirectness',
  imprecision: 'Imprecision',
  publication_bias: 'Publication bias',
};

export const CERTAINTY_LABELS: Record<CertaintyLevel, string> = { high: 'High', moderate: 'Moderate', low: 'Low', very_low: 'Very low' };

/** GRADE's symbols: filled and empty circles, four in all. */
export const CERTAINTY_SYMBOLS: Record<CertaintyLevel, string> = { high: '⊕⊕⊕⊕', moderate: '⊕⊕⊕◯', low: '⊕⊕◯◯', very_low: '⊕◯◯◯' };

const DOWNGRADE: Record<GradeRating, number> = { not_serious: 0, serious: 1, very_serious: 2 };

/** How a domain's rating reads: publication bias in its own words. */
export function ratingLabel(domain: GradeDomain, rating: GradeRating | null): string {
  if (rating === null) return 'not rated';
  if (domain === 'publication_bias') return rating === 'not_serious' ? 'undetected' : rating === 'serious' ? 'strongly suspected' : 'very strongly suspected';
  return rating === 'not_serious' ? 'not serious' : rating === 'serious' ? 'serious' : 'very serious';
}

/** A share of the pooled weight (0-1), as weights are written: one decimal. */
const pct = (x: number) => weightPercent(x * 100);

/** What the outcome's numbers need for the prompts. */
export interface CertaintyContext {
  /** Which I² the review leads with. */
  i2: 'tau2' | 'Q';
  level: number;
  eggerMinK: number;
  /** Whether the review declares a risk-of-bias tool. */
  hasTool: boolean;
  /** Subgroup variable labels by id. */
  variables: Record<string, string>;
}

type Prompt = { suggested: GradeRating | null; prompt: string };

function riskOfBiasPrompt(o: OutcomeAnalysis, rob: OutcomeRiskOfBias | null | undefined, s: CertaintySettings, ctx: CertaintyContext): Prompt {
  if (!ctx.hasTool) return { suggested: null, prompt: 'review.yaml declares no risk-of-bias tool: judge from the studies\' designs and reports.' };
  if (!rob || !o.overall) return { suggested: null, prompt: 'No study is pooled for this outcome.' };
  const sh = rob.overall_shares;
  const high = sh.high ?? 0;
  const unclear = (sh.unclear ?? 0) + (sh.not_assessed ?? 0);
  const some = sh.some ?? 0;
  const suggested: GradeRating = high >= s.risk_of_bias.very_serious_share ? 'very_serious' : high + unclear >= s.risk_of_bias.serious_share ? 'serious' : 'not_serious';
  return {
    suggested,
    prompt: `Of the pooled weight, ${pct(high)} comes from studies at high risk of bias, ${pct(unclear)} from studies with no information or no assessment and ${pct(some)} from studies with some concerns (serious from ${sharePercent(s.risk_of_bias.serious_share)} at high risk or unclear, very serious from ${sharePercent(s.risk_of_bias.very_serious_share)} at high risk).`,
  };
}

function inconsistencyPrompt(o: OutcomeAnalysis, s: CertaintySettings, ctx: CertaintyContext): Prompt {
  const r = o.overall;
  if (!r) return { suggested: null, prompt: 'No pooled estimate.' };
  if (r.k < 2) return { suggested: 'not_serious', prompt: 'A single study: inconsistency cannot be judged from the data.' };
  const i2 = ctx.i2 === 'Q' ? r.I2_Q : r.I2;
  const label = ctx.i2 === 'Q' ? 'I² (from Q)' : 'I² (from τ²)';
  const suggested: GradeRating = i2 >= s.inconsistency.very_serious_i2 ? 'very_serious' : i2 >= s.inconsistency.serious_i2 ? 'serious' : 'not_serious';
  const f = formatOf(o);
  const parts = [`${label} is ${i2Percent(i2)} (Q ${pText(r.Q_p)})`];
  if (r.prediction_shown) parts.push(`the prediction interval runs from ${f.pctSign(r.proportion.pi_lower)} to ${f.pctSign(r.proportion.pi_upper)}`);
  for (const [variable, sg] of Object.entries(o.subgroups)) {
    if (sg.Q_between_p !== null && sg.Q_between_p < s.inconsistency.subgroup_p) parts.push(`the subgroup test by ${ctx.variables[variable] ?? variable} (${pText(sg.Q_between_p)}) may explain part of it`);
  }
  return { suggested, prompt: `${parts.join('; ')} (serious from ${s.inconsistency.serious_i2}%, very serious from ${s.inconsistency.very_serious_i2}%).` };
}

function imprecisionPrompt(o: OutcomeAnalysis, s: CertaintySettings, ctx: CertaintyContext): Prompt {
  const r = o.overall;
  if (!r) return { suggested: null, prompt: 'No pooled estimate.' };
  const t = { ...s.imprecision, ...(s.outcomes[o.id]?.imprecision ?? {}) };
  const f = formatOf(o);
  const width = (r.proportion.ci_upper - r.proportion.ci_lower) * 100;
  const suggested: GradeRating = width > t.very_serious_width ? 'very_serious' : width > t.serious_width || r.n < t.min_patients ? 'serious' : 'not_serious';
  const size = t.min_patients > 0 ? `; ${count(r.n)} patients against an optimal information size of ${count(t.min_patients)}` : `; ${count(r.n)} patients`;
  return {
    suggested,
    prompt: `The ${levelPercent(ctx.level)}% confidence interval is ${fixed(width, f.digits)} percentage points wide (${f.pctSign(r.proportion.ci_lower)} to ${f.pctSign(r.proportion.ci_upper)})${size} (serious above ${t.serious_width} points${t.min_patients > 0 ? ` or below ${t.min_patients} patients` : ''}, very serious above ${t.very_serious_width}).`,
  };
}

function publicationBiasPrompt(o: OutcomeAnalysis, s: CertaintySettings, ctx: CertaintyContext): Prompt {
  const r = o.overall;
  if (!r) return { suggested: null, prompt: 'No pooled estimate.' };
  const tf = o.funnel?.trim_and_fill.L0 ?? null;
  const filled = tf && tf.k0 > 0 ? ` Trim-and-fill (L0) adds ${tf.k0} ${tf.k0 === 1 ? 'study' : 'studies'} on the ${tf.side} side, moving the estimate to ${formatOf(o).pctSign(tf.estimate)}.` : '';
  if (!o.egger) {
    return { suggested: 'not_serious', prompt: `Egger's test needs at least ${ctx.eggerMinK} studies (k = ${r.k}): the data cannot detect small-study effects; judge from the search (trials registered without results, reports only as abstracts).${filled}` };
  }
  const p = o.egger.p;
  const suggested: GradeRating = p < s.publication_bias.egger_p ? 'serious' : 'not_serious';
  return { suggested, prompt: `Egger's test ${pText(p)} (k = ${r.k}; strongly suspected below ${s.publication_bias.egger_p}).${filled}` };
}

/** The data's prompt for each domain (indirectness has none: it is judged from the question and the studies). */
export function certaintyPrompts(o: OutcomeAnalysis, rob: OutcomeRiskOfBias | null | undefined, s: CertaintySettings, ctx: CertaintyContext): Record<GradeDomain, Prompt> {
  return {
    risk_of_bias: riskOfBiasPrompt(o, rob, s, ctx),
    inconsistency: inconsistencyPrompt(o, s, ctx),
    indirectness: { suggested: null, prompt: 'Judge from how closely the studies\' patients, treatments and outcome definitions match the review question.' },
    imprecision: imprecisionPrompt(o, s, ctx),
    publication_bias: publicationBiasPrompt(o, s, ctx),
  };
}

const START: Record<'high' | 'moderate' | 'low', number> = { high: 4, moderate: 3, low: 2 };
const BY_SCORE: CertaintyLevel[] = ['very_low', 'very_low', 'low', 'moderate', 'high'];

/** The certainty a start and the domains' downgrades and upgrades lead to. */
export function certaintyLevel(start: 'high' | 'moderate' | 'low', downgrades: number, upgrades: number): CertaintyLevel {
  const score = Math.min(4, Math.max(1, START[start] - downgrades + upgrades));
  return BY_SCORE[score]!;
}

/** "520 per 1,000" style numbers. */
const per1000 = (p: number) => Math.round(p * 1000);
const thousands = count;

/**
 * The plain-language statement of an estimate at a certainty (GRADE's informative statements:
 * high states it, moderate says "probably", low "may", very low "very uncertain").
 */
export function plainStatement(phrase: string, estimate: { estimate: number; ci_lower: number; ci_upper: number } | null, rating: CertaintyLevel | null, level: number): string {
  if (!estimate) return `No study gives this outcome yet, so how many patients ${phrase} is unknown.`;
  const about = `about ${thousands(per1000(estimate.estimate))} in 1,000 treated patients`;
  const About = `A${about.slice(1)}`;
  const ci = `(${ciName(level)} ${thousands(per1000(estimate.ci_lower))} to ${thousands(per1000(estimate.ci_upper))})`;
  switch (rating) {
    case 'high':
      return `${About} ${phrase} ${ci}.`;
    case 'moderate':
      return `${About} probably ${phrase} ${ci}.`;
    case 'low':
      return `${About} may ${phrase} ${ci}; the true number may be substantially different.`;
    case 'very_low':
      return `The evidence is very uncertain about how many patients ${phrase}: the studies give ${about} ${ci}.`;
    default:
      return `${About} ${phrase} ${ci}; the certainty of this evidence has not been rated.`;
  }
}

/** One outcome's certainty from the curator's entry (undefined: not rated) and the data. */
export function outcomeCertainty(
  o: OutcomeAnalysis,
  rob: OutcomeRiskOfBias | null | undefined,
  entry: CertaintyEntry | undefined,
  settings: CertaintySettings,
  ctx: CertaintyContext,
  phrase: string,
): OutcomeCertainty {
  const prompts = certaintyPrompts(o, rob, settings, ctx);
  const domains = {} as Record<GradeDomain, CertaintyDomainShown>;
  let down = 0;
  let complete = entry !== undefined;
  for (const d of GRADE_DOMAINS) {
    const given = entry?.domains[d];
    const { suggested, prompt } = prompts[d];
    const confirmed = given?.rating === 'suggested';
    const rating: GradeRating | null = !given ? null : confirmed ? suggested : (given.rating as GradeRating);
    if (rating === null) complete = false;
    const downgrade = rating === null ? 0 : DOWNGRADE[rating];
    down += downgrade;
    const reason = given?.reason?.trim() ? given.reason.trim() : confirmed ? prompt : '';
    domains[d] = {
      domain: d,
      label: GRADE_DOMAIN_LABELS[d],
      rating,
      downgrade,
      reason,
      suggested,
      prompt,
      confirmed,
      overrides: !confirmed && rating !== null && suggested !== null && rating !== suggested,
    };
  }
  const upgrades = (entry?.upgrades ?? []).map((u) => ({ factor: u.factor, levels: u.levels, reason: u.reason }));
  const up = upgrades.reduce((s, u) => s + u.levels, 0);
  const assessed = complete && o.overall !== null;
  const rating = assessed ? certaintyLevel(settings.start, down, up) : null;
  const footnotes: string[] = [];
  for (const d of GRADE_DOMAINS) {
    const x = domains[d];
    if (x.downgrade > 0) footnotes.push(`${x.label}, rated down ${x.downgrade === 1 ? 'one level' : 'two levels'} (${ratingLabel(d, x.rating)}): ${x.reason}`);
  }
  // A rating that departs from what the data suggest says so beside the estimate, never silently.
  for (const d of GRADE_DOMAINS) {
    const x = domains[d];
    if (x.overrides) footnotes.push(`${x.label}: the curators' rating (${ratingLabel(d, x.rating)}) departs from what the data suggest (${ratingLabel(d, x.suggested)}): ${x.prompt}`);
  }
  for (const u of upgrades) footnotes.push(`Rated up ${u.levels === 1 ? 'one level' : 'two levels'} (${u.factor.replace(/_/g, ' ')}): ${u.reason}`);
  footnotes.push(...(entry?.footnotes ?? []));
  const estimate = o.overall ? o.overall.proportion : null;
  return {
    rating,
    assessed,
    start: settings.start,
    domains,
    upgrades,
    footnotes,
    statement: entry?.statement?.trim() ? entry.statement.trim() : plainStatement(phrase, estimate, rating, ctx.level),
    per_1000: estimate ? { estimate: per1000(estimate.estimate), ci_lower: per1000(estimate.ci_lower), ci_upper: per1000(estimate.ci_upper) } : null,
  };
}
