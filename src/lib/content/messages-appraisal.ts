/**
 * Curator messages of the appraisal checks: the risk-of-bias tool review.yaml declares, the
 * judgements in trial files, and the GRADE ratings in certainty.yaml. Same style as
 * messages.ts: what is wrong, naming the values involved, and how to fix it.
 */
import { list } from './messages.ts';
import type { Text } from './problems.ts';

const didYouMean = (suggestion: string | undefined) => (suggestion ? `did you mean "${suggestion}"? ` : '');

export const appraisalMessages = {
  // ---------------------------------------------------------------------------------------------
  // review.yaml: the tool

  unknownPreset: (id: string, presets: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${id}" is not a risk-of-bias tool shipped with the generator`,
    fix: `${didYouMean(suggestion)}name a preset (${presets.join(', ')}), or write the review's own tool as a block: tool: {id, label, domains, levels, overall}`,
  }),

  scoreWithoutPoints: (level: string): Text => ({
    message: `the tool adds up points (overall.method: score), but level "${level}" gives no points`,
    fix: `give level "${level}" its points, e.g. points: 1 (only levels of class na, left out of the score, need none)`,
  }),

  scoreWithoutBands: (): Text => ({
    message: 'the tool adds up points (overall.method: score), but overall gives no bands to turn a score into an overall level',
    fix: 'add overall.bands, one per overall level from the best down, e.g. bands: [{min: 0.7, level: low}, {min: 0.5, level: moderate}, {min: 0, level: high}]',
  }),

  bandUnknownLevel: (level: string, levels: readonly string[], suggestion: string | undefined): Text => ({
    message: `band level "${level}" is not an overall level of the tool`,
    fix: `${didYouMean(suggestion)}use an overall level id: ${levels.join(', ')}`,
  }),

  worstWithoutClass: (classes: readonly string[], levels: readonly string[]): Text => ({
    message: `the overall judgement is the worst domain judgement, but overall.levels has no level of class ${list(classes.map((c) => `"${c}"`))}, which domain levels (${list(levels)}) can give`,
    fix: `add an overall level of class ${list(classes)} to overall.levels, or leave overall.levels out to use the domain levels`,
  }),

  certaintyUnknownOutcome: (outcome: string, outcomes: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${outcome}" is not an outcome of the review`,
    fix: `${didYouMean(suggestion)}give thresholds by an outcome id of review.yaml: ${outcomes.join(', ') || '(none are defined)'}`,
  }),

  // ---------------------------------------------------------------------------------------------
  // Trial files: the judgements

  robWithoutTool: (): Text => ({
    message: 'the trial gives risk-of-bias judgements, but review.yaml declares no risk-of-bias tool to read them with',
    fix: 'declare the tool in review.yaml (risk_of_bias: {tool: <preset or own tool>}), or remove risk_of_bias from this file',
  }),

  robMissing: (tool: string, domains: readonly string[]): Text => ({
    message: `the trial is included, but it has no risk-of-bias assessment with the review's tool, ${tool}`,
    fix: `add risk_of_bias: {domains: {…}} with a judgement (judgement, support, source) for each domain: ${domains.join(', ')}; or, to show such studies as "not assessed", add required: false under risk_of_bias in review.yaml`,
  }),

  unknownDomain: (domain: string, tool: string, domains: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${domain}" is not a domain of the review's risk-of-bias tool (${tool})`,
    fix: `${didYouMean(suggestion)}use a domain id of the tool: ${domains.join(', ')}`,
  }),

  unknownJudgement: (judgement: string, levels: readonly { id: string; label: string }[], suggestion: string | undefined, overall: boolean): Text => ({
    message: `"${judgement}" is not ${overall ? 'an overall level' : 'a judgement level'} of the review's risk-of-bias tool`,
    fix: `${didYouMean(suggestion)}write one of: ${levels.map((l) => `${l.id} (${l.label})`).join(', ')}`,
  }),

  domainsMissing: (missing: readonly string[], report: string | undefined, noInformation: { id: string; label: string } | undefined): Text => ({
    message: `${report ? `the assessment of report "${report}" (the trial's judgements with those under reports.${report})` : 'the assessment'} gives no judgement for ${list(missing)}, which the tool requires`,
    fix: `add a judgement (judgement, support, source) for ${missing.length === 1 ? 'it' : 'each'} under ${report ? `risk_of_bias.domains, or under risk_of_bias.reports.${report}.domains for this report only` : 'risk_of_bias.domains'}${noInformation ? `; when the report does not say, the judgement is ${noInformation.id} (${noInformation.label})` : ''}`,
  }),

  overallNotJudged: (method: string): Text => ({
    message: `an overall judgement is given, but the tool reaches it from the domains (overall.method: ${method})`,
    fix: 'remove overall: the site works it out from the domain judgements',
  }),

  overallMissing: (report: string | undefined, levels: readonly { id: string; label: string }[]): Text => ({
    message: `${report ? `the assessment of report "${report}"` : 'the assessment'} gives no overall judgement, which the tool leaves to the curator (overall.method: judged)`,
    fix: `add overall: {judgement, support, source} under ${report ? `risk_of_bias or risk_of_bias.reports.${report}` : 'risk_of_bias'}, with judgement one of: ${levels.map((l) => `${l.id} (${l.label})`).join(', ')}`,
  }),

  unknownReport: (report: string, reports: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${report}" is not a report of this trial`,
    fix: `${didYouMean(suggestion)}give judgements for one report by its id under reports: ${reports.join(', ')}`,
  }),

  // ---------------------------------------------------------------------------------------------
  // certainty.yaml

  ratingUnknownOutcome: (outcome: string, outcomes: readonly string[], suggestion: string | undefined): Text => ({
    message: `"${outcome}" is not an outcome of the review`,
    fix: `${didYouMean(suggestion)}rate an outcome by its id in review.yaml: ${outcomes.join(', ') || '(none are defined)'}`,
  }),

  gradeDomainsMissing: (missing: readonly string[], yaml: string): Text => ({
    message: `the rating does not cover ${missing.length === 1 ? 'the GRADE domain' : 'the GRADE domains'} ${list(missing)}; every outcome is rated in all five`,
    fix: `add under domains, one line each: ${yaml} (write the rating and why, or "suggested" to confirm what the data suggest)`,
  }),

  ratingWithoutReason: (domain: string, rating: string): Text => ({
    message: `a certainty rating without a reason: ${domain} is rated ${rating}, with no reason`,
    fix: `add reason: "…" saying why ${domain} is ${rating.replace('_', ' ')} (readers see it as the footnote of the rating), or write rating: suggested to confirm what the data suggest`,
  }),

  suggestedIndirectness: (): Text => ({
    message: 'indirectness cannot be "suggested": the data give no prompt for it (only the curator knows how well the studies match the question)',
    fix: 'rate it yourself: rating: not_serious, serious or very_serious, with the reason',
  }),

  suggestedWithoutTool: (): Text => ({
    message: 'risk_of_bias cannot be "suggested": review.yaml declares no risk-of-bias tool, so the data give no prompt for it',
    fix: 'rate it yourself (not_serious, serious or very_serious, with the reason), or declare the tool in review.yaml (risk_of_bias: {tool: …}) and judge the studies',
  }),
};
