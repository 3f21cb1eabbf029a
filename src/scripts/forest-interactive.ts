/**
 * The interactive forest plot, loaded on the first click: a choice of study order and of
 * subgroup variable over the plot. On a wide screen it draws a live chart with tooltips and
 * SVG/PNG export (forest-vega.ts, which brings the vega runtime); on a phone it redraws the
 * narrow plot (forest-compact.ts), which needs no runtime. Focus moves to the opened plot.
 */
import type { OutcomeAnalysis } from '../lib/review/analyses-types.ts';
import { FOREST_SORTS, forestInput, type ForestLabels, type ForestSort } from '../lib/plots/forest-input.ts';
import { forestCompact } from '../lib/plots/forest-compact.ts';
import { forestCompactHtml } from '../lib/plots/forest-compact-html.ts';
import { forestEstimateHeading } from '../lib/plots/forest-spec.ts';

/** Where the page itself switches to the narrow plot (global.css, "forest-"). */
const NARROW = '(max-width: 40rem)';

interface ClientData {
  outcome: OutcomeAnalysis;
  /** With the confidence level the release was pooled at (labels.level), which names the intervals. */
  labels: ForestLabels;
  variable: string;
}

const SORT_LABELS: Record<ForestSort, string> = {
  name: 'Trial name',
  estimate: 'Proportion',
  weight: 'Weight',
  date: 'Report date',
};

function select(label: string, options: [string, string][], value: string): { wrap: HTMLLabelElement; el: HTMLSelectElement } {
  const wrap = document.createElement('label');
  wrap.className = 'forest-control';
  wrap.append(document.createTextNode(`${label} `));
  const el = document.createElement('select');
  for (const [v, text] of options) {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = text;
    el.append(option);
  }
  el.value = value;
  wrap.append(el);
  return { wrap, el };
}

/** Replaces the figure's plot by the interactive one, and moves keyboard focus to it. */
export async function openInteractive(figure: HTMLElement): Promise<void> {
  const raw = figure.querySelector('[data-forest-data]')?.textContent ?? '{}';
  const data = JSON.parse(raw) as ClientData;
  const holder = figure.querySelector<HTMLElement>('.forest-interactive')!;
  const staticPlots = [...figure.querySelectorAll<HTMLElement>(':scope > .forest-static, :scope > .forest-compact')];
  const controls = document.createElement('div');
  controls.className = 'forest-controls';
  const sort = select('Order by', FOREST_SORTS.map((s) => [s, SORT_LABELS[s]]), 'name');
  const variable = select('Subgroups', [['', 'None'], ...data.labels.variables.map((v): [string, string] => [v.id, v.label])], data.variable);
  controls.append(sort.wrap, variable.wrap);
  const chart = document.createElement('div');
  holder.replaceChildren(controls, chart);
  const narrow = window.matchMedia(NARROW);
  const draw = async () => {
    const input = forestInput(data.outcome, data.labels, variable.el.value || undefined, sort.el.value as ForestSort);
    if (!input) return;
    if (narrow.matches) {
      chart.innerHTML = forestCompactHtml(forestCompact(input), { axisTitle: `${data.labels.outcome} (%)`, estimateHeading: forestEstimateHeading(input.level) });
    } else {
      const { drawForest } = await import('./forest-vega.ts');
      await drawForest(chart, input);
    }
  };
  sort.el.addEventListener('change', () => void draw());
  variable.el.addEventListener('change', () => void draw());
  narrow.addEventListener('change', () => void draw());
  await draw();
  holder.hidden = false;
  for (const plot of staticPlots) plot.hidden = true;
  // The reader lands on the plot they opened: a named group whose controls come next in tab order.
  holder.tabIndex = -1;
  holder.setAttribute('role', 'group');
  holder.setAttribute('aria-label', `Interactive forest plot of ${data.outcome.label}: choose the order of the rows and the subgroups`);
  holder.focus();
}
