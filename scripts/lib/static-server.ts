/**
 * A static file server over a built site, for the browser tests and local checks: sirv finds
 * the files, compression gzips them. Serves `root` below `base` on 127.0.0.1 only; directory
 * URLs get their index.html and `/x` may be `x.html`. Like GitHub Pages, it gzips text for
 * clients that accept it and lets browsers cache for ten minutes (`Cache-Control: max-age=600`),
 * so that page-speed measurements (npm run bench:web) see what the hosted site's readers get.
 * The site must be built before the server starts: sirv lists its files once, at the start.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import sirv from 'sirv';

/** Where sirv's types (mrmime's) fall short: UTF-8 named for text, R scripts as text that browsers show. */
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.r': 'text/plain; charset=utf-8',
};

/** The part of a URL below the site's base (starting with '/'), or undefined for a URL outside it. */
function belowBase(url: string, base: string): string | undefined {
  const b = base.endsWith('/') ? base : `${base}/`;
  if (url.startsWith(b)) return url.slice(b.length - 1);
  return url === b.slice(0, -1) || url.startsWith(`${b.slice(0, -1)}?`) ? `/${url.slice(b.length - 1)}` : undefined;
}

/** Answers 404 in plain text. */
function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}

/**
 * Serves a built site on 127.0.0.1 (port 0: any free port); resolves to the server and the
 * absolute URL of the site's root, ending in '/'.
 */
export async function serveStatic(root: string, base = '/', port = 0): Promise<{ server: Server; url: string }> {
  const files = sirv(root, {
    extensions: ['html'],
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', 'max-age=600');
      const type = pathname.endsWith('/') ? undefined : TYPES[path.posix.extname(pathname).toLowerCase()];
      if (type) res.setHeader('Content-Type', type);
    },
  });
  // Its types are Express's; it needs only Node's request and response.
  const gzip = compression({ threshold: 0 }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const server = createServer((req, res) => {
    const url = belowBase(req.url ?? '/', base);
    if (url === undefined) return notFound(res);
    req.url = url;
    // gzip only, as GitHub Pages: compression would prefer brotli when the client takes it
    req.headers['accept-encoding'] = /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '') ? 'gzip' : 'identity';
    gzip(req, res, () => files(req, res, () => notFound(res)));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}${base.endsWith('/') ? base : `${base}/`}` };
}
