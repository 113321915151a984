// The send guard, the site adapters, the options page and the managed
// policy in headless Chromium: on each adapter's fixture page a draft with a
// password is held at send and "Toch verzenden" hands the page's own send
// handler exactly the draft; the override modes; false positives; the own
// password; the consent import; a managed policy locking the options page;
// and no request leaving the machine, the options page included.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { externalRequests, launchChromium } from '../lib/chromium.mjs';
import { leaks, startProxy } from '../lib/proxy.mjs';
import { CHROME_TEST, REPO, SECRET, readMarkers, requireExtensionBuild, startFixtureServer, until } from '../lib/extension-harness.mjs';
import { CLEAN_DRAFT, CONTEXT_CASES, GUARD_DRAFT, SITE_PAGES, draftFocused, guardAct, guardReason, readGuard, readNotes, sentTexts } from '../lib/guard.mjs';
import { MANAGED, cannotWritePolicies, writeChromiumPolicy } from '../lib/managed.mjs';

const SCREENSHOT = path.join(REPO, 'docs/screenshots/send-dialog.png');

let server;
let proxy;
let ext;

before(async () => {
  requireExtensionBuild();
  server = await startFixtureServer();
  proxy = await startProxy();
  ext = await launchChromium({ extension: CHROME_TEST, proxyPort: proxy.port });
});

after(async () => {
  await ext?.close();
  await proxy?.close();
  await server?.close();
});

const storage = (keys) => ext.worker.evaluate((k) => chrome.storage.local.get(k), keys);
const setStorage = (patch) => ext.worker.evaluate((p) => chrome.storage.local.set(p), patch);
const removeStorage = (keys) => ext.worker.evaluate((k) => chrome.storage.local.remove(k), keys);

async function openSite(browser, page) {
  const p = await browser.context.newPage();
  await p.goto(`${server.url}/fixtures/${page}`);
  await p.waitForSelector('html[data-ready="true"]');
  return p;
}

async function typeInto(page, text) {
  await page.click('[data-fixture-body]');
  await page.keyboard.type(text);
}

const dialog = (page, message = 'the send dialog') => until(() => page.evaluate(readGuard), { message });
const sent = (page) => page.evaluate(sentTexts);

async function setPasswordMode(mode) {
  await setStorage({ schoolPolicy: { overrides: { password: mode } } });
}

describe('the send guard on every site adapter', () => {
  for (const site of SITE_PAGES) {
    test(`${site.id}: a password holds the send; Aanpassen keeps it; "Toch verzenden" sends exactly the draft`, { timeout: 60_000 }, async () => {
      const page = await openSite(ext, site.page);
      try {
        await typeInto(page, GUARD_DRAFT);
        await page.click('[data-fixture-send]');
        let g = await dialog(page);
        assert.equal(g.role, 'alertdialog');
        assert.equal(g.modal, 'true');
        assert.equal(g.mode, 'reason', 'the default policy asks a reason for a password');
        assert.ok(g.items.some((i) => i.category === 'password' && i.severity === 'block'), JSON.stringify(g.items));
        assert.equal(g.focused, 'adjust', '"Aanpassen" has the focus');
        assert.equal(g.sendDisabled, true, 'no reason typed yet');
        assert.deepEqual(await sent(page), [], 'the page sent nothing');
        if (site.id === 'gmail') {
          fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
          await page.screenshot({ path: SCREENSHOT });
        }
        // Tab stays in the dialog (focus trap); Escape is "Aanpassen".
        for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
        assert.equal((await page.evaluate(readGuard)).hostFocused, true, 'focus stays in the dialog');
        await page.keyboard.press('Escape');
        await until(() => page.evaluate(readGuard).then((x) => x === null), { message: 'the dialog closed' });
        assert.ok(await page.evaluate(draftFocused), 'focus is back in the draft');
        assert.deepEqual(await sent(page), []);
        // Again, by the site's shortcut where it has one.
        if (site.keys === 'mail') await page.keyboard.press('Control+Enter');
        else if (site.keys === 'chat') await page.keyboard.press('Enter');
        else await page.click('[data-fixture-send]');
        g = await dialog(page, 'the send dialog after the shortcut');
        assert.deepEqual(await sent(page), []);
        await page.evaluate(guardReason, 'Testaccount zonder gegevens');
        g = await page.evaluate(readGuard);
        assert.equal(g.sendDisabled, false);
        await page.evaluate(guardAct, 'send');
        await until(() => sent(page).then((s) => s.length === 1), { message: 'the page sent once' });
        assert.deepEqual(await sent(page), [GUARD_DRAFT], "the page's own handler got exactly the draft");
        assert.equal(await page.evaluate(readGuard), null);
      } finally {
        await page.close();
      }
    });
  }

  test('a clean draft goes straight through, the original event untouched', { timeout: 60_000 }, async () => {
    const page = await openSite(ext, 'site-whatsapp.html');
    try {
      await typeInto(page, CLEAN_DRAFT);
      await until(() => page.evaluate(readMarkers).then(() => true));
      await page.keyboard.press('Enter');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      assert.deepEqual(await sent(page), [CLEAN_DRAFT]);
      assert.equal(await page.evaluate(readGuard), null);
    } finally {
      await page.close();
    }
  });
});

