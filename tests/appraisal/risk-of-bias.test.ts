import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { robToolSchema, type RobAssessment, type RobTool } from '../../src/schemas/appraisal.ts';
import { assessmentFor, assessmentSet, overallJudgement, ROB_PRESETS, resolveTool, studyAppraisal } from '../../src/lib/appraisal/risk-of-bias.ts';
import { REPO_ROOT } from '../helpers/content-fixture.ts';

const j = (judgement: string) => ({ judgement, support: 'why', source: 'where' });
const all = (tool: RobTool, pick: (id: string, i: number) => string): RobAssessment => ({ domains: Object.fromEntries(tool.domains.filter((d) => !d.optional).map((d, i) => [d.id, j(pick(d.id, i))])) });

describe('presets', () => {
  test('every preset file is a valid tool, listed by its id', () => {
    const dir = path.join(REPO_ROOT, 'src/lib/appraisal/presets');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const tool = robToolSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      expect(f).toBe(`${tool.id}.json`);
      expect(ROB_PRESETS[tool.id]).toEqual(tool);
    }
  });
  test('a preset is found by id; an unknown one gives no tool', () => {
    expect(resolveTool({ tool: 'rob2', required: true })?.label).toMatch(/RoB 2/);
    expect(resolveTool({ tool: 'nope', required: true })).toBeNull();
    expect(resolveTool(undefined)).toBeNull();
  });
});

describe('overall judgement', () => {
  const robins = ROB_PRESETS['robins-i']!;
  test('worst: critical before serious before no information before moderate before low', () => {
    const base = all(robins, () => 'low');
    expect(overallJudgement(robins, base).level).toBe('low');
    const set = (changes: Record<string, string>) => ({ domains: { ...base.domains, ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, j(v)])) } });
    expect(overallJudgement(robins, set({ confounding: 'moderate' })).level).toBe('moderate');
    expect(overallJudgement(robins, set({ confounding: 'moderate', selection: 'no_information' })).level).toBe('no_information');
    expect(overallJudgement(robins, set({ confounding: 'serious', selection: 'no_information' })).level).toBe('serious');
    const critical = overallJudgement(robins, set({ confounding: 'serious', measurement: 'critical' }));
    expect(critical).toMatchObject({ level: 'critical', class: 'high' });
    expect(critical.basis).toContain('Measurement of outcomes');
  });

  test('score: the share of points over the applicable items, placed in bands', () => {
    const jbi = ROB_PRESETS['jbi-case-series']!;
    const yes = (n: number) => all(jbi, (_, i) => (i < n ? 'yes' : 'no'));
    expect(overallJudgement(jbi, yes(7))).toMatchObject({ level: 'low', basis: 'score 70% (7 of 10 points)' });
    expect(overallJudgement(jbi, yes(6)).level).toBe('moderate');
    expect(overallJudgement(jbi, yes(5)).level).toBe('moderate');
    expect(overallJudgement(jbi, yes(4)).level).toBe('high');
    // "not applicable" leaves the item out of the denominator: 6 of 8 = 75%
    const na = all(jbi, (_, i) => (i < 6 ? 'yes' : i < 8 ? 'not_applicable' : 'no'));
    expect(overallJudgement(jbi, na)).toMatchObject({ level: 'low', basis: 'score 75% (6 of 8 points)' });
  });

  test('score with sum: MINORS-like points', () => {
    const tool: RobTool = { ...ROB_PRESETS['minors']!, overall: { ...ROB_PRESETS['minors']!.overall, score: 'sum', bands: [{ min: 13, level: 'low' }, { min: 9, level: 'moderate' }, { min: 0, level: 'high' }] } };
    expect(overallJudgement(tool, all(tool, (_, i) => (i < 5 ? 'adequate' : 'inadequate')))).toMatchObject({ level: 'low', basis: 'score 13 of 16' });
    expect(overallJudgement(tool, all(tool, () => 'inadequate')).level).toBe('high');
  });

  test('judged: the curator\'s overall judgement; missing domains make it incomplete, no assessment "not assessed"', () => {
    const rob2 = ROB_PRESETS['rob2']!;
    const judged: RobTool = { ...rob2, overall: { ...rob2.overall, method: 'judged' } };
    expect(overallJudgement(judged, { ...all(rob2, () => 'low'), overall: j('high') })).toMatchObject({ level: 'high', support: 'why', basis: 'judged by the curator' });
    expect(overallJudgement(judged, all(rob2, () => 'low')).class).toBe('not_assessed');
    expect(overallJudgement(rob2, { domains: { randomisation: j('low') } })).toMatchObject({ class: 'not_assessed', label: 'Incomplete' });
    expect(overallJudgement(rob2, null)).toMatchObject({ class: 'not_assessed', label: 'Not assessed' });
  });
});

describe('judgements per report', () => {
  const rob2 = ROB_PRESETS['rob2']!;
  const trialRob = { ...all(rob2, () => 'some_concerns'), reports: { paper: { domains: { measurement: j('low') } } } };
  test("a report's judgements replace the trial's for the domains they give", () => {
    expect(assessmentFor(trialRob, 'abstract')).toEqual({ assessment: { domains: trialRob.domains }, reportSpecific: false });
    const paper = assessmentFor(trialRob, 'paper');
    expect(paper.reportSpecific).toBe(true);
    expect(paper.assessment?.domains['measurement']?.judgement).toBe('low');
    expect(paper.assessment?.domains['randomisation']?.judgement).toBe('some_concerns');
    // the lock's form gives the same
    expect(assessmentFor(assessmentSet(trialRob)!, 'paper')).toEqual(paper);
  });
  test('studyAppraisal lists every domain in the tool\'s order', () => {
    const a = studyAppraisal(rob2, 'x', 'X', 'paper', trialRob);
    expect(a.domains.map((d) => d.domain)).toEqual(rob2.domains.map((d) => d.id));
    expect(a.overall.level).toBe('some_concerns');
    expect(studyAppraisal(rob2, 'x', 'X', 'paper', null)).toMatchObject({ assessed: false, overall: { class: 'not_assessed' } });
  });
});

describe('colours and symbols', () => {
  test("a tool's second high level is drawn darker, on its own scale only", async () => {
    const { levelColour, levelSymbol, ROB_CLASS_COLOURS } = await import('../../src/lib/appraisal/risk-of-bias.ts');
    const robins = ROB_PRESETS['robins-i']!;
    expect(levelColour(robins, 'serious', 'high')).toBe(ROB_CLASS_COLOURS.high);
    expect(levelSymbol(robins, 'critical', 'high')).toBe('!');
    // JBI: the domain level "no" is high, and the overall "high" is the only high of the overall scale
    const jbi = ROB_PRESETS['jbi-case-series']!;
    expect(levelColour(jbi, 'high', 'high')).toBe(ROB_CLASS_COLOURS.high);
    expect(levelSymbol(jbi, 'no', 'high')).toBe('×');
  });
});
