/**
 * The risk-of-bias columns beside a forest plot (as R meta's rob() draws them): one narrow
 * column per domain of the review's tool and one for the overall judgement, a circle in the
 * class colour with the class symbol on each study row. Worked out at build time from the
 * release's appraisal, in a compact form (a palette of the judgements drawn, and per trial an
 * index into it per column) that the page hands to the interactive plot as it is.
 */
import type { RobTool } from '../../schemas/appraisal.ts';
import { levelColour, levelSymbol } from '../appraisal/risk-of-bias.ts';
import type { ReleaseAppraisal, RowRob, StudyAppraisal } from '../appraisal/types.ts';
import type { StudyResult } from '../review/analyses-types.ts';
import { inkOn, shownDomains, toolLevels } from './rob-svg.ts';

/** How one judgement is drawn. */
export interface ForestRobMark {
  /** Class symbol ('' for not applicable). */
  symbol: string;
  /** Fill of the circle, and the colour of the symbol on it. */
  colour: string;
  ink: string;
  /** The level's label, e.g. "Some concerns". */
  label: string;
}

/** The risk-of-bias columns of a forest plot. */
export interface ForestRob {
  /** The tool's name. */
  tool: string;
  /** Column headers (D1 … Dn, Overall) and what they stand for. */
  columns: { header: string; label: string }[];
  /** Every judgement a cell can show. */
  palette: ForestRobMark[];
  /** By trial slug: per column an index into the palette, or -1 when not judged. */
  trials: Record<string, number[]>;
}

/** How a judgement is drawn (its class colour and symbol, as levelColour and levelSymbol give them); null when not judged. */
export function robMark(tool: RobTool | null, level: string | null, cls: RowRob['class'] | null, label: string): ForestRobMark | null {
  if (cls === null) return null;
  const colour = levelColour(tool, level, cls);
  return { symbol: levelSymbol(tool, level, cls), colour, ink: inkOn(colour), label };
}

/** A mark for each level of the tool (domain levels, then overall levels), then "not assessed". */
function palette(tool: RobTool): { marks: ForestRobMark[]; index: (level: string | null, cls: RowRob['class'] | null) => number } {
  const levels = toolLevels(tool);
  const marks: ForestRobMark[] = [...levels.map((l) => robMark(tool, l.id, l.class, l.label)!), robMark(tool, null, 'not_assessed', 'Not assessed')!];
  const index = (level: string | null, cls: RowRob['class'] | null) => {
    if (cls === null) return -1;
    if (cls === 'not_assessed' || level === null) return marks.length - 1;
    return levels.findIndex((l) => l.id === level);
  };
  return { marks, index };
}

/**
 * The columns for an outcome's rows, from the release's appraisal; undefined when the release
 * declares no tool (the plot is then drawn as without one). A trial the appraisal lacks shows
 * its row's overall judgement (or "not assessed") and no domain judgement.
 */
export function forestRob(appraisal: ReleaseAppraisal | undefined, rows: readonly StudyResult[]): ForestRob | undefined {
  const tool = appraisal?.tool;
  if (!appraisal || !tool) return undefined;
  const { marks, index } = palette(tool);
  const studies = [...new Set(rows.map((r) => r.trial))].flatMap((t) => appraisal.studies[t] ?? []);
  const shown = shownDomains(tool, studies);
  const trials: Record<string, number[]> = {};
  for (const row of rows) {
    if (trials[row.trial]) continue;
    const study: StudyAppraisal | undefined = appraisal.studies[row.trial];
    const domains = shown.map(({ domain: d }) => {
      const j = study?.domains.find((x) => x.domain === d.id);
      return j ? index(j.level, j.class) : -1;
    });
    const overall = study ? index(study.overall.level, study.overall.class) : row.rob ? index(row.rob.level, row.rob.class) : marks.length - 1;
    trials[row.trial] = [...domains, overall];
  }
  return {
    tool: tool.label,
    columns: [...shown.map(({ domain: d, number }) => ({ header: `D${number}`, label: d.label })), { header: 'Overall', label: 'Overall judgement' }],
    palette: marks,
    trials,
  };
}