describe('an editor in an iframe with the send button in the page around it (TinyMCE on a school platform)', () => {
  const typeInFrame = async (page, text) => {
    await page.frameLocator('iframe').locator('body').click();
    await page.keyboard.type(text);
  };

  test('a password holds the send; "Toch verzenden" sends exactly the draft', { timeout: 60_000 }, async () => {
    const page = await openSite(ext, 'site-smartschool-iframe.html');
    try {
      await typeInFrame(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      const g = await dialog(page);
      assert.equal(g.mode, 'reason');
      assert.ok(g.items.some((i) => i.category === 'password' && i.severity === 'block'), JSON.stringify(g.items));
      assert.deepEqual(await sent(page), [], 'the page sent nothing');
      await page.evaluate(guardReason, 'Testaccount zonder gegevens');
      await page.evaluate(guardAct, 'send');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'the page sent once' });
      assert.deepEqual(await sent(page), [GUARD_DRAFT], "the page's own handler got exactly the draft");
    } finally {
      await page.close();
    }
  });

  test('a clean draft in the iframe goes straight through', { timeout: 60_000 }, async () => {
    const page = await openSite(ext, 'site-smartschool-iframe.html');
    try {
      await typeInFrame(page, CLEAN_DRAFT);
      await page.click('[data-fixture-send]');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      assert.deepEqual(await sent(page), [CLEAN_DRAFT]);
      assert.equal(await page.evaluate(readGuard), null);
    } finally {
      await page.close();
    }
  });
});

describe('adapters pass their context to the core', () => {
  for (const c of CONTEXT_CASES) {
    test(`${c.page}: whole-message findings ${c.rules.join(', ') || '(none: no context)'}`, { timeout: 60_000 }, async () => {
      const page = await openSite(ext, c.page);
      try {
        await typeInto(page, c.text);
        if (c.rules.length) {
          const notes = await until(() => page.evaluate(readNotes).then((n) => c.rules.every((r) => n.some((x) => x.rule === r)) && n), {
            message: `notes ${c.rules}`,
            detail: () => page.evaluate(readNotes),
          });
          assert.ok(notes.every((n) => n.category && n.severity));
        } else {
          await page.waitForTimeout(800);
          assert.deepEqual(await page.evaluate(readNotes), []);
        }
      } finally {
        await page.close();
      }
    });
  }
});

