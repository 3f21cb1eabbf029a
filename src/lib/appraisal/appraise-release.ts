/**
 * Adds the appraisal to a release's analyses: each pooled trial's risk-of-bias assessment (for
 * the report its numbers come from), each row's overall judgement, each outcome's weighted
 * risk-of-bias summary, the sensitivity analyses by risk of bias (in the robustness table) and
 * the GRADE certainty with its prompts. Pure; the analyses given are not changed.
 *
 * What it reads is an AppraisalInput: from today's content, or from the lock of a published
 * release (a release keeps the judgements and ratings it was published with, as it keeps its
 * chapters).
 */
import type { CertaintyEntry, CertaintyFile, CertaintySettings, RobClass, RobTool } from '../../schemas/appraisal.ts';
import type { Review } from '../../schemas/index.ts';
import type { OutcomeAnalysis, ReleaseAnalyses, RobustnessRow, StudyResult } from '../review/analyses-types.ts';
import type { TrialRecord } from '../review/evidence-set.ts';
import { poolStudies } from '../review/analyse-release.ts';
import { assessmentSet, resolveTool, studyAppraisal, type RobAssessmentSet } from './risk-of-bias.ts';
import { outcomeCertainty } from './certainty.ts';
import type { AppraisalSource, ClassShares, OutcomeRiskOfBias, RowRob, StudyAppraisal } from './types.ts';

/** Everything the appraisal of a release is worked out from (and what a lock freezes). */
export interface AppraisalInput {
  tool: RobTool | null;
  required: boolean;
  /** Each trial's judgements, by slug (trials without any are absent). */
  trials: Record<string, RobAssessmentSet>;
  certainty: { settings: CertaintySettings; outcomes: Record<string, CertaintyEntry> };
}

/** The appraisal input of today's content. */
export function appraisalInputFromContent(review: Review, trials: readonly TrialRecord[], certainty: CertaintyFile | undefined): AppraisalInput {
  const tool = resolveTool(review.risk_of_bias);
  const sets: Record<string, RobAssessmentSet> = {};
  if (tool) {
    for (const t of trials) {
      const set = assessmentSet(t.data.risk_of_bias);
      if (set) sets[t.slug] = set;
    }
  }
  return { tool, required: review.risk_of_bias?.required ?? false, trials: sets, certainty: { settings: review.certainty, outcomes: certainty?.outcomes ?? {} } };
}

/** The part of an input a release uses: the judgements of its pooled trials only. */
export function inputForTrials(input: AppraisalInput, slugs: Iterable<string>): AppraisalInput {
  const trials: Record<string, RobAssessmentSet> = {};
  for (const slug of [...slugs].sort()) if (input.trials[slug]) trials[slug] = input.trials[slug]!;
  return { ...input, trials };
}

/** The trials a release pools, by slug, with the report each one's numbers come from and a label. */
export function pooledTrials(analyses: ReleaseAnalyses): Map<string, { report: string; label: string }> {
  const out = new Map<string, { report: string; label: string }>();
  for (const o of Object.values(analyses.outcomes)) {
    for (const s of o.studies) if (!out.has(s.trial)) out.set(s.trial, { report: s.report, label: s.label });
  }
  return out;
}

const rowRob = (a: StudyAppraisal | undefined): RowRob =>
  a ? { level: a.overall.level, label: a.overall.label, class: a.overall.class } : { level: null, label: 'Not assessed', class: 'not_assessed' };

/** Weights of the rows as shares (equal shares when the model gives no usable weights). */
function shares(studies: readonly StudyResult[]): number[] {
  const w = studies.map((s) => (Number.isFinite(s.weight) && s.weight > 0 ? s.weight : 0));
  const total = w.reduce((a, b) => a + b, 0);
  return total > 0 ? w.map((x) => x / total) : studies.map(() => 1 / studies.length);
}

