// The demo in Firefox ESR too (selenium-webdriver + geckodriver): trainers
// open it in whatever browser the school has. Typing raises the card, the
// textarea mirror and the contenteditable highlight cover the secret, and
// nothing is requested beyond the page's own files (the catch-all proxy and
// the server log stand in for request recording, which WebDriver lacks here).

import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { startProxy, leaks } from '../lib/proxy.mjs';
import { launchFirefox } from '../lib/firefox.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WEB = path.join(ROOT, 'web-demo');
const SECRET = 'Zonnebloem7!';

let server;
let proxy;
let ff;

const shadow = (js) => `const root = document.querySelector('#try-check').shadowRoot; ${js}`;

before(async () => {
  assert.ok(fs.existsSync(path.join(WEB, 'pkg/kladwacht_bg.wasm')), 'web-demo/pkg/ is missing: run `make wasm` first');
  server = await startServer({ mounts: { '/': WEB } });
  proxy = await startProxy();
  ff = await launchFirefox({ proxyPort: proxy.port });
});

after(async () => {
  await ff?.close();
  await proxy?.close();
  await server?.close();
});

it('Firefox: typing raises the card and highlights the secret in both editors', async () => {
  const { driver } = ff;
  await driver.get(`${server.url}/index.html`);
  await driver.wait(() => driver.executeScript("return !!document.querySelector('#try-check[ready]')"), 20000);
  const ta = await driver.executeScript(shadow("return root.querySelector('textarea')"));
  await ta.click();
  await ta.sendKeys(`Beste collega, het wachtwoord: ${SECRET} voor de iPad.`);
  await driver.wait(() => driver.executeScript(shadow("return !!root.querySelector('.card[data-category=password]')")), 10000);
  const marks = await driver.executeScript(shadow("return [...root.querySelectorAll('.mirror mark[data-severity=block]')].map((m) => m.textContent)"));
  assert.deepEqual(marks, [SECRET]);

  // The rich-text box: the Highlight API (or the overlay where Firefox lacks it) covers the secret.
  await driver.executeScript("document.querySelector('#try-check').setAttribute('editor', 'rich')");
  await driver.wait(
    () =>
      driver.executeScript(
        shadow(`
          const rich = root.querySelector('.rich');
          if (rich.dataset.highlight === 'overlay') return root.querySelectorAll('.overlay .hl[data-severity=block]').length > 0;
          const h = CSS.highlights.get('kladwacht-block');
          return !!h && [...h].some((r) => r.toString() === '${SECRET}');
        `),
      ),
    10000,
  );
  const html = await driver.executeScript(shadow("return root.querySelector('.rich').innerHTML"));
  assert.equal(html, `Beste collega, het wachtwoord: ${SECRET} voor de iPad.`, 'the editor holds only the text');
});

it('Firefox: nothing but the page’s own files was requested', () => {
  for (const { path: p } of server.log) {
    const file = path.join(WEB, decodeURIComponent(p));
    assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), `requested ${p}`);
  }
  assert.deepEqual(leaks(proxy.log), []);
});
