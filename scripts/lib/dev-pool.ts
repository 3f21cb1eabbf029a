/**
 * The curator's preview: in `astro dev` (npm run dev), a saved content file is validated and the
 * review pooled again, as `npm run build` would, and the pages show the new pooled results.
 *
 * - At start and after every save under the content root (review.yaml, a trial, a search, a
 *   registry entry, a chapter, a release lock; saves within DEBOUNCE_MS are taken together), a process of its own
 *   (dev-pool-worker.ts) runs loadReview and the analyses and writes the pooled results whole.
 * - Until that is done, requests for pages and data wait: a page is never rendered from results
 *   older than the content, nor from a file half written.
 * - Written, the pages' module of pooled results (`#generated/analyses.json`, astro.config.mjs) is
 *   dropped from Vite's caches and every open page reloads.
 * - When the content has problems, nothing is pooled and every page and data file answers with the
 *   curator's messages as `npm run check` prints them (file:line, field, what is wrong, fix); open
 *   pages reload to show them, and reload again when a save puts the content right.
 *
 * Registered by astro.config.mjs; the integration adds the plugin to `astro dev` only, so
 * `astro build` (and npm run build) never runs any of it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { escapeXml as escapeHtml } from '../../src/lib/format/escape-xml.ts';
import type { PoolReply, PoolRequest } from './dev-pool-worker.ts';

/** Saves closer together than this are pooled once. */
export const DEBOUNCE_MS = 150;

export interface LivePoolOptions {
  /** The content root (REVIEW_CONTENT or content/). */
  contentRoot: string;
  /** The pooled results the pages read (REVIEW_GENERATED or src/generated/analyses.json). */
  generated: string;
  /** The resolved id of the virtual module that reads them. */
  moduleId: string;
}

/** The integration astro.config.mjs registers: adds the plugin in `astro dev`, nothing otherwise. */
export function livePool(options: LivePoolOptions): AstroIntegration {
  return {
    name: 'living-review-live-pool',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'dev') updateConfig({ vite: { plugins: [livePoolPlugin(options)] } });
      },
    },
  };
}

type State = { kind: 'pooled' } | { kind: 'problems'; text: string } | { kind: 'failed'; text: string };

