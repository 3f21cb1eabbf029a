/**
 * Renders a Vega-Lite spec to a static SVG string at build time, so plots are visible without
 * JavaScript. Build-time only: the browser never imports this file.
 *
 * Drawing is the heaviest work of a page and needs nothing from the page, so it is done in a
 * thread of its own (draw-worker.ts) on the machine's other core while the build renders
 * other pages; where that thread cannot start (no worker file beside the project, as in some
 * test set-ups), the same drawing code runs here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { drawSvg } from './draw-svg.ts';

export interface DrawRequest {
  id: number;
  spec: TopLevelSpec;
  ariaLabel: string;
}
export type DrawReply = { id: number; svg: string } | { id: number; error: string };

// The same plot appears on several pages of one build (an outcome page, its copy in the latest
// release, a chapter): each distinct spec is drawn once.
const drawn = new Map<string, Promise<string>>();

/** The SVG of a spec, with the accessible name given. */
export function renderSvg(spec: TopLevelSpec, ariaLabel: string): Promise<string> {
  const key = `${ariaLabel}\u0000${JSON.stringify(spec)}`;
  let svg = drawn.get(key);
  if (!svg) {
    svg = drawing()?.draw(spec, ariaLabel) ?? drawSvg(spec, ariaLabel);
    drawn.set(key, svg);
    // a failed drawing is not kept
    svg.catch(() => drawn.delete(key));
  }
  return svg;
}

// The file is named from the project folder: this module is bundled into the build's chunks,
// and the worker is loaded from the sources as they are.
const WORKER_FILE = path.resolve('src/lib/plots/draw-worker.ts');

interface DrawingThread {
  draw(spec: TopLevelSpec, ariaLabel: string): Promise<string>;
}
let thread: DrawingThread | null | undefined;

/** The drawing thread, started on first use; null when it cannot run here. */
function drawing(): DrawingThread | null {
  if (thread !== undefined) return thread;
  if (process.env['REVIEW_DRAW_IN_THREAD'] === '0' || !existsSync(WORKER_FILE)) return (thread = null);
  const worker = new Worker(WORKER_FILE);
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void; spec: TopLevelSpec; ariaLabel: string }>();
  let next = 0;
  // The thread keeps the process alive only while a drawing is awaited.
  worker.unref();
  worker.on('message', (reply: DrawReply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('svg' in reply) request.resolve(reply.svg);
    else request.reject(new Error(reply.error));
  });
  // Should the thread fail (it could not load, it ran out of memory), what it was drawing is
  // drawn here, and so is everything after.
  const fallBack = () => {
    thread = null;
    for (const request of pending.values()) drawSvg(request.spec, request.ariaLabel).then(request.resolve, request.reject);
    pending.clear();
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  thread = {
    draw(spec, ariaLabel) {
      return new Promise<string>((resolve, reject) => {
        const id = next++;
        if (pending.size === 0) worker.ref();
        pending.set(id, { resolve, reject, spec, ariaLabel });
        worker.postMessage({ id, spec, ariaLabel } satisfies DrawRequest);
      });
    },
  };
  return thread;
}

// In a build driven by npm run build, the thread starts as soon as the pages' code is loaded:
// loading vega takes it a moment, which it then spends while the first pages render.
if (process.env['REVIEW_BUILD_PID']) drawing();
