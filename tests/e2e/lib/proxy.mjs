// A catch-all HTTP proxy on 127.0.0.1. Browsers in the privacy tests send
// all non-loopback traffic here; it records the target host and answers 403
// (or closes a CONNECT tunnel), so nothing can leave and nothing goes unseen.

import http from 'node:http';

export async function startProxy() {
  const log = [];
  const server = http.createServer((req, res) => {
    let host = req.headers.host ?? '';
    try {
      host = new URL(req.url).host || host;
    } catch {}
    log.push({ kind: 'http', host: host.replace(/:\d+$/, ''), url: req.url, time: Date.now() });
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('blocked by the Kladwacht test proxy');
  });
  server.on('connect', (req, socket) => {
    socket.on('error', () => {});
    log.push({ kind: 'connect', host: String(req.url).replace(/:\d+$/, ''), url: req.url, time: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  // A browser may reset a refused tunnel; that is not an error of the test.
  server.on('connection', (socket) => socket.on('error', () => {}));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** Hosts the browsers contact on their own (updates, settings, sign-in), filtered by exact name. */
export const BROWSER_HOSTS = new Set([
  // Chromium
  'accounts.google.com',
  'clients2.google.com',
  'clients2.googleusercontent.com',
  'update.googleapis.com',
  'content-autofill.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'safebrowsing.googleapis.com',
  'www.googleapis.com',
  'android.clients.google.com',
  'redirector.gvt1.com',
  'edgedl.me.gvt1.com',
  // Firefox
  'firefox.settings.services.mozilla.com',
  'firefox-settings-attachments.cdn.mozilla.net',
  'content-signature-2.cdn.mozilla.net',
  'push.services.mozilla.com',
  'detectportal.firefox.com',
  'normandy.cdn.mozilla.net',
  'aus5.mozilla.org',
  'shavar.services.mozilla.com',
  'location.services.mozilla.com',
  'incoming.telemetry.mozilla.org',
  'services.addons.mozilla.org',
  'versioncheck-bg.addons.mozilla.org',
  'tracking-protection.cdn.mozilla.net',
  'snippets.cdn.mozilla.net',
  'ciscobinary.openh264.org',
]);

/** Requests in `log` that went anywhere but loopback and the browsers' own hosts. */
export function leaks(log) {
  return log.filter((r) => !BROWSER_HOSTS.has(r.host) && !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(r.host));
}
