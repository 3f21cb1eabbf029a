/**
 * Risk of bias in words, for the pages: how a tool reaches its overall judgement, and which of
 * the trials an outcome pools were judged. Pure.
 */
import type { RobTool } from '../../schemas/appraisal.ts';
import type { StudyResult } from '../review/analyses-types.ts';
import type { ReleaseAppraisal, StudyAppraisal } from './types.ts';
import { sharePercent } from '../format/number-format.ts';


/**
 * How the tool reaches a study's overall judgement, as a clause that follows "the overall judgement is".
 * @example overallRuleText(rob2) // 'the worst of its domain judgements (…)'
 */
export function overallRuleText(tool: RobTool): string {
  const levels = tool.overall.levels ?? tool.levels;
  const labelOf = (id: string) => levels.find((l) => l.id === id)?.label ?? id;
  if (tool.overall.method === 'judged') return "given by the curator for each study, with the reason for it";
  if (tool.overall.method === 'worst') return 'the worst of its domain judgements (a high risk before no information, and no information before some concerns); a domain that does not apply is left out';
  const points = tool.levels.filter((l) => l.points !== undefined).map((l) => `${l.label.toLowerCase()} ${l.points} ${l.points === 1 ? 'point' : 'points'}`);
  const bands = [...(tool.overall.bands ?? [])].sort((a, b) => b.min - a.min);
  const scored = tool.overall.score === 'sum' ? 'the sum of the points its domains score' : 'the share of the points its applicable domains could score';
  const bandText = bands.map((b) => `${labelOf(b.level).toLowerCase()} from ${tool.overall.score === 'sum' ? b.min : sharePercent(b.min)}`).join(', ');
  return `read from ${scored}${points.length > 0 ? ` (${points.join(', ')})` : ''}${bandText ? `: ${bandText}` : ''}`;
}

/** The trials behind an outcome's rows, once each in the rows' order, with their assessment (null when the appraisal has none). */
export function outcomeAppraisals(appraisal: ReleaseAppraisal, rows: readonly Pick<StudyResult, 'trial' | 'label'>[]): { trial: string; label: string; appraisal: StudyAppraisal | null }[] {
  const seen = new Set<string>();
  const out: { trial: string; label: string; appraisal: StudyAppraisal | null }[] = [];
  for (const row of rows) {
    if (seen.has(row.trial)) continue;
    seen.add(row.trial);
    const study = appraisal.studies[row.trial] ?? null;
    out.push({ trial: row.trial, label: study?.label ?? row.label, appraisal: study });
  }
  return out;
}