export function livePoolPlugin({ contentRoot, generated, moduleId }: LivePoolOptions): Plugin {
  const root = path.resolve(contentRoot);
  const out = path.resolve(generated);
  let state: State = { kind: 'pooled' };
  /** Requests waiting for the pooling in progress (or about to start). */
  let waiting: (() => void)[] = [];
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let worker: ChildProcess | undefined;
  let nextId = 0;
  let stopped = false;
  /** When this plugin last wrote the results: Vite's own notice of that write is then no news. */
  let writtenAt = -1;

  return {
    name: 'living-review-live-pool',
    apply: 'serve',

    // Vite sees the results file change too (the virtual module watches it, so that a curator's
    // `npm run pool` in another terminal shows); a write of this plugin has been handled already.
    hotUpdate: {
      order: 'pre',
      handler({ file }) {
        if (path.resolve(file) !== out) return undefined;
        try {
          return statSync(out).mtimeMs === writtenAt ? [] : undefined;
        } catch {
          return undefined;
        }
      },
    },

    configureServer(server) {
      // Astro also starts short-lived servers of its own (to generate types): no preview there.
      if (server.config.server.middlewareMode || !server.httpServer) return;
      const logger = server.config.logger;
      const projectRoot = server.config.root;

      const startWorker = (): ChildProcess => {
        const loader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
        const child = fork(path.join(projectRoot, 'scripts/lib/dev-pool-worker.ts'), [], {
          execArgv: ['--import', loader],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        child.on('exit', (code, signal) => {
          if (worker === child) worker = undefined;
          if (stopped || !running) return;
          // Stopped in the middle of a pooling: say so, and pool again on the next save.
          finish({ id: nextId, ok: false, error: `the pooling process stopped (${signal ?? `exit code ${code}`})` });
        });
        child.on('message', (reply: PoolReply) => finish(reply));
        return child;
      };

      const run = () => {
        timer = undefined;
        if (stopped) return;
        running = true;
        again = false;
        const request: PoolRequest = { id: ++nextId, root, out };
        try {
          worker ??= startWorker();
          worker.send(request);
        } catch (error) {
          worker = undefined;
          finish({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      };

      const finish = (reply: PoolReply) => {
        if (reply.id !== nextId || !running) return;
        running = false;
        if (reply.ok) writtenAt = reply.mtimeMs;
        if (again) {
          // Saved again while pooling: these results are already old.
          schedule();
          return;
        }
        if (reply.ok) {
          const recovered = state.kind !== 'pooled';
          state = { kind: 'pooled' };
          logger.info(`pooled ${reply.outcomes} outcomes of ${reply.releases} release(s) in ${reply.ms} ms${recovered ? '; the content is valid again' : ''}`, { timestamp: true });
        } else if ('problems' in reply) {
          state = { kind: 'problems', text: reply.problems };
          logger.error(`${reply.problems}\n\nThe preview shows these problems until they are fixed.`, { timestamp: true });
        } else {
          state = { kind: 'failed', text: reply.error };
          logger.error(`pooling failed: ${reply.error}`, { timestamp: true });
        }
        refresh();
        pending = false;
        for (const resume of waiting.splice(0)) resume();
      };

      /** Pools DEBOUNCE_MS after the last save, or once the pooling in progress is done. */
      const schedule = () => {
        if (stopped) return;
        pending = true;
        if (running) {
          again = true;
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(run, DEBOUNCE_MS);
      };

      /** Drops the pooled results and every module that read them from Vite's caches; reloads open pages. */
      const refresh = () => {
        const timestamp = Date.now();
        for (const environment of Object.values(server.environments)) {
          const node = environment.moduleGraph.getModuleById(moduleId);
          if (!node) continue;
          const dropped = new Set<typeof node>();
          environment.moduleGraph.invalidateModule(node, dropped, timestamp, true);
          // The module runner that renders the pages keeps evaluated modules of its own.
          const runner = (environment as { runner?: { evaluatedModules: RunnerModules } }).runner;
          for (const m of dropped) {
            const evaluated = m.id ? runner?.evaluatedModules.getModuleById(m.id) : undefined;
            if (evaluated) runner!.evaluatedModules.invalidateModule(evaluated);
          }
        }
        reload();
      };

      // A save also makes Astro reload open pages at once (the content collection changed); that
      // page would only wait here for the pooling, then be reloaded again when it is done. So while
      // a pooling is pending, full reloads are held back: the one sent when it is done stands for all.
      const channels = [server.ws, server.environments['client']?.hot].filter((c) => c !== undefined) as unknown as Channel[];
      const sends = channels.map((channel) => channel.send.bind(channel));
      const reload = () => sends[0]!({ type: 'full-reload', path: '*' });
      channels.forEach((channel, i) => {
        channel.send = (...args) => {
          const [payload] = args;
          if (pending && typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'full-reload') return;
          sends[i]!(...args);
        };
      });

      const inRoot = (file: string) => {
        const relative = path.relative(root, path.resolve(file));
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !path.basename(file).startsWith('.');
      };
      server.watcher.add(root);
      for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
        server.watcher.on(event, (file: string) => {
          if (inRoot(file)) schedule();
        });
      }

      const stop = () => {
        stopped = true;
        clearTimeout(timer);
        worker?.kill();
        worker = undefined;
        for (const resume of waiting.splice(0)) resume();
      };
      process.on('exit', stop);
      server.httpServer?.once('close', () => {
        stop();
        process.off('exit', stop);
      });

      server.middlewares.use((req, res, next) => {
        if (!servesContent(req, server)) return next();
        const answer = () => {
          if (state.kind === 'pooled' || stopped) return next();
          problemsPage(req, res, server, state);
        };
        if (pending) waiting.push(answer);
        else answer();
      });

      // The first pooling, before the first page.
      pending = true;
      run();
    },
  };
}

/** A channel to the open pages (Vite's web socket server, the client environment's hot channel). */
interface Channel {
  send(...args: unknown[]): void;
}

/** The part of Vite's module runner used here. */
interface RunnerModules {
  getModuleById(id: string): object | undefined;
  invalidateModule(node: object): void;
}

/**
 * Whether a request is for a page or data file of the review (which the pooled results make),
 * rather than for Vite's and Astro's own modules or a file of public/.
 */
function servesContent(req: IncomingMessage, server: ViteDevServer): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const base = server.config.base;
  let pathname = decodeURIComponent(url.pathname);
  if (pathname.startsWith(base)) pathname = `/${pathname.slice(base.length)}`;
  if (/^\/(@|__|node_modules\/|src\/|_astro\/|\.astro\/)/.test(pathname)) return false;
  // Modules Vite serves by path carry a query of its own (?import, ?astro&type=style, ?v=…).
  if (/[?&](import|raw|url|inline|direct|worker|astro|v|t|lang\.[a-z]+)(=|&|$)/.test(url.search)) return false;
  const publicFile = path.join(server.config.publicDir, pathname);
  return !(server.config.publicDir && pathname !== '/' && existsSync(publicFile) && statSync(publicFile).isFile());
}

/** The answer to every page and data file while the content has problems (or pooling failed). */
function problemsPage(req: IncomingMessage, res: ServerResponse, server: ViteDevServer, state: Exclude<State, { kind: 'pooled' }>): void {
  const heading =
    state.kind === 'problems'
      ? 'The content has problems: the review was not pooled again'
      : 'Pooling the review failed: this is not a problem in your content';
  const after =
    state.kind === 'problems'
      ? 'Fix them and save: this page reloads by itself. `npm run check` prints the same list.'
      : 'Save a content file to try again; if it fails again, please report the message above.';
  res.statusCode = 500;
  res.setHeader('Cache-Control', 'no-store');
  const wantsHtml = (req.headers.accept ?? '').includes('text/html') || !/\.[a-z0-9]+$/i.test(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (!wantsHtml) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${heading}\n\n${state.text}\n\n${after}\n`);
    return;
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Content problems</title>
<script type="module" src="${escapeHtml(server.config.base)}@vite/client"></script>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b00020;padding:1rem;overflow-x:auto}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<pre>${escapeHtml(state.text)}</pre>
<p>${escapeHtml(after)}</p>
</body>
</html>
`);
}