describe('override modes from the policy', () => {
  before(() => removeStorage(['guardCounts']));
  after(() => removeStorage(['schoolPolicy', 'guardCounts']));

  test('never: no "Toch verzenden", no "geen probleem"', { timeout: 60_000 }, async () => {
    await setPasswordMode('never');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      const g = await dialog(page);
      assert.equal(g.mode, 'never');
      assert.equal(g.sendHidden, true);
      assert.equal(await page.locator('kladwacht-overlay .guard [data-action="false-positive"]').count(), 0);
      await page.keyboard.press('Escape');
      assert.deepEqual(await sent(page), []);
    } finally {
      await page.close();
    }
  });

  test('tick: "Toch verzenden" only after the tick; counted locally', { timeout: 60_000 }, async () => {
    await setPasswordMode('tick');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      let g = await dialog(page);
      assert.equal(g.mode, 'tick');
      assert.equal(g.sendDisabled, true);
      await page.evaluate(guardAct, 'tick');
      g = await page.evaluate(readGuard);
      assert.equal(g.sendDisabled, false);
      await page.evaluate(guardAct, 'send');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      assert.deepEqual(await sent(page), [GUARD_DRAFT]);
      const { guardCounts } = await storage('guardCounts');
      assert.equal(guardCounts.override.password, 1);
    } finally {
      await page.close();
    }
  });

  test('warn: a confirm only', { timeout: 60_000 }, async () => {
    await setPasswordMode('warn');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      const g = await dialog(page);
      assert.equal(g.mode, 'warn');
      assert.equal(g.sendDisabled, false);
      await page.evaluate(guardAct, 'send');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      assert.deepEqual(await sent(page), [GUARD_DRAFT]);
    } finally {
      await page.close();
    }
  });

  test('audit: no dialog, the send goes through and is counted (a number, no text)', { timeout: 60_000 }, async () => {
    await setPasswordMode('audit');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, GUARD_DRAFT);
      await until(() => page.evaluate(readMarkers).then((m) => m.some((x) => x.category === 'password')), { message: 'the password marker' });
      await page.click('[data-fixture-send]');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      assert.deepEqual(await sent(page), [GUARD_DRAFT]);
      assert.equal(await page.evaluate(readGuard), null);
      const { guardCounts } = await until(() => storage('guardCounts').then((s) => s.guardCounts?.audit && s));
      assert.equal(guardCounts.audit.password, 1);
    } finally {
      await page.close();
    }
  });

  test('"Dit is geen probleem": kept as a hash, counted in the popup, quiet from then on', { timeout: 60_000 }, async () => {
    await setPasswordMode('reason');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      await dialog(page);
      await page.evaluate(guardAct, 'false-positive');
      const g = await until(() => page.evaluate(readGuard).then((x) => x?.mode === 'clear' && x), { message: 'nothing left' });
      assert.equal(g.sendDisabled, false);
      await page.evaluate(guardAct, 'send');
      await until(() => sent(page).then((s) => s.length === 1), { message: 'sent' });
      const all = await storage(null);
      assert.equal(all.guardCounts.falsePositive, 1);
      assert.equal(Object.keys(all.falsePositives).length, 1);
      assert.ok(!JSON.stringify(all).includes(SECRET), 'the finding text is not stored');
      assert.ok(!JSON.stringify(all).includes('klas-iPad'), 'nothing of the draft is stored');
      const popup = await ext.context.newPage();
      await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
      await popup.waitForSelector('body[data-ready="true"]');
      assert.equal(await popup.locator('#false-positives').getAttribute('data-count'), '1');
      await popup.close();
      // The same finding elsewhere stays quiet, and the send goes straight through.
      const again = await openSite(ext, 'site-generic.html');
      await typeInto(again, GUARD_DRAFT);
      await again.waitForTimeout(800);
      assert.deepEqual((await again.evaluate(readMarkers)).filter((m) => m.category === 'password'), []);
      await again.click('[data-fixture-send]');
      await until(() => sent(again).then((s) => s.length === 1), { message: 'sent without a dialog' });
      await again.close();
    } finally {
      await page.close();
      await removeStorage(['falsePositives', 'fpSalt']);
    }
  });
});

describe('the options page', () => {
  test('own password: only a salted hash is kept; it is flagged in a draft without any keyword', { timeout: 60_000 }, async () => {
    const own = 'Tulpenveld#2931';
    const opts = await ext.context.newPage();
    await opts.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await opts.waitForSelector('body[data-ready="true"]');
    await opts.fill('#pw', own);
    await opts.click('#pw-form button[type="submit"]');
    await until(() => opts.evaluate(() => document.body.dataset.ownPassword === 'registered'), { message: 'registered' });
    const all = await storage(null);
    assert.ok(!JSON.stringify(all).includes(own), 'the password is not stored');
    assert.deepEqual(Object.keys(all.ownPassword).sort(), ['hash', 'length', 'salt']);
    assert.equal(all.ownPassword.length, own.length);
    assert.equal(await opts.inputValue('#pw'), '', 'the field is emptied');
    const page = await openSite(ext, 'site-generic.html');
    try {
      await typeInto(page, `Tot morgen op de studiedag (${own}).`);
      const marks = await until(() => page.evaluate(readMarkers).then((m) => m.some((x) => x.rule === 'password.own') && m), { message: 'the own-password marker' });
      assert.equal(marks.find((m) => m.rule === 'password.own').severity, 'block');
    } finally {
      await page.close();
      await opts.close();
      await removeStorage('ownPassword');
    }
  });

  test('consent import: a malformed row gets a clear message, and what is stored stays', { timeout: 60_000 }, async () => {
    const stored = [
      { name: 'Emma Visser', consent: true, class: '4A' },
      { name: 'Noah Jansen', consent: false },
    ];
    await setStorage({ consentRegister: stored });
    const opts = await ext.context.newPage();
    try {
      await opts.goto(`chrome-extension://${ext.extensionId}/options.html`);
      await opts.waitForSelector('body[data-ready="true"]');
      assert.equal(await opts.locator('#consent-stored').getAttribute('data-count'), '2');
      await opts.fill('#consent-text', 'naam;toestemming;klas\nLiam de Boer;ja;5B\nSara Peeters;misschien;5B\nMila;nee;3A\n');
      await opts.click('#consent-preview');
      const error = opts.locator('#consent-result li[data-line="3"]');
      await error.waitFor();
      const message = await error.textContent();
      assert.match(message, /Regel 3/);
      assert.match(message, /misschien/);
      assert.ok(await opts.locator('#consent-import').isDisabled(), 'a file with errors cannot be imported');
      assert.deepEqual((await storage('consentRegister')).consentRegister, stored, 'the stored register is untouched');
      // Fixed, it imports and replaces the register.
      await opts.fill('#consent-text', 'naam;toestemming;klas\nLiam de Boer;ja;5B\nSara Peeters;nee;5B\n');
      await opts.click('#consent-preview');
      await opts.click('#consent-import');
      await until(() => opts.locator('#consent-stored').getAttribute('data-count').then((c) => c === '2'));
      assert.deepEqual((await storage('consentRegister')).consentRegister, [
        { name: 'Liam de Boer', consent: true, class: '5B' },
        { name: 'Sara Peeters', consent: false, class: '5B' },
      ]);
    } finally {
      await opts.close();
      await removeStorage('consentRegister');
    }
  });

  test('the school policy saved in the options page reaches the guard', { timeout: 60_000 }, async () => {
    const opts = await ext.context.newPage();
    try {
      await opts.goto(`chrome-extension://${ext.extensionId}/options.html`);
      await opts.waitForSelector('body[data-ready="true"]');
      await opts.fill('[data-path="privacy_contact.email"]', 'privacy@deklimop.nl');
      await opts.selectOption('[data-path="overrides.password"]', 'tick');
      await opts.click('#school-form button[type="submit"]');
      await until(() => storage('schoolPolicy').then((s) => s.schoolPolicy?.overrides?.password === 'tick'), { message: 'saved' });
      const page = await openSite(ext, 'site-generic.html');
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      const g = await dialog(page);
      assert.equal(g.mode, 'tick');
      assert.match(await page.locator('kladwacht-overlay .guard .contact').textContent(), /privacy@deklimop\.nl/);
      await page.close();
    } finally {
      await opts.close();
      await removeStorage('schoolPolicy');
    }
  });
});