function outcomeRiskOfBias(tool: RobTool, o: OutcomeAnalysis, byTrial: Map<string, StudyAppraisal>): OutcomeRiskOfBias {
  const w = shares(o.studies);
  const summary: OutcomeRiskOfBias['summary'] = [];
  for (const d of tool.domains) {
    const by = new Map<string | null, number>();
    o.studies.forEach((s, i) => {
      const j = byTrial.get(s.trial)?.domains.find((x) => x.domain === d.id);
      const key = j?.level ?? null;
      by.set(key, (by.get(key) ?? 0) + w[i]!);
    });
    summary.push({
      domain: d.id,
      label: d.label,
      shares: [
        ...tool.levels.filter((l) => by.has(l.id)).map((l) => ({ level: l.id, label: l.label, class: l.class, share: by.get(l.id)! })),
        ...(by.has(null) ? [{ level: null, label: 'Not assessed', class: 'not_assessed' as const, share: by.get(null)! }] : []),
      ],
    });
  }
  const overall = new Map<string | null, { label: string; class: RobClass | 'not_assessed'; share: number }>();
  const overallShares: ClassShares = {};
  const overallCounts: ClassShares = {};
  o.studies.forEach((s, i) => {
    const r = s.rob ?? rowRob(undefined);
    const e = overall.get(r.level) ?? { label: r.label, class: r.class, share: 0 };
    e.share += w[i]!;
    overall.set(r.level, e);
    overallShares[r.class] = (overallShares[r.class] ?? 0) + w[i]!;
    overallCounts[r.class] = (overallCounts[r.class] ?? 0) + 1;
  });
  const levelOrder = [...(tool.overall.levels ?? tool.levels)].map((l) => l.id);
  summary.push({
    domain: 'overall',
    label: 'Overall',
    shares: [...overall.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : levelOrder.indexOf(a) - levelOrder.indexOf(b)))
      .map(([level, e]) => ({ level, label: e.label, class: e.class, share: e.share })),
  });
  return { summary, overall_shares: overallShares, overall_counts: overallCounts };
}

/** The sensitivity rows by risk of bias: without studies at high risk, and studies at low risk only (when either differs from all rows). */
function sensitivityRows(review: Review, o: OutcomeAnalysis): RobustnessRow[] {
  const base = { transform: review.analysis.transform, method: review.analysis.method, ci: review.analysis.ci, primary: false };
  const out: RobustnessRow[] = [];
  const subsets: { subset: NonNullable<RobustnessRow['subset']>; keep: (s: StudyResult) => boolean; what: string }[] = [
    { subset: 'exclude_high_risk', keep: (s) => s.rob?.class !== 'high', what: 'without studies at high risk of bias' },
    { subset: 'low_risk_only', keep: (s) => s.rob?.class === 'low', what: 'studies at low risk of bias only' },
  ];
  for (const { subset, keep, what } of subsets) {
    const rows = o.studies.filter(keep);
    if (rows.length === o.studies.length) continue;
    const label = `Review's method, ${what} (${rows.length} of ${o.studies.length} rows)`;
    if (rows.length === 0) {
      out.push({ ...base, label, subset, result: null, error: 'no row is left to pool' });
      continue;
    }
    try {
      out.push({ ...base, label, subset, result: poolStudies(review, rows) });
    } catch (error) {
      out.push({ ...base, label, subset, result: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

/** The phrase an outcome's statement is written with. */
export const outcomePhrase = (review: Review, id: string, label: string): string => review.outcomes.find((o) => o.id === id)?.phrase ?? `have the outcome "${label}"`;

/**
 * The release's analyses with its appraisal. `source` says where the input came from;
 * `robustness: false` leaves out the sensitivity rows (as analyseRelease's option does).
 */
export function appraiseRelease(review: Review, analyses: ReleaseAnalyses, input: AppraisalInput, source: AppraisalSource): ReleaseAnalyses {
  const { tool } = input;
  const studies: Record<string, StudyAppraisal> = {};
  const byTrial = new Map<string, StudyAppraisal>();
  if (tool) {
    for (const [slug, { report, label }] of pooledTrials(analyses)) {
      const a = studyAppraisal(tool, slug, label, report, input.trials[slug] ?? null);
      studies[slug] = a;
      byTrial.set(slug, a);
    }
  }
  const variables = Object.fromEntries(review.subgroups.map((v) => [v.id, v.label]));
  const outcomes: Record<string, OutcomeAnalysis> = {};
  for (const [id, original] of Object.entries(analyses.outcomes)) {
    const o: OutcomeAnalysis = tool ? { ...original, studies: original.studies.map((s) => ({ ...s, rob: rowRob(byTrial.get(s.trial)) })) } : { ...original };
    o.risk_of_bias = tool && o.studies.length > 0 ? outcomeRiskOfBias(tool, o, byTrial) : null;
    if (tool && original.robustness.length > 0 && o.studies.length > 0) o.robustness = [...original.robustness.filter((r) => !r.subset), ...sensitivityRows(review, o)];
    o.certainty = outcomeCertainty(o, o.risk_of_bias, input.certainty.outcomes[id], input.certainty.settings, { i2: analyses.method.i2, level: analyses.method.level, eggerMinK: o.egger_min_k, hasTool: tool !== null, variables }, outcomePhrase(review, id, o.label));
    outcomes[id] = o;
  }
  return { ...analyses, outcomes, appraisal: { source, tool, required: input.required, studies } };
}

/** A value with every object's keys in order: two inputs compare as text. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Whether two inputs give the same appraisal. */
export const sameInput = (a: AppraisalInput, b: AppraisalInput): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
