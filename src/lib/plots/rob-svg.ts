/**
 * Risk-of-bias plots as static SVG strings, drawn at build time and shown without JavaScript
 * (as robvis draws them): the traffic-light plot (one row per study, one circle per domain and
 * the overall judgement) and the weighted summary (one 100% stacked bar per domain and overall,
 * each level's share of the analysis weight). Pure; every text is escaped, so curator text
 * (trial labels, a review's own tool) can never become markup.
 *
 * Each plot scales to the width of its box (viewBox, width 100%) up to its natural width, and
 * on a phone shrinks no further than a width where its text stays readable: narrower than that
 * its box scrolls sideways.
 */
import type { RobClass, RobLevel, RobTool } from '../../schemas/appraisal.ts';
import { levelColour, levelSymbol } from '../appraisal/risk-of-bias.ts';
import type { OutcomeRiskOfBias, StudyAppraisal } from '../appraisal/types.ts';
import { escapeXml } from '../format/escape-xml.ts';
import { labelLines, textWidth } from './label-lines.ts';

type ClassShown = RobClass | 'not_assessed';

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const INK = '#1b1f24';
const INK_SOFT = '#4a5361';
const RULE = '#d9dde3';
const TINT = '#f5f6f8';
/** A plot is never shown narrower than this (px): on a phone its box scrolls instead. */
const MIN_SHOWN_WIDTH = 340;
/** On a wide screen a plot grows up to this many times its natural size, so its text reads like the page's. */
const MAX_SCALE = 1.35;

const num = (x: number) => String(Math.round(x * 10) / 10);

/** The text colour that reads on a fill: near-black on light fills, white on dark ones. */
export function inkOn(fill: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(fill)?.[1];
  if (!hex) return INK;
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // contrast with white against contrast with the ink
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0633 ? '#ffffff' : INK;
}

/** The opening tag of a plot, with its accessible name, and its title and description. */
function open(width: number, height: number, title: string, desc: string, className: string): string {
  const shown = Math.min(width, MIN_SHOWN_WIDTH);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${num(width)} ${num(height)}" width="100%" ` +
    `style="max-width:${Math.ceil(width * MAX_SCALE)}px;min-width:${Math.ceil(shown)}px" preserveAspectRatio="xMinYMin meet" ` +
    `role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT)}" font-size="12">` +
    `<title>${escapeXml(title)}</title><desc>${escapeXml(desc)}</desc>`
  );
}

const text = (x: number, y: number, content: string, attrs = '') =>
  `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;

/** A judgement drawn as a circle in its class colour with its symbol; a hollow dashed circle when not judged. */
function judgementMark(tool: RobTool | null, cx: number, cy: number, r: number, level: string | null, cls: ClassShown | null): string {
  if (cls === null) return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="none" stroke="#9e9e9e" stroke-dasharray="2 2"/>`;
  const fill = levelColour(tool, level, cls);
  const symbol = levelSymbol(tool, level, cls);
  const circle = `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${fill}" stroke="${INK}" stroke-width="0.6"/>`;
  if (!symbol) return circle;
  return circle + text(cx, cy, symbol, `text-anchor="middle" dominant-baseline="central" font-weight="bold" font-size="${num(r * 1.3)}" fill="${inkOn(fill)}"`);
}

/** A level of the legend: what it is called and how it is drawn. */
export interface LegendLevel {
  level: string | null;
  label: string;
  class: ClassShown | null;
}

/** The levels a tool's judgements take (domain levels, then overall levels not among them), best to worst. */
export function toolLevels(tool: RobTool): RobLevel[] {
  const seen = new Set<string>();
  return [...tool.levels, ...(tool.overall.levels ?? [])].filter((l) => !seen.has(l.id) && seen.add(l.id));
}

/**
 * The domains to show for some studies, each with its number in the tool (D1 …): every domain,
 * less the optional ones none of them was judged on.
 */
