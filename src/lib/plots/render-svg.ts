/**
 * Renders a Vega-Lite spec to a static SVG string at build time (no browser, no canvas), so
 * plots are visible without JavaScript. Build-time only: the browser never imports this file.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/** The SVG of a spec, with the accessible name given. */
export async function renderSvg(spec: TopLevelSpec, ariaLabel: string): Promise<string> {
  const vg = compile(spec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Name the graphic and let the surrounding figure's data table carry the details.
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${ariaLabel.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" `);
}
