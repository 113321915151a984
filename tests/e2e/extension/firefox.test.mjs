// The same core scenarios in Firefox ESR (selenium-webdriver + geckodriver):
// highlights over the right words, the editor's DOM as without the extension,
// one-click fix + undo, a late compose box, a strict-CSP page, and no request
// leaving the machine (the proxy and the server log: WebDriver BiDi misses
// the background script's requests in Firefox).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key, Origin, until as wdUntil } from 'selenium-webdriver';
import { launchFirefox } from '../lib/firefox.mjs';
import { leaks, startProxy } from '../lib/proxy.mjs';
import {
  DRAFT,
  EDITORS,
  FIREFOX_TEST,
  SECRET,
  highlightHolds,
  intersects,
  pointInFieldWord,
  readMarkers,
  requireExtensionBuild,
  startFixtureServer,
  until,
  wordRects,
} from '../lib/extension-harness.mjs';

const FIREFOX_EDITORS = ['textarea', 'contenteditable', 'Lexical', 'Quill', 'ProseMirror', 'textarea under a strict CSP'];

let server;
let proxy;
let ext;
let bare;

before(async () => {
  requireExtensionBuild();
  server = await startFixtureServer();
  proxy = await startProxy();
  [ext, bare] = await Promise.all([launchFirefox({ extension: FIREFOX_TEST, proxyPort: proxy.port }), launchFirefox({ proxyPort: proxy.port })]);
});

after(async () => {
  await ext?.close();
  await bare?.close();
  await proxy?.close();
  await server?.close();
});

async function open(driver, page) {
  await driver.get(`${server.url}/fixtures/${page}`);
  await driver.wait(wdUntil.elementLocated(By.css('html[data-ready="true"]')), 15000);
}

async function typeDraft(driver, text = DRAFT) {
  const root = await driver.executeScript('return window.kwFixture.root()');
  await root.click();
  await driver.actions().sendKeys(text).perform();
}

const markers = (driver, category = 'password') => driver.executeScript(readMarkers).then((ms) => ms.filter((m) => m.category === category));
const modelText = (driver) => driver.executeScript('return window.kwFixture.modelText()');
const html = (driver) => driver.executeScript('return window.kwFixture.html()');

async function hover(driver, rect) {
  const x = Math.round((rect.left + rect.right) / 2);
  const y = Math.round((rect.top + rect.bottom) / 2);
  await driver.actions().move({ x: x - 3, y, origin: Origin.VIEWPORT }).move({ x, y, origin: Origin.VIEWPORT }).perform();
}

for (const editor of EDITORS.filter((e) => FIREFOX_EDITORS.includes(e.name))) {
  describe(`Firefox: ${editor.name}`, () => {
    test('highlights the password over the typed word; DOM and model as without the extension', async () => {
      const { driver } = ext;
      await open(driver, editor.page);
      await typeDraft(driver);
      // Markers can show mid-typing: wait for one over the whole word.
      const covers = async (m) => {
        if (m.length !== 1) return false;
        if (editor.kind === 'editable') return driver.executeScript(highlightHolds, ['kladwacht-block', SECRET]);
        const { left, right, top, bottom } = m[0].rect;
        const y = (top + bottom) / 2;
        const a = await driver.executeScript(pointInFieldWord, [left + 2, y, SECRET]);
        const b = await driver.executeScript(pointInFieldWord, [right - 2, y, SECRET]);
        return a.inside && b.inside;
      };
      const marks = await until(() => markers(driver).then(async (m) => (await covers(m)) && m), {
        message: 'one password marker over the whole word',
        detail: () => markers(driver),
      });
      if (editor.kind === 'editable') {
        const words = await driver.executeScript(wordRects, SECRET);
        assert.ok(words.some((w) => intersects(w, marks[0].rect)), `marker ${JSON.stringify(marks[0].rect)} over ${JSON.stringify(words)}`);
      } else {
        const r = marks[0].rect;
        const probe = await driver.executeScript(pointInFieldWord, [(r.left + r.right) / 2, (r.top + r.bottom) / 2, SECRET]);
        assert.ok(probe.inside, JSON.stringify(probe));
      }
      await open(bare.driver, editor.page);
      await typeDraft(bare.driver);
      assert.ok((await html(driver)).includes(SECRET));
      assert.equal(await html(driver), await html(bare.driver));
      assert.equal(await modelText(driver), await modelText(bare.driver));
    });

    test('one-click fix masks the password, undo brings it back', async () => {
      const { driver } = ext;
      const [mark] = await markers(driver);
      await hover(driver, mark.rect);
      const fix = await until(
        () => driver.executeScript(() => document.querySelector('kladwacht-overlay')?.shadowRoot.querySelector('.card button[data-action="fix"]')),
        { message: 'the card with a fix button' },
      );
      const box = await driver.executeScript((b) => {
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, fix);
      await driver.actions().move({ x: Math.round(box.x), y: Math.round(box.y), origin: Origin.VIEWPORT }).click().perform();
      await until(async () => {
        const t = await modelText(driver);
        return !t.includes(SECRET) && t.includes('••••••••');
      }, { message: 'the masked password in the editor model', detail: () => modelText(driver) });
      await driver.actions().keyDown(Key.CONTROL).sendKeys('z').keyUp(Key.CONTROL).perform();
      await until(async () => {
        const t = await modelText(driver);
        return t.includes(SECRET) && !t.includes('••••');
      }, { message: 'undo to restore the password', detail: () => modelText(driver) });
    });
  });
}

test('Firefox: TinyMCE (editor in an iframe) is highlighted, DOM as without the extension', async () => {
  for (const { driver } of [ext, bare]) {
    await open(driver, 'tinymce.html');
    await driver.switchTo().frame(await driver.findElement(By.css('iframe')));
    await driver.findElement(By.css('body')).click();
    await driver.actions().sendKeys(DRAFT).perform();
    await driver.switchTo().defaultContent();
  }
  const { driver } = ext;
  await driver.switchTo().frame(await driver.findElement(By.css('iframe')));
  const marks = await until(() => markers(driver).then((m) => m.length > 0 && m), { message: 'a marker in the frame' });
  const words = await driver.executeScript(wordRects, SECRET);
  assert.ok(words.some((w) => intersects(w, marks[0].rect)), `marker ${JSON.stringify(marks[0].rect)} over ${JSON.stringify(words)}`);
  await driver.switchTo().defaultContent();
  assert.ok((await html(driver)).includes(SECRET));
  assert.equal(await html(driver), await html(bare.driver));
});

test('Firefox: a compose box that opens late is covered', async () => {
  const { driver } = ext;
  await open(driver, 'late.html');
  await driver.findElement(By.id('compose')).click();
  const body = await driver.wait(wdUntil.elementLocated(By.id('editor')), 10000);
  await body.click();
  await driver.actions().sendKeys(DRAFT).perform();
  await until(() => markers(driver).then((m) => m.length === 1), { message: 'a marker in the late body' });
});

test('Firefox: no request left the machine', async () => {
  assert.deepEqual(leaks(proxy.log), [], 'requests that reached the catch-all proxy');
  assert.ok(server.log.every((r) => r.path.startsWith('/fixtures/') || r.path === '/favicon.ico'), 'only the fixture pages were served');
});
