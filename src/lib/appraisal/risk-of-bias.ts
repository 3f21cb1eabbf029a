/**
 * Risk of bias with the review's tool: the presets, a study's assessment for one of its
 * reports, and the overall judgement the tool's rule gives. Pure.
 */
import { robToolSchema, type RiskOfBiasSettings, type RobAssessment, type RobClass, type RobLevel, type RobTool, type TrialRiskOfBias } from '../../schemas/appraisal.ts';
import type { JudgementShown, OverallShown, StudyAppraisal } from './types.ts';
import jbiCaseSeries from './presets/jbi-case-series.json' with { type: 'json' };
import minors from './presets/minors.json' with { type: 'json' };
import rob2 from './presets/rob2.json' with { type: 'json' };
import robinsI from './presets/robins-i.json' with { type: 'json' };

/** The tools shipped with the generator, by id: data in the same shape as a review's own tool. */
export const ROB_PRESETS: Readonly<Record<string, RobTool>> = Object.fromEntries(
  [jbiCaseSeries, minors, rob2, robinsI].map((raw) => {
    const tool = robToolSchema.parse(raw);
    return [tool.id, tool];
  }),
);

/** The tool review.yaml declares (a preset by id, or its own); null without one or for an unknown preset (the check says so). */
export function resolveTool(settings: RiskOfBiasSettings | undefined): RobTool | null {
  if (!settings) return null;
  return typeof settings.tool === 'string' ? (ROB_PRESETS[settings.tool] ?? null) : settings.tool;
}

/** The levels an overall judgement takes: the tool's overall levels, or its domain levels except "not applicable". */
export function overallLevels(tool: RobTool): RobLevel[] {
  return tool.overall.levels ?? tool.levels.filter((l) => l.class !== 'na');
}

/** How bad a class is, for "worst": high before no information before some concerns before low. */
const SEVERITY: Record<RobClass, number> = { na: -1, low: 0, some: 1, unclear: 2, high: 3 };

/** The judgements of one trial for one report: the trial's, with those given for the report in their place. */
export function assessmentFor(rob: TrialRiskOfBias | RobAssessmentSet | undefined, report: string): { assessment: RobAssessment | null; reportSpecific: boolean } {
  if (!rob) return { assessment: null, reportSpecific: false };
  const own = 'own' in rob ? rob.own : { domains: rob.domains, ...(rob.overall ? { overall: rob.overall } : {}) };
  const byReport = rob.reports[report];
  if (!byReport) return { assessment: own, reportSpecific: false };
  const domains = { ...(own?.domains ?? {}), ...byReport.domains };
  const overall = byReport.overall ?? own?.overall;
  return { assessment: { domains, ...(overall ? { overall } : {}) }, reportSpecific: true };
}

/** A trial's judgements as a lock keeps them: its own and those for single reports. */
export interface RobAssessmentSet {
  own: RobAssessment | null;
  reports: Record<string, RobAssessment>;
}

/** The same judgements without the trial file's layout (what a lock stores). */
export function assessmentSet(rob: TrialRiskOfBias | undefined): RobAssessmentSet | null {
  if (!rob) return null;
  const hasOwn = Object.keys(rob.domains).length > 0 || rob.overall !== undefined;
  return { own: hasOwn ? { domains: rob.domains, ...(rob.overall ? { overall: rob.overall } : {}) } : null, reports: rob.reports };
}

const NOT_ASSESSED: OverallShown = { level: null, label: 'Not assessed', class: 'not_assessed', basis: 'no assessment on file' };

