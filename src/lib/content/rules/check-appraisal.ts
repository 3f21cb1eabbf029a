/**
 * Appraisal against the protocol: the risk-of-bias tool review.yaml declares can be used (a
 * known preset, or a tool of its own whose ids are distinct and whose overall rule can always
 * give a level); each trial's judgements use that tool's domains and levels, and every report
 * the analysis may use has a judgement for every required domain; certainty.yaml rates outcomes
 * of the review in all five GRADE domains, each rating with its reason.
 *
 * An included trial must have an assessment when the review requires one; a described or
 * excluded trial need not, but an assessment it gives is checked all the same.
 */
import { GRADE_DOMAINS, type CertaintyFile, type Review, type RobAssessment, type RobTool, type Trial } from '../../../schemas/index.ts';
import { assessmentFor, overallLevels, resolveTool, ROB_PRESETS } from '../../appraisal/risk-of-bias.ts';
import { at, type ValidFile } from '../content-files.ts';
import { appraisalMessages } from '../messages-appraisal.ts';
import type { FieldPath, Problem } from '../problems.ts';
import { closest } from '../suggest.ts';
import { duplicateIds } from './unique-ids.ts';

/**
 * Checks review.yaml's appraisal settings: the tool (a known preset, or an own tool with
 * distinct ids and an overall rule that always reaches an overall level) and the outcomes that
 * `certainty.outcomes` gives thresholds for.
 */
export function checkReviewAppraisal(review: ValidFile<Review>): Problem[] {
  const { source, data } = review;
  const problems: Problem[] = [];
  const settings = data.risk_of_bias;
  if (settings && typeof settings.tool === 'string') {
    const presets = Object.keys(ROB_PRESETS);
    if (!ROB_PRESETS[settings.tool]) {
      problems.push(at(source, ['risk_of_bias', 'tool'], appraisalMessages.unknownPreset(settings.tool, presets, closest(settings.tool, presets))));
    }
  } else if (settings && typeof settings.tool !== 'string') {
    problems.push(...checkOwnTool(review, settings.tool));
  }
  const outcomeIds = data.outcomes.map((o) => o.id);
  for (const id of Object.keys(data.certainty.outcomes)) {
    if (!outcomeIds.includes(id)) {
      problems.push(at(source, ['certainty', 'outcomes', id], appraisalMessages.certaintyUnknownOutcome(id, outcomeIds, closest(id, outcomeIds))));
    }
  }
  return problems;
}

/** A review's own tool: distinct ids, points and bands for a score, an overall level for every class "worst" can reach. */
function checkOwnTool({ source }: ValidFile<Review>, tool: RobTool): Problem[] {
  const problems: Problem[] = [];
  const base: FieldPath = ['risk_of_bias', 'tool'];
  const unique = (what: string, items: readonly { id: string }[], path: FieldPath) => problems.push(...duplicateIds(source, what, items, path));
  unique('domains of the risk-of-bias tool', tool.domains, [...base, 'domains']);
  unique('levels of the risk-of-bias tool', tool.levels, [...base, 'levels']);
  if (tool.overall.levels) unique('overall levels of the risk-of-bias tool', tool.overall.levels, [...base, 'overall', 'levels']);

  if (tool.overall.method === 'score') {
    tool.levels.forEach((level, i) => {
      if (level.class !== 'na' && level.points === undefined) problems.push(at(source, [...base, 'levels', i, 'points'], appraisalMessages.scoreWithoutPoints(level.id)));
    });
    if (!tool.overall.bands) {
      problems.push(at(source, [...base, 'overall', 'bands'], appraisalMessages.scoreWithoutBands()));
    } else {
      const ids = overallLevels(tool).map((l) => l.id);
      tool.overall.bands.forEach((band, i) => {
        if (!ids.includes(band.level)) problems.push(at(source, [...base, 'overall', 'bands', i, 'level'], appraisalMessages.bandUnknownLevel(band.level, ids, closest(band.level, ids))));
      });
    }
  }
  if (tool.overall.method === 'worst' && tool.overall.levels) {
    const overallClasses = new Set(tool.overall.levels.map((l) => l.class));
    const uncovered = tool.levels.filter((l) => l.class !== 'na' && !overallClasses.has(l.class));
    if (uncovered.length > 0) {
      const classes = [...new Set(uncovered.map((l) => l.class))];
      problems.push(at(source, [...base, 'overall', 'levels'], appraisalMessages.worstWithoutClass(classes, uncovered.map((l) => l.id))));
    }
  }
  return problems;
}

/**
 * Checks one trial's risk-of-bias judgements against the review's tool: an assessment where the
 * review requires one, known domains, levels and reports, every required domain judged (and the
 * overall judgement given, or not given, as the tool's rule wants) for each report the analysis
 * may use.
 */
