/**
 * The static server of the browser tests and page-speed measurements: what it serves below the
 * base, with which types, gzip and cache headers, what it refuses (outside the base, outside the
 * root).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic } from '../scripts/lib/static-server.ts';

const BASE = '/living-review/';
let parent: string;
let root: string;
let server: Server;
let url: string;

const FILES: Record<string, string> = {
  'index.html': `<!doctype html><title>home</title>${'<p>home page</p>'.repeat(40)}`,
  'sub/index.html': '<!doctype html><title>sub</title>',
  'a.css': `body { color: black; }\n${'.x { margin: 0; }\n'.repeat(40)}`,
  'reproduce.R': 'library(meta)\nx <- 1\n',
  'other.r': 'y <- 2\n',
  'data.csv': 'id,value\n1,2\n',
  'feed.xml': '<?xml version="1.0"?><feed/>',
  'x.html': '<!doctype html><title>x</title>',
  'notes.txt': 'plain\n',
  'image.png': '\x89PNG\r\n\x1a\n',  'app.js': 'console.log(1);\n',
  'data.json': '{"a":1}',
  'pic.svg': '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title></svg>',
  'mod.wasm': '\0asm\x01\0\0\0',
};

beforeAll(async () => {
  parent = mkdtempSync(path.join(tmpdir(), 'static-server-'));
  root = path.join(parent, 'site');
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  writeFileSync(path.join(parent, 'secret.txt'), 'outside the root');
  ({ server, url } = await serveStatic(root, BASE));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(parent, { recursive: true, force: true });
});

/** Requests a raw path (sent as written, not normalised as fetch would) and returns status, headers and undecoded body. */
function raw(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(url);
    const req = request({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic', () => {
  test('gives the URL of the site root below the base', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/living-review\/$/);
  });

  test.each([
    ['', 'index.html', 'text/html'],
    ['sub/', 'sub/index.html', 'text/html'],
    ['x', 'x.html', 'text/html'],
    ['a.css', 'a.css', 'text/css; charset=utf-8'],
    ['reproduce.R', 'reproduce.R', 'text/plain; charset=utf-8'],
    ['other.r', 'other.r', 'text/plain; charset=utf-8'],
    ['data.csv', 'data.csv', 'text/csv; charset=utf-8'],
    ['feed.xml', 'feed.xml', 'application/xml; charset=utf-8'],
    ['notes.txt', 'notes.txt', 'text/plain; charset=utf-8'],
    ['image.png', 'image.png', 'image/png'],
    ['app.js', 'app.js', 'text/javascript; charset=utf-8'],
    ['data.json', 'data.json', 'application/json; charset=utf-8'],
    ['pic.svg', 'pic.svg', 'image/svg+xml'],
    ['mod.wasm', 'mod.wasm', 'application/wasm'],
  ])('serves %j as %s with its type', async (p, file, type) => {
    const res = await fetch(new URL(p, url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    if (type === 'text/html') expect(res.headers.get('content-type')).toMatch(/charset=utf-8/i);
    expect(res.headers.get('cache-control')).toBe('max-age=600');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(FILES[file]!));
  });

  test('serves the base without its trailing slash as the home page', async () => {
    const res = await raw('/living-review');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(FILES['index.html']);
  });

  test('gzips text for clients that accept it, and says it varies with Accept-Encoding', async () => {
    for (const name of ['index.html', 'a.css', 'reproduce.R', 'data.csv', 'feed.xml', 'app.js', 'data.json', 'pic.svg', 'mod.wasm']) {
      const res = await raw(`${BASE}${name}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.headers['content-encoding'], name).toBe('gzip');
      expect(res.headers['vary'], name).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control'], name).toBe('max-age=600');
      expect(gunzipSync(res.body).toString(), name).toBe(FILES[name]);
    }
  });

  test('sends text as it is to clients that do not accept gzip, and never gzips images', async () => {
    const plain = await raw(`${BASE}a.css`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(FILES['a.css']);
    const png = await raw(`${BASE}image.png`, { 'accept-encoding': 'gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
  });

  test.each([
    '/index.html',
    '/other/index.html',
    '/living-reviewx/index.html',
    `${BASE}missing.html`,
    `${BASE}sub/missing`,
    `${BASE}../secret.txt`,
    `${BASE}%2e%2e/secret.txt`,
    `${BASE}%2E%2E%2Fsecret.txt`,
    `${BASE}sub/..%2F..%2Fsecret.txt`,
    `${BASE}sub%2Findex.html`,
    `${BASE}..%5Csecret.txt`,
  ])('answers 404 to %s', async (p) => {
    const res = await raw(p);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('outside the root');
  });
});

describe('what the server does not serve', () => {
  test.each(['/index.html', `${BASE}missing`, `${BASE}../secret.txt`, `${BASE}%2e%2e/secret.txt`, `${BASE}sub%2Findex.html`])('%s is 404', async (p) => {
    expect((await raw(p)).status).toBe(404);
  });
});
