/**
 * The drawing thread (see render-svg.ts): draws each spec it is sent and answers with the SVG
 * or the error's message. Loaded by Node directly (its type syntax is stripped), not bundled.
 */
import { parentPort } from 'node:worker_threads';
import { drawSvg } from './draw-svg.ts';
import type { DrawReply, DrawRequest } from './render-svg.ts';

parentPort?.on('message', async ({ id, spec, ariaLabel }: DrawRequest) => {
  let reply: DrawReply;
  try {
    reply = { id, svg: await drawSvg(spec, ariaLabel) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