export function shownDomains(tool: RobTool, studies: readonly Pick<StudyAppraisal, 'domains'>[]): { domain: RobTool['domains'][number]; number: number }[] {
  return tool.domains
    .map((domain, i) => ({ domain, number: i + 1 }))
    .filter(({ domain }) => !domain.optional || studies.some((s) => s.domains.some((j) => j.domain === domain.id && j.class !== null)));
}

/** A legend laid out in lines no wider than `width`: a mark and its label per level. */
function legend(tool: RobTool, items: readonly LegendLevel[], x0: number, y0: number, width: number): { svg: string; height: number } {
  const r = 7;
  const line = 20;
  let x = x0;
  let y = y0 + line / 2;
  const parts: string[] = [];
  for (const item of items) {
    const w = 2 * r + 5 + textWidth(item.label, 12) + 14;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += line;
    }
    parts.push(judgementMark(tool, x + r, y, r, item.level, item.class), text(x + 2 * r + 5, y, item.label, 'dominant-baseline="central"'));
    x += w;
  }
  return { svg: parts.join(''), height: y - y0 + line / 2 };
}

/** "D1: label" lines of the domains, each wrapped to `width`; the returned height is what they take. */
function domainKey(domains: ReturnType<typeof shownDomains>, x0: number, y0: number, width: number, fontSize = 11.5): { svg: string; height: number } {
  const lineHeight = fontSize * 1.3;
  const parts: string[] = [];
  let y = y0;
  for (const { domain: d, number } of domains) {
    for (const [j, content] of labelLines(`D${number}: ${d.label}`, width, fontSize, 3).entries()) {
      y += lineHeight;
      parts.push(text(x0 + (j > 0 ? 10 : 0), y - lineHeight * 0.3, content, `font-size="${fontSize}" fill="${INK_SOFT}"`));
    }
  }
  return { svg: parts.join(''), height: y - y0 };
}

/**
 * The traffic-light plot of some studies: one row per study, one column per domain of the tool
 * (D1 to Dn, named in the key below) and the overall judgement, each a circle in its class
 * colour with the class symbol; a legend of the levels. Returns '' without a tool or studies.
 * @example trafficLightSvg(tool, [studyAppraisal(tool, 'alpha', 'Alpha', 'r1', rob)]) // '<svg …>'
 */
