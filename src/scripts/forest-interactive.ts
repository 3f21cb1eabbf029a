/**
 * The interactive forest plot: loaded on demand (it brings the vega runtime), it replaces the
 * static SVG with a live chart that has tooltips, a choice of study order and of subgroup
 * variable, and SVG/PNG export.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { OutcomeAnalysis } from '../lib/review/analyses-types.ts';
import { FOREST_SORTS, forestInput, type ForestLabels, type ForestSort } from '../lib/plots/forest-input.ts';
import { forestSpec } from '../lib/plots/forest-spec.ts';

interface ClientData {
  outcome: OutcomeAnalysis;
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

export async function openInteractive(figure: HTMLElement): Promise<void> {
  const raw = figure.querySelector('[data-forest-data]')?.textContent ?? '{}';
  const data = JSON.parse(raw) as ClientData;
  const holder = figure.querySelector<HTMLElement>('.forest-interactive')!;
  const staticPlot = figure.querySelector<HTMLElement>('.forest-static');
  const controls = document.createElement('div');
  controls.className = 'forest-controls';
  const sort = select('Order by', FOREST_SORTS.map((s) => [s, SORT_LABELS[s]]), 'name');
  const variable = select('Subgroups', [['', 'None'], ...data.labels.variables.map((v): [string, string] => [v.id, v.label])], data.variable);
  controls.append(sort.wrap, variable.wrap);
  const chart = document.createElement('div');
  holder.replaceChildren(controls, chart);
  const draw = async () => {
    const input = forestInput(data.outcome, data.labels, variable.el.value || undefined, sort.el.value as ForestSort);
    if (!input) return;
    await embed(chart, forestSpec(input), {
      renderer: 'svg',
      actions: { export: true, source: false, compiled: false, editor: false },
      // Vega's expressions are interpreted rather than compiled with new Function: the site's
      // Content-Security-Policy allows no eval.
      ast: true,
      expr: expressionInterpreter,
    });
  };
  sort.el.addEventListener('change', () => void draw());
  variable.el.addEventListener('change', () => void draw());
  await draw();
  holder.hidden = false;
  if (staticPlot) staticPlot.hidden = true;
}
