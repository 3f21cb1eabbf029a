/**
 * A minimal static file server over a built site, for the browser tests and local checks.
 * Serves `root` below `base` on 127.0.0.1 only; directory URLs get their index.html. Like
 * GitHub Pages, it compresses text with gzip for clients that accept it and lets browsers
 * cache for ten minutes (`Cache-Control: max-age=600`), so that page-speed measurements
 * (npm run bench:web) see what the hosted site's readers get.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.r': 'text/plain; charset=utf-8',
  '.R': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Resolve a URL path to a file under root, or undefined (also for paths escaping root). */
export function resolveFile(root: string, base: string, urlPath: string): string | undefined {
  let p = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const b = base.endsWith('/') ? base : `${base}/`;
  if (!p.startsWith(b) && `${p}/` !== b) return undefined;
  p = p.slice(b.length - 1) || '/';
  const full = path.resolve(root, `.${p}`);
  if (!full.startsWith(path.resolve(root))) return undefined;
  if (existsSync(full) && statSync(full).isDirectory()) {
    const index = path.join(full, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  if (existsSync(full)) return full;
  if (existsSync(`${full}.html`)) return `${full}.html`;
  return undefined;
}

/** Types worth compressing (GitHub Pages compresses text, not images or archives). */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|wasm)|image\/svg)/;

export async function serveStatic(root: string, base = '/', port = 0): Promise<{ server: Server; url: string }> {
  const compressed = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const file = resolveFile(root, base, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'max-age=600', vary: 'Accept-Encoding' };
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let body = compressed.get(file);
      if (!body) compressed.set(file, (body = gzipSync(readFileSync(file), { level: 6 })));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(body);
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}${base.endsWith('/') ? base : `${base}/`}` };
}