/** The overall judgement the tool's rule gives for an assessment. */
export function overallJudgement(tool: RobTool, assessment: RobAssessment | null): OverallShown {
  if (!assessment) return NOT_ASSESSED;
  const levels = overallLevels(tool);
  const levelOf = (id: string) => tool.levels.find((l) => l.id === id);
  const missing = tool.domains.filter((d) => !d.optional && !assessment.domains[d.id]);
  if (tool.overall.method === 'judged') {
    const given = assessment.overall;
    const level = given ? levels.find((l) => l.id === given.judgement) : undefined;
    if (!given || !level) return { ...NOT_ASSESSED, basis: 'no overall judgement given' };
    return { level: level.id, label: level.label, class: level.class, basis: 'judged by the curator', support: given.support, source: given.source };
  }
  if (missing.length > 0) return { ...NOT_ASSESSED, label: 'Incomplete', basis: `not judged: ${missing.map((d) => d.label).join(', ')}` };
  const judged = tool.domains
    .map((d) => ({ domain: d, level: assessment.domains[d.id] ? levelOf(assessment.domains[d.id]!.judgement) : undefined }))
    .filter((x): x is { domain: (typeof tool.domains)[number]; level: RobLevel } => x.level !== undefined && x.level.class !== 'na');
  if (judged.length === 0) return { ...NOT_ASSESSED, basis: 'no domain applies' };
  if (tool.overall.method === 'worst') {
    let worst = judged[0]!;
    for (const x of judged.slice(1)) {
      const a = SEVERITY[x.level.class];
      const b = SEVERITY[worst.level.class];
      if (a > b || (a === b && tool.levels.indexOf(x.level) > tool.levels.indexOf(worst.level))) worst = x;
    }
    const level = levels.find((l) => l.id === worst.level.id) ?? levels.find((l) => l.class === worst.level.class) ?? worst.level;
    const where = judged.filter((x) => x.level === worst.level).map((x) => x.domain.label);
    return { level: level.id, label: level.label, class: level.class, basis: worst.level.class === 'low' ? 'every domain at low risk' : `worst domain judgement: ${worst.level.label} (${where.join(', ')})` };
  }
  // score: points added up over the applicable domains, placed in the tool's bands
  const best = Math.max(...tool.levels.map((l) => l.points ?? 0));
  const points = judged.reduce((s, x) => s + (x.level.points ?? 0), 0);
  const possible = best * judged.length;
  const score = tool.overall.score === 'sum' ? points : possible > 0 ? points / possible : 0;
  const bands = [...(tool.overall.bands ?? [])].sort((a, b) => b.min - a.min);
  const band = bands.find((b) => score >= b.min - 1e-12) ?? bands[bands.length - 1];
  const level = band ? levels.find((l) => l.id === band.level) : undefined;
  const scoreText = tool.overall.score === 'sum' ? `score ${points} of ${possible}` : `score ${Math.round(score * 100)}% (${points} of ${possible} points)`;
  if (!level) return { ...NOT_ASSESSED, basis: `${scoreText}: no band` };
  return { level: level.id, label: level.label, class: level.class, basis: scoreText };
}

/** One trial's assessment for the report its numbers come from, as pages and the data show it. */
export function studyAppraisal(tool: RobTool, trial: string, label: string, report: string, rob: TrialRiskOfBias | RobAssessmentSet | undefined | null): StudyAppraisal {
  const { assessment, reportSpecific } = assessmentFor(rob ?? undefined, report);
  const domains: JudgementShown[] = tool.domains.map((d) => {
    const j = assessment?.domains[d.id];
    const level = j ? tool.levels.find((l) => l.id === j.judgement) : undefined;
    return { domain: d.id, level: level?.id ?? null, label: level?.label ?? null, class: level?.class ?? null, support: j?.support ?? '', source: j?.source ?? '' };
  });
  return { trial, label, report, report_specific: reportSpecific, assessed: assessment !== null, domains, overall: overallJudgement(tool, assessment) };
}

/** Colours of the classes (robvis's palette, darkened where white text must read on it). */
export const ROB_CLASS_COLOURS: Record<RobClass | 'not_assessed', string> = {
  low: '#1b7f3b',
  some: '#e0b000',
  high: '#c62828',
  unclear: '#4a78a8',
  na: '#ffffff',
  not_assessed: '#9e9e9e',
};

/** A symbol per class, so that no judgement is told by colour alone. */
export const ROB_CLASS_SYMBOLS: Record<RobClass | 'not_assessed', string> = {
  low: '+',
  some: '−',
  high: '×',
  unclear: '?',
  na: '',
  not_assessed: '·',
};

/**
 * The high levels of the scale `level` belongs to (the domain levels, or the overall levels when
 * it is only one of those): the second and later (ROBINS-I's critical after serious) are drawn darker.
 */
function laterHigh(tool: RobTool | null, level: string | null, cls: RobClass | 'not_assessed'): boolean {
  if (!tool || !level || cls !== 'high') return false;
  const scale = tool.levels.some((l) => l.id === level) ? tool.levels : overallLevels(tool);
  return scale.filter((l) => l.class === 'high').findIndex((l) => l.id === level) > 0;
}

export function levelColour(tool: RobTool | null, level: string | null, cls: RobClass | 'not_assessed'): string {
  return laterHigh(tool, level, cls) ? '#7a1111' : ROB_CLASS_COLOURS[cls];
}

export function levelSymbol(tool: RobTool | null, level: string | null, cls: RobClass | 'not_assessed'): string {
  return laterHigh(tool, level, cls) ? '!' : ROB_CLASS_SYMBOLS[cls];
}
