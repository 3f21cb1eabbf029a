/**
 * The live forest plot of a wide screen: the vega runtime draws the same spec the page's static
 * SVG was drawn from (forest-spec.ts), with tooltips and SVG/PNG export. Loaded only when a
 * reader opens the interactive plot on a wide screen.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { forestSpec, type ForestInput } from '../lib/plots/forest-spec.ts';

/** Draws the forest plot of `input` into `chart`, replacing what it held. */
export async function drawForest(chart: HTMLElement, input: ForestInput): Promise<void> {
  await embed(chart, forestSpec(input), {
    renderer: 'svg',
    actions: { export: true, source: false, compiled: false, editor: false },
    // Vega's expressions are interpreted rather than compiled with new Function: the site's
    // Content-Security-Policy allows no eval.
    ast: true,
    expr: expressionInterpreter,
  });
}
