// The send guard, the options page and the managed policy in Firefox ESR
// (selenium-webdriver + geckodriver): on each adapter's fixture page a draft
// with a password is held at send and "Toch verzenden" hands the page's own
// handler exactly the draft; override modes; the own password; the consent
// import; policies.json "3rdparty" locking the options page; and nothing
// reaching the catch-all proxy (WebDriver BiDi misses the background script).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
import { launchFirefox, openExtensionPage } from '../lib/firefox.mjs';
import { leaks, startProxy } from '../lib/proxy.mjs';
import { FIREFOX_TEST, readMarkers, requireExtensionBuild, startFixtureServer, until } from '../lib/extension-harness.mjs';
import { CONTEXT_CASES, GUARD_DRAFT, SITE_PAGES, draftFocused, guardAct, guardReason, readGuard, readNotes, sentTexts } from '../lib/guard.mjs';
import { MANAGED, cannotWritePolicies, writeFirefoxPolicy } from '../lib/managed.mjs';

let server;
let proxy;
let ext;

before(async () => {
  requireExtensionBuild();
  server = await startFixtureServer();
  proxy = await startProxy();
  ext = await launchFirefox({ extension: FIREFOX_TEST, proxyPort: proxy.port });
});

after(async () => {
  await ext?.close();
  await proxy?.close();
  await server?.close();
});

async function openSite(driver, page) {
  await driver.get(`${server.url}/fixtures/${page}`);
  await until(() => driver.executeScript('return document.documentElement.dataset.ready === "true"'), { message: 'the fixture page' });
}

async function typeInto(driver, text) {
  await driver.findElement(By.css('[data-fixture-body]')).click();
  await driver.actions().sendKeys(text).perform();
}

const dialog = (driver, message = 'the send dialog') => until(() => driver.executeScript(readGuard), { message, timeout: 15000 });
const sent = (driver) => driver.executeScript(sentTexts);
const clickSend = (driver) => driver.findElement(By.css('[data-fixture-send]')).click();

/** Runs `fn(patch)` in the add-on's options page (extension privileges), then leaves it. */
async function inOptions(driver, script, arg) {
  await openExtensionPage(driver, 'options.html');
  await until(() => driver.executeScript('return document.body.dataset.ready === "true"'), { message: 'the options page' });
  return driver.executeAsyncScript(script, arg);
}
const setStorage = (driver, patch) => inOptions(driver, 'const done = arguments[arguments.length - 1]; browser.storage.local.set(arguments[0]).then(() => done(true));', patch);
const getStorage = (driver, keys) => inOptions(driver, 'const done = arguments[arguments.length - 1]; browser.storage.local.get(arguments[0]).then(done);', keys);

describe('Firefox: the send guard on every site adapter', () => {
  for (const site of SITE_PAGES) {
    test(`${site.id}: held at send; Escape keeps it; "Toch verzenden" sends exactly the draft`, { timeout: 60_000 }, async () => {
      const { driver } = ext;
      await openSite(driver, site.page);
      await typeInto(driver, GUARD_DRAFT);
      if (site.keys === 'mail') await driver.actions().keyDown(Key.CONTROL).sendKeys(Key.ENTER).keyUp(Key.CONTROL).perform();
      else if (site.keys === 'chat') await driver.actions().sendKeys(Key.ENTER).perform();
      else await clickSend(driver);
      let g = await dialog(driver);
      assert.equal(g.role, 'alertdialog');
      assert.equal(g.mode, 'reason');
      assert.ok(g.items.some((i) => i.category === 'password' && i.severity === 'block'), JSON.stringify(g.items));
      assert.equal(g.focused, 'adjust');
      assert.deepEqual(await sent(driver), []);
      await driver.actions().sendKeys(Key.ESCAPE).perform();
      await until(() => driver.executeScript(readGuard).then((x) => x === null), { message: 'the dialog closed' });
      assert.ok(await driver.executeScript(draftFocused), 'focus back in the draft');
      await clickSend(driver);
      g = await dialog(driver);
      await driver.executeScript(guardReason, 'Testaccount zonder gegevens');
      await driver.executeScript(guardAct, 'send');
      await until(() => sent(driver).then((s) => s.length === 1), { message: 'the page sent once' });
      assert.deepEqual(await sent(driver), [GUARD_DRAFT]);
    });
  }
});

test('Firefox: an editor in an iframe (TinyMCE) with the send button in the page around it is held at send', { timeout: 60_000 }, async () => {
  const { driver } = ext;
  await openSite(driver, 'site-smartschool-iframe.html');
  await driver.switchTo().frame(driver.findElement(By.css('iframe')));
  await driver.findElement(By.css('body')).click();
  await driver.actions().sendKeys(GUARD_DRAFT).perform();
  await driver.switchTo().defaultContent();
  await clickSend(driver);
  const g = await dialog(driver);
  assert.equal(g.mode, 'reason');
  assert.ok(g.items.some((i) => i.category === 'password' && i.severity === 'block'), JSON.stringify(g.items));
  assert.deepEqual(await sent(driver), []);
  await driver.executeScript(guardReason, 'Testaccount zonder gegevens');
  await driver.executeScript(guardAct, 'send');
  await until(() => sent(driver).then((s) => s.length === 1), { message: 'the page sent once' });
  assert.deepEqual(await sent(driver), [GUARD_DRAFT]);
});

