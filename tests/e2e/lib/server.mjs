// A static file server on 127.0.0.1 for the end-to-end tests. It logs every
// request it serves (the privacy tests read the log) and can send extra
// headers per path prefix (a strict Content-Security-Policy, as webmail has).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * mounts: { '/demo/': '/abs/web-demo', '/fixtures/': '/abs/fixtures' }
 * headers: [{ prefix: '/fixtures/csp/', headers: { 'Content-Security-Policy': "…" } }]
 * host: the loopback address to listen on (default 127.0.0.1)
 */
export async function startServer({ mounts, headers = [], port = 0, host = '127.0.0.1' } = {}) {
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    log.push({ method: req.method, path: url.pathname, host: req.headers.host, time: Date.now() });
    const prefix = Object.keys(mounts)
      .filter((p) => url.pathname.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (!prefix) return notFound(res);
    const root = mounts[prefix];
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(root)) return notFound(res);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return notFound(res);
    const extra = Object.assign({}, ...headers.filter((h) => url.pathname.startsWith(h.prefix)).map((h) => h.headers));
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      ...extra,
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}