export function trafficLightSvg(tool: RobTool | null, studies: readonly StudyAppraisal[]): string {
  if (!tool || studies.length === 0) return '';
  const domains = shownDomains(tool, studies);
  const pad = 8;
  const col = 26;
  const overallCol = 58;
  const row = 26;
  const head = 26;
  const r = 10;
  const labelMax = 170;
  const labels = studies.map((s) => labelLines(s.label, labelMax, 12, 1)[0] ?? '');
  // room for fonts wider than the estimate's (the column is never cut: a label only runs into the gap)
  const labelWidth = Math.min(labelMax, Math.max(60, ...labels.map((l) => textWidth(l, 12)))) * 1.12 + 8;
  const gridLeft = pad + labelWidth;
  const gridRight = gridLeft + domains.length * col + overallCol;
  const width = Math.max(gridRight + pad, 300);
  const parts: string[] = [];
  // header
  for (const [i, { domain: d, number }] of domains.entries()) parts.push(`<g><title>${escapeXml(d.label)}</title>${text(gridLeft + i * col + col / 2, head - 9, `D${number}`, 'text-anchor="middle" font-weight="bold"')}</g>`);
  parts.push(text(gridRight - overallCol / 2, head - 9, 'Overall', 'text-anchor="middle" font-weight="bold"'));
  parts.push(`<line x1="${num(pad)}" x2="${num(gridRight)}" y1="${head}" y2="${head}" stroke="${RULE}"/>`);
  // rows
  for (const [i, s] of studies.entries()) {
    const top = head + i * row;
    const cy = top + row / 2;
    if (i % 2 === 1) parts.push(`<rect x="${num(pad)}" y="${num(top)}" width="${num(gridRight - pad)}" height="${row}" fill="${TINT}"/>`);
    const shownLabel = labels[i]!;
    parts.push(
      shownLabel === s.label
        ? text(pad + 2, cy, shownLabel, 'dominant-baseline="central"')
        : `<g><title>${escapeXml(s.label)}</title>${text(pad + 2, cy, shownLabel, 'dominant-baseline="central"')}</g>`,
    );
    for (const [j, { domain: d }] of domains.entries()) {
      const judged = s.domains.find((x) => x.domain === d.id);
      parts.push(judgementMark(tool, gridLeft + j * col + col / 2, cy, r, judged?.level ?? null, judged?.class ?? null));
    }
    parts.push(judgementMark(tool, gridRight - overallCol / 2, cy, r, s.overall.level, s.overall.class));
  }
  const gridBottom = head + studies.length * row;
  parts.push(`<line x1="${num(gridRight - overallCol)}" x2="${num(gridRight - overallCol)}" y1="4" y2="${num(gridBottom)}" stroke="${RULE}"/>`);
  parts.push(`<line x1="${num(pad)}" x2="${num(gridRight)}" y1="${num(gridBottom)}" y2="${num(gridBottom)}" stroke="${RULE}"/>`);
  // key to the domains, then the levels
  const key = domainKey(domains, pad, gridBottom + 6, width - 2 * pad);
  parts.push(key.svg);
  const ids = new Set(domains.map((d) => d.domain.id));
  const used = (level: string | null, cls: ClassShown | null) => studies.some((s) => (s.overall.level === level && s.overall.class === cls) || s.domains.some((d) => ids.has(d.domain) && d.level === level && d.class === cls));
  const items: LegendLevel[] = [
    ...toolLevels(tool).map((l) => ({ level: l.id, label: l.label, class: l.class })),
    ...(studies.some((s) => s.overall.class === 'not_assessed') ? [{ level: null, label: 'Not assessed', class: 'not_assessed' as const }] : []),
    ...(used(null, null) ? [{ level: null, label: 'Not judged', class: null }] : []),
  ];
  const levels = legend(tool, items, pad, gridBottom + 6 + key.height + 8, width - 2 * pad);
  parts.push(levels.svg);
  const height = gridBottom + 6 + key.height + 8 + levels.height + pad;

  const counts = new Map<string, number>();
  for (const s of studies) counts.set(s.overall.label, (counts.get(s.overall.label) ?? 0) + 1);
  const title = `Risk of bias of each study (${tool.label})`;
  const desc =
    `Traffic-light plot: ${studies.length} ${studies.length === 1 ? 'study' : 'studies'}, one row each, judged on ${domains.length} ${domains.length === 1 ? 'domain' : 'domains'} ` +
    `and overall. Overall: ${[...counts].map(([label, n]) => `${label} ${n}`).join(', ')}. The table that follows gives every judgement.`;
  return `${open(width, height, title, desc, 'rob-svg rob-traffic')}${parts.join('')}</svg>`;
}

/**
 * Shares in whole percent that add up to exactly 100 (largest remainders), in the order given;
 * all zero when the shares add up to nothing.
 * @example wholePercents([1 / 3, 1 / 3, 1 / 3]) // [34, 33, 33]
 */
