/**
 * Renders a Vega-Lite spec to a static SVG string at build time (no browser, no canvas), so
 * plots are visible without JavaScript. Build-time only: the browser never imports this file.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

// The same plot appears on several pages of one build (an outcome page, its copy in the latest
// release, a chapter): each distinct spec is drawn once.
const drawn = new Map<string, Promise<string>>();

/** The SVG of a spec, with the accessible name given. */
export function renderSvg(spec: TopLevelSpec, ariaLabel: string): Promise<string> {
  const key = `${ariaLabel}\u0000${JSON.stringify(spec)}`;
  let svg = drawn.get(key);
  if (!svg) {
    svg = draw(spec, ariaLabel);
    drawn.set(key, svg);
    // a failed drawing is not kept
    svg.catch(() => drawn.delete(key));
  }
  return svg;
}

async function draw(spec: TopLevelSpec, ariaLabel: string): Promise<string> {
  const vg = compile(spec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Name the graphic and let the surrounding figure's data table carry the details.
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${ariaLabel.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" `);
}
