/**
 * The markup of the narrow forest plot (forest-compact.ts), as one string: the page writes it at
 * build time (ForestPlot.astro) and the interactive plot writes it again in the browser when a
 * reader re-orders the rows or picks other subgroups on a phone, so both are the same markup,
 * styled by the same rules (global.css, "forest-"). Every text is escaped: labels are content.
 */
import type { ForestCompact } from './forest-compact.ts';
import { escapeXml as escapeHtml } from '../format/escape-xml.ts';

const attr = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeHtml(value)}"` : '');

/** The axis line: its leading cells and the ticks. */
function axisRow(cells: readonly string[], ticks: ForestCompact['ticks']): string {
  const lead = cells.map((c) => `<span>${escapeHtml(c)}</span>`).join(' ');
  const marks = ticks.map((t) => `<span${attr('style', t.style)}>${escapeHtml(t.text)}</span>`).join('');
  return `<li class="forest-c-axis"><span>${lead}</span><span>${marks}</span></li>`;
}

/**
 * The `<ol>` of a narrow forest plot, hidden from assistive technology (the data table beside
 * it carries the numbers): a heading line, a line per row, the axis with the outcome's name.
 * @example forestCompactHtml(forestCompact(input), { axisTitle: 'Response (%)', estimateHeading: forestEstimateHeading(input.level) })
 *   // -> '<ol class="forest-compact" aria-hidden="true" style="--p:52%"><li class="forest-c-axis">…'
 */
export function forestCompactHtml(compact: ForestCompact, headings: { axisTitle: string; estimateHeading: string }): string {
  const rows = compact.rows.map((r) => {
    const text = r.eventsText
      ? ` <span>${escapeHtml(r.eventsText)}</span> <span>${escapeHtml(r.estimateText)}</span>`
      : r.estimateText
        ? ` <span>${escapeHtml(r.estimateText)}</span>`
        : '';
    const marks = [
      r.line ? `<i${attr('class', r.arrows)}${attr('style', r.line)}></i>` : '',
      r.square ? `<b${attr('style', r.square)}></b>` : '',
      r.diamond ? `<b class="forest-c-d"${attr('style', r.diamond)}></b>` : '',
    ].join('');
    return `<li${attr('class', r.cls)}><span><span>${escapeHtml(r.label)}</span>${text}</span>${marks ? `<span>${marks}</span>` : ''}</li>`;
  });
  return (
    `<ol class="forest-compact" aria-hidden="true"${attr('style', compact.pooled)}>` +
    axisRow(['Study', 'Events/n', headings.estimateHeading], compact.ticks) +
    rows.join('') +
    axisRow([headings.axisTitle], compact.ticks) +
    '</ol>'
  );
}