test('Firefox: adapters pass recipients, account and media to the core', { timeout: 60_000 }, async () => {
  const { driver } = ext;
  for (const c of CONTEXT_CASES.filter((x) => x.rules.length)) {
    await openSite(driver, c.page);
    await typeInto(driver, c.text);
    await until(() => driver.executeScript(readNotes).then((n) => c.rules.every((r) => n.some((x) => x.rule === r))), { message: `${c.page}: ${c.rules}`, detail: () => driver.executeScript(readNotes) });
  }
});

describe('Firefox: override modes, own password, consent import', () => {
  after(() => setStorage(ext.driver, { schoolPolicy: {}, ownPassword: null, consentRegister: [] }));

  test('never holds without "Toch verzenden"; audit lets it through and counts', { timeout: 60_000 }, async () => {
    const { driver } = ext;
    await setStorage(driver, { schoolPolicy: { overrides: { password: 'never' } } });
    await openSite(driver, 'site-generic.html');
    await typeInto(driver, GUARD_DRAFT);
    await clickSend(driver);
    const g = await dialog(driver);
    assert.equal(g.mode, 'never');
    assert.equal(g.sendHidden, true);
    assert.deepEqual(await sent(driver), []);
    await setStorage(driver, { schoolPolicy: { overrides: { password: 'audit' } }, guardCounts: {} });
    await openSite(driver, 'site-generic.html');
    await typeInto(driver, GUARD_DRAFT);
    await until(() => driver.executeScript(readMarkers).then((m) => m.some((x) => x.category === 'password')), { message: 'the marker' });
    await clickSend(driver);
    await until(() => sent(driver).then((s) => s.length === 1), { message: 'sent without a dialog' });
    assert.equal(await driver.executeScript(readGuard), null);
    const { guardCounts } = await until(() => getStorage(driver, 'guardCounts').then((s) => s.guardCounts?.audit && s), { message: 'the audit count' });
    assert.equal(guardCounts.audit.password, 1);
  });

  test('own password: registered in the options page, flagged in a draft without a keyword', { timeout: 60_000 }, async () => {
    const { driver } = ext;
    const own = 'Tulpenveld#2931';
    await openExtensionPage(driver, 'options.html');
    await until(() => driver.executeScript('return document.body.dataset.ready === "true"'));
    await driver.findElement(By.id('pw')).sendKeys(own);
    await driver.findElement(By.css('#pw-form button[type="submit"]')).click();
    await until(() => driver.executeScript('return document.body.dataset.ownPassword === "registered"'), { message: 'registered' });
    const all = await getStorage(driver, null);
    assert.ok(!JSON.stringify(all).includes(own), 'the password is not stored');
    await openSite(driver, 'site-generic.html');
    await typeInto(driver, `Tot morgen op de studiedag (${own}).`);
    await until(() => driver.executeScript(readMarkers).then((m) => m.some((x) => x.rule === 'password.own' && x.severity === 'block')), { message: 'the own-password marker' });
  });

  test('consent import: a malformed row is named, nothing stored is lost', { timeout: 60_000 }, async () => {
    const { driver } = ext;
    const stored = [{ name: 'Emma Visser', consent: true, class: '4A' }];
    await setStorage(driver, { consentRegister: stored });
    await openExtensionPage(driver, 'options.html');
    await until(() => driver.executeScript('return document.body.dataset.ready === "true"'));
    await driver.findElement(By.id('consent-text')).sendKeys('naam;toestemming;klas\nLiam de Boer;ja;5B\nSara Peeters;misschien;5B\n');
    await driver.findElement(By.id('consent-preview')).click();
    const message = await until(() => driver.executeScript('return document.querySelector(\'#consent-result li[data-line="3"]\')?.textContent'), { message: 'the row error' });
    assert.match(message, /Regel 3.*misschien/);
    assert.equal(await driver.findElement(By.id('consent-import')).isEnabled(), false);
    assert.deepEqual((await getStorage(driver, 'consentRegister')).consentRegister, stored);
  });
});

describe('Firefox: a managed policy (policies.json "3rdparty")', () => {
  const skip = cannotWritePolicies();
  test('locks the options page and wins over the user', { timeout: 90_000, skip: skip ?? false }, async () => {
    const remove = writeFirefoxPolicy(MANAGED);
    let managed;
    try {
      managed = await launchFirefox({ extension: FIREFOX_TEST, proxyPort: proxy.port });
      const { driver } = managed;
      await openExtensionPage(driver, 'options.html');
      const locked = await until(
        () => driver.executeScript('return document.body.dataset.ready === "true" && Object.fromEntries([...document.querySelectorAll("[data-path]:disabled")].map((e) => [e.dataset.path, e.value]))'),
        { message: 'the options page with the managed policy' },
      );
      assert.equal(locked['school.name'], 'Basisschool De Klimop');
      assert.equal(locked['overrides.password'], 'never');
      assert.equal(locked.lang, 'en');
      assert.equal(await driver.executeScript('return document.getElementById("managed-note").hidden'), false);
      await openSite(driver, 'site-outlook.html');
      await typeInto(driver, GUARD_DRAFT);
      await clickSend(driver);
      const g = await dialog(driver);
      assert.equal(g.mode, 'never');
    } finally {
      await managed?.close();
      remove();
    }
  });
});

test('Firefox: nothing reached the catch-all proxy; only fixture pages were served', { timeout: 30_000 }, async () => {
  assert.deepEqual(leaks(proxy.log), [], 'requests that reached the catch-all proxy');
  assert.ok(server.log.every((r) => r.path.startsWith('/fixtures/') || r.path === '/favicon.ico'), 'only the fixture pages were served');
});
