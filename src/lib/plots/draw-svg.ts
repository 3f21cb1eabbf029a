/**
 * Draws a Vega-Lite spec as a static SVG string (no browser, no canvas). Build-time only: the
 * browser never imports this file. Run in the build's own thread or in the drawing thread
 * (draw-worker.ts); either way the same code gives the same SVG.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/** The SVG of a spec, named for assistive technology by `ariaLabel`. */
export async function drawSvg(spec: TopLevelSpec, ariaLabel: string): Promise<string> {
  const vg = compile(spec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Name the graphic and let the surrounding figure's data table carry the details.
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${ariaLabel.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" `);
}