export function wholePercents(shares: readonly number[]): number[] {
  const total = shares.reduce((s, x) => s + Math.max(0, x), 0);
  if (total <= 0) return shares.map(() => 0);
  const exact = shares.map((x) => (Math.max(0, x) / total) * 100);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, rest: x - floors[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

/** The row label of a summary entry: "D2: Deviations from intended interventions", or the entry's own label (Overall). */
function summaryRowLabel(tool: RobTool, domain: string, label: string): string {
  const i = tool.domains.findIndex((d) => d.id === domain);
  return i >= 0 ? `D${i + 1}: ${label}` : label;
}

/**
 * The weighted summary of an outcome's risk of bias (as robvis draws it): for each domain and
 * overall, one bar of 100% split by the share of the analysis weight at each judgement, with
 * the symbol and percentage where they fit, and a legend. Returns '' without a tool or rows.
 * @example summaryBarsSvg(tool, outcome.risk_of_bias) // '<svg …>'
 */
export function summaryBarsSvg(tool: RobTool | null, summary: OutcomeRiskOfBias | null | undefined): string {
  if (!tool || !summary || summary.summary.length === 0) return '';
  // as wide as a phone's column, so that it needs no scaling there
  const width = 350;
  const pad = 8;
  const barWidth = width - 2 * pad;
  const barHeight = 20;
  const fontSize = 12;
  const parts: string[] = [];
  const described: string[] = [];
  let y = pad;
  // an optional domain none of the studies was judged on is left out
  const entries = summary.summary.filter((e) => !tool.domains.find((d) => d.id === e.domain)?.optional || e.shares.some((s) => s.share > 0 && s.level !== null));
  for (const entry of entries) {
    const rowLabel = summaryRowLabel(tool, entry.domain, entry.label);
    const overall = tool.domains.every((d) => d.id !== entry.domain);
    const lines = labelLines(rowLabel, barWidth, fontSize, 2);
    for (const content of lines) {
      y += fontSize * 1.25;
      parts.push(text(pad, y - 3, content, overall ? 'font-weight="bold"' : ''));
    }
    y += 3;
    const shown = entry.shares.filter((s) => s.share > 0);
    const percents = wholePercents(shown.map((s) => s.share));
    const total = shown.reduce((s, x) => s + x.share, 0);
    let x = pad;
    if (shown.length === 0) {
      parts.push(`<rect x="${pad}" y="${num(y)}" width="${barWidth}" height="${barHeight}" fill="none" stroke="#9e9e9e" stroke-dasharray="3 2"/>`);
      parts.push(text(pad + barWidth / 2, y + barHeight / 2, 'no weight', `text-anchor="middle" dominant-baseline="central" fill="${INK_SOFT}"`));
    }
    for (const [i, s] of shown.entries()) {
      const w = (s.share / total) * barWidth;
      const fill = levelColour(tool, s.level, s.class);
      const symbol = levelSymbol(tool, s.level, s.class);
      parts.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${barHeight}" fill="${fill}" stroke="${INK}" stroke-width="0.5"><title>${escapeXml(`${s.label}: ${percents[i]}%`)}</title></rect>`);
      const full = `${symbol ? `${symbol} ` : ''}${percents[i]}%`;
      const fitting = [full, `${percents[i]}%`, symbol].find((t) => t && textWidth(t, 11) + 6 <= w);
      if (fitting) parts.push(text(x + w / 2, y + barHeight / 2, fitting, `text-anchor="middle" dominant-baseline="central" font-size="11" font-weight="bold" fill="${inkOn(fill)}"`));
      x += w;
    }
    described.push(`${rowLabel}: ${shown.map((s, i) => `${s.label} ${percents[i]}%`).join(', ') || 'no weight'}`);
    y += barHeight + 8;
  }
  const items: LegendLevel[] = [];
  for (const entry of entries) {
    for (const s of entry.shares) {
      if (s.share > 0 && !items.some((i) => i.level === s.level && i.class === s.class)) items.push({ level: s.level, label: s.label, class: s.class });
    }
  }
  const order = toolLevels(tool).map((l) => l.id);
  items.sort((a, b) => (a.level === null ? 99 : order.indexOf(a.level)) - (b.level === null ? 99 : order.indexOf(b.level)));
  const key = legend(tool, items, pad, y, barWidth);
  parts.push(key.svg);
  const height = y + key.height + pad;
  const title = `Risk of bias summary, weighted (${tool.label})`;
  const desc = `Share of the analysis weight at each judgement, per domain and overall. ${described.join('. ')}.`;
  return `${open(width, height, title, desc, 'rob-svg rob-summary')}${parts.join('')}</svg>`;
}
