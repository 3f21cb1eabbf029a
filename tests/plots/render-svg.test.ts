/**
 * Plots are drawn in a thread of their own during the build (render-svg.ts, draw-worker.ts):
 * what comes back must be exactly what drawing in the build's own thread gives, a failed drawing
 * must fail the page (and not be kept), and without the thread the same SVG is drawn in place.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { drawSvg } from '../../src/lib/plots/draw-svg.ts';
import { renderSvg } from '../../src/lib/plots/render-svg.ts';

const spec: TopLevelSpec = {
  width: 200,
  height: 80,
  data: { values: [{ study: 'Alpha-cel', p: 0.42 }, { study: 'Beta-NK <NK>', p: 0.61 }] },
  mark: 'point',
  encoding: { x: { field: 'p', type: 'quantitative' }, y: { field: 'study', type: 'nominal' } },
};

describe('renderSvg', () => {
  test('gives, from the drawing thread, the SVG drawn in this thread, named for screen readers', async () => {
    const inThread = await renderSvg(spec, 'Forest plot of "bORR" & more');
    expect(inThread).toBe(await drawSvg(spec, 'Forest plot of "bORR" & more'));
    expect(inThread).toMatch(/^<svg role="img" aria-label="Forest plot of &#34;bORR&#34; &#38; more" /);
    expect(inThread).toContain('Beta-NK &lt;NK&gt;');
  });

  test('a spec that cannot be drawn fails with its reason, and is tried again next time', async () => {
    const broken = { ...spec, mark: 'no-such-mark' } as unknown as TopLevelSpec;
    const reason = await drawSvg(broken, 'broken').then(
      () => '',
      (error: Error) => error.message,
    );
    expect(reason).not.toBe('');
    await expect(renderSvg(broken, 'broken')).rejects.toThrow(reason);
    await expect(renderSvg(broken, 'broken')).rejects.toThrow(reason);
  });

  test('without the drawing thread, the same SVG is drawn in place', () => {
    const script = `import { renderSvg } from ${JSON.stringify(path.resolve('src/lib/plots/render-svg.ts'))};
      import { drawSvg } from ${JSON.stringify(path.resolve('src/lib/plots/draw-svg.ts'))};
      const spec = ${JSON.stringify(spec)};
      const [a, b] = await Promise.all([renderSvg(spec, 'x'), drawSvg(spec, 'x')]);
      process.stdout.write(a === b && a.startsWith('<svg') ? 'same' : 'different');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, REVIEW_DRAW_IN_THREAD: '0' },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('same');
  });
});
