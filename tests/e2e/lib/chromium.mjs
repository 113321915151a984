// Launches Debian's Chromium through playwright-core (no browser download),
// optionally with an unpacked extension loaded, every request recorded, and
// all non-loopback traffic sent to the catch-all proxy.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Returns { context, requests, extensionId, worker, close }.
 * `requests` holds every request the pages, content scripts and the
 * extension's service worker made: { url, host, fromWorker }.
 */
export async function launchChromium({ extension, proxyPort, headless = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kladwacht-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (proxyPort) args.push(`--proxy-server=http://127.0.0.1:${proxyPort}`);
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless,
    args,
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : [],
    viewport: { width: 1100, height: 800 },
  });
  const requests = [];
  context.on('request', (r) => {
    let host = '';
    try {
      host = new URL(r.url()).hostname;
    } catch {}
    requests.push({ url: r.url(), host, fromWorker: r.serviceWorker() !== null });
  });
  let worker = null;
  let extensionId = null;
  if (extension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    requests,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests that left for anything but loopback, the extension itself, or local schemes. */
export function externalRequests(requests) {
  return requests.filter(
    (r) =>
      !/^(chrome-extension|data|blob|about|chrome|devtools):/.test(r.url) &&
      !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(r.host),
  );
}