describe('a managed policy (IT)', () => {
  const skip = cannotWritePolicies();
  test('locks the options page and wins over the user', { timeout: 90_000, skip: skip ?? false }, async () => {
    const remove = writeChromiumPolicy(MANAGED);
    let managed;
    try {
      managed = await launchChromium({ extension: CHROME_TEST, proxyPort: proxy.port });
      await until(() => managed.worker.evaluate(() => chrome.storage.managed.get(null)).then((m) => m.lang === 'en'), { message: 'the policy in storage.managed' });
      // The user had chosen otherwise; the managed values win.
      await managed.worker.evaluate(() => chrome.storage.local.set({ schoolPolicy: { school: { name: 'Mijn naam' }, overrides: { password: 'warn' } }, lang: 'nl' }));
      const opts = await managed.context.newPage();
      await opts.goto(`chrome-extension://${managed.extensionId}/options.html`);
      await opts.waitForSelector('body[data-ready="true"]');
      const locked = await opts.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-path]:disabled')].map((e) => [e.dataset.path, e.value])));
      assert.equal(locked['school.name'], 'Basisschool De Klimop');
      assert.equal(locked['overrides.password'], 'never');
      assert.equal(locked.lang, 'en');
      assert.equal(await opts.locator('[data-path="school.platform"]').isDisabled(), false, 'what IT left open stays editable');
      assert.equal(await opts.locator('#managed-note').isVisible(), true);
      assert.equal(await opts.locator('.locked[data-for="school.name"]').count(), 1);
      assert.equal(await opts.locator('html').getAttribute('lang'), 'en');
      const page = await openSite(managed, 'site-gmail.html');
      await typeInto(page, GUARD_DRAFT);
      await page.click('[data-fixture-send]');
      const g = await dialog(page);
      assert.equal(g.mode, 'never');
      assert.match(await page.locator('kladwacht-overlay .guard .contact').textContent(), /privacy@deklimop\.nl/);
      assert.deepEqual(externalRequests(managed.requests), []);
    } finally {
      await managed?.close();
      remove();
    }
  });
});

test('no request left the machine: fixture pages, the worker, the popup and the options page', { timeout: 30_000 }, async () => {
  assert.ok(ext.requests.some((r) => r.url.endsWith('/options.html')), 'the options page was recorded');
  assert.deepEqual(externalRequests(ext.requests), [], 'requests recorded by the browser');
  assert.deepEqual(leaks(proxy.log), [], 'requests that reached the catch-all proxy');
  assert.ok(server.log.every((r) => r.path.startsWith('/fixtures/') || r.path === '/favicon.ico'), 'only the fixture pages were served');
});