export function checkTrialAppraisal({ source, data }: ValidFile<Trial>, review: Review): Problem[] {
  const problems: Problem[] = [];
  const rob = data.risk_of_bias;
  if (!review.risk_of_bias) {
    if (rob) problems.push(at(source, ['risk_of_bias'], appraisalMessages.robWithoutTool()));
    return problems;
  }
  // An unknown preset is reported once, against review.yaml.
  const tool = resolveTool(review.risk_of_bias);
  if (!tool) return problems;
  const required = tool.domains.filter((d) => !d.optional).map((d) => d.id);
  if (!rob) {
    if (review.risk_of_bias.required && data.status === 'included') problems.push(at(source, ['risk_of_bias'], appraisalMessages.robMissing(tool.label, required)));
    return problems;
  }

  const domainIds = tool.domains.map((d) => d.id);
  const levelIds = tool.levels.map((l) => l.id);
  const overall = overallLevels(tool);
  const overallIds = overall.map((l) => l.id);
  const checkBlock = (block: RobAssessment, path: FieldPath) => {
    for (const [domain, judgement] of Object.entries(block.domains)) {
      if (!domainIds.includes(domain)) {
        problems.push(at(source, [...path, 'domains', domain], appraisalMessages.unknownDomain(domain, tool.label, domainIds, closest(domain, domainIds))));
      } else if (!levelIds.includes(judgement.judgement)) {
        problems.push(at(source, [...path, 'domains', domain, 'judgement'], appraisalMessages.unknownJudgement(judgement.judgement, tool.levels, closest(judgement.judgement, levelIds), false)));
      }
    }
    if (block.overall && tool.overall.method !== 'judged') {
      problems.push(at(source, [...path, 'overall'], appraisalMessages.overallNotJudged(tool.overall.method)));
    } else if (block.overall && !overallIds.includes(block.overall.judgement)) {
      problems.push(at(source, [...path, 'overall', 'judgement'], appraisalMessages.unknownJudgement(block.overall.judgement, overall, closest(block.overall.judgement, overallIds), true)));
    }
  };
  checkBlock(rob, ['risk_of_bias']);
  const reportIds = data.reports.map((r) => r.id);
  for (const [report, block] of Object.entries(rob.reports)) {
    if (!reportIds.includes(report)) problems.push(at(source, ['risk_of_bias', 'reports', report], appraisalMessages.unknownReport(report, reportIds, closest(report, reportIds))));
    checkBlock(block, ['risk_of_bias', 'reports', report]);
  }

  // Completeness, for each report the analysis may use. A report without judgements of its own
  // uses the trial's: those are checked once. A report's own judgements only add to the trial's,
  // so they are checked apart only when no report uses the trial's alone.
  const used = data.reports.filter((r) => r.status !== 'excluded');
  const complete = (assessment: RobAssessment | null, report: string | undefined, path: FieldPath) => {
    const missing = required.filter((d) => !assessment?.domains[d]);
    if (missing.length > 0) problems.push(at(source, [...path, 'domains'], appraisalMessages.domainsMissing(missing, report, tool.levels.find((l) => l.class === 'unclear'))));
    if (tool.overall.method === 'judged' && !assessment?.overall) problems.push(at(source, [...path, 'overall'], appraisalMessages.overallMissing(report, overall)));
  };
  if (used.some((r) => !rob.reports[r.id])) {
    complete(rob, undefined, ['risk_of_bias']);
  } else {
    for (const r of used) complete(assessmentFor(rob, r.id).assessment, r.id, ['risk_of_bias', 'reports', r.id]);
  }
  return problems;
}

/**
 * Checks certainty.yaml: outcomes of the review, all five GRADE domains rated, a reason for
 * every rating of the curator's own, and "suggested" only where the data give a prompt.
 * `review` is undefined when review.yaml did not validate (the ties to it are not checked then).
 */
export function checkCertainty({ source, data }: ValidFile<CertaintyFile>, review: Review | undefined): Problem[] {
  const problems: Problem[] = [];
  const outcomeIds = review?.outcomes.map((o) => o.id) ?? [];
  const hasTool = review?.risk_of_bias !== undefined;
  for (const [outcome, entry] of Object.entries(data.outcomes)) {
    const base: FieldPath = ['outcomes', outcome];
    if (review && !outcomeIds.includes(outcome)) {
      problems.push(at(source, base, appraisalMessages.ratingUnknownOutcome(outcome, outcomeIds, closest(outcome, outcomeIds))));
    }
    const missing = GRADE_DOMAINS.filter((d) => !entry.domains[d]);
    if (missing.length > 0) {
      // "suggested" where the data give a prompt; the curator's own rating where they do not.
      const own = (d: string) => d === 'indirectness' || (d === 'risk_of_bias' && review !== undefined && !hasTool);
      const yaml = missing.map((d) => `${d}: ${own(d) ? '{rating: not_serious, reason: "…"}' : '{rating: suggested}'}`).join('; ');
      problems.push(at(source, [...base, 'domains'], appraisalMessages.gradeDomainsMissing(missing, yaml)));
    }
    for (const domain of GRADE_DOMAINS) {
      const rating = entry.domains[domain];
      if (!rating) continue;
      const path: FieldPath = [...base, 'domains', domain];
      if (rating.rating === 'suggested') {
        if (domain === 'indirectness') problems.push(at(source, [...path, 'rating'], appraisalMessages.suggestedIndirectness()));
        else if (domain === 'risk_of_bias' && review && !hasTool) problems.push(at(source, [...path, 'rating'], appraisalMessages.suggestedWithoutTool()));
      } else if (!rating.reason || rating.reason.trim() === '') {
        problems.push(at(source, [...path, 'reason'], appraisalMessages.ratingWithoutReason(domain, rating.rating)));
      }
    }
  }
  return problems;
}
