// The extension in headless Chromium, on local pages built from the real
// editor libraries: highlights over the right words, the editor's DOM exactly
// as without the extension, one-click fix + undo, late compose boxes, fields
// left alone, the popup, and no request leaving the machine.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { externalRequests, launchChromium } from '../lib/chromium.mjs';
import { leaks, startProxy } from '../lib/proxy.mjs';
import {
  ARTIFACTS,
  CHROME_TEST,
  REPO,
  DRAFT,
  EDITORS,
  SECRET,
  intersects,
  pointInFieldWord,
  highlightHolds,
  readMarkers,
  requireExtensionBuild,
  startFixtureServer,
  until,
  wordRects,
} from '../lib/extension-harness.mjs';

/** The README's screenshot of a highlighted draft (rewritten by every run). */
const HIGHLIGHT_SCREENSHOT = path.join(REPO, 'docs/screenshots/highlighted-draft.png');

// Every test has a timeout: a browser that stops answering must fail the run, not hang it.
let server;
let proxy;
let ext; // Chromium with the extension
let bare; // Chromium without it, for the DOM comparison

before(async () => {
  requireExtensionBuild();
  server = await startFixtureServer();
  proxy = await startProxy();
  [ext, bare] = await Promise.all([launchChromium({ extension: CHROME_TEST, proxyPort: proxy.port }), launchChromium({ proxyPort: proxy.port })]);
});

after(async () => {
  await ext?.close();
  await bare?.close();
  await proxy?.close();
  await server?.close();
});

/** Opens an editor page; returns { page, frame } where `frame` holds the field. */
async function open(browser, page, editor) {
  const p = await browser.context.newPage();
  await p.goto(`${server.url}/fixtures/${page}`);
  await p.waitForSelector('html[data-ready="true"]');
  let frame = p.mainFrame();
  if (editor?.frame) {
    const handle = await p.evaluateHandle(() => window.kwFixture.frame());
    frame = await handle.asElement().contentFrame();
  }
  return { page: p, frame };
}

async function typeDraft({ page, frame }, text = DRAFT) {
  const root = await frame.evaluateHandle(() => (window.kwFixture ?? window.parent.kwFixture).root());
  await root.asElement().click();
  await page.keyboard.type(text);
}

const markersOf = (frame, category = 'password') =>
  frame.evaluate(readMarkers).then((ms) => ms.filter((m) => m.category === category));

/** The marker's centre in the top page's coordinates (the frame's offset added). */
async function pageCentre(page, frame, rect) {
  let dx = 0;
  let dy = 0;
  if (frame !== page.mainFrame()) {
    const box = await (await frame.frameElement()).boundingBox();
    dx = box.x;
    dy = box.y;
  }
  return { x: dx + (rect.left + rect.right) / 2, y: dy + (rect.top + rect.bottom) / 2 };
}

const modelText = (frame) => frame.evaluate(() => (window.kwFixture ?? window.parent.kwFixture).modelText());

describe('every editor', () => {
  for (const editor of EDITORS) {
    describe(editor.name, () => {
      let withExt;
      let without;
      after(async () => {
        await withExt?.page.close();
        await without?.page.close();
      });

      test('typing a draft highlights the password over the typed word', { timeout: 120_000 }, async () => {
        withExt = await open(ext, editor.page, editor);
        await typeDraft(withExt);
        // Markers can show mid-typing (a scan runs at least every 600 ms): wait for the whole word.
        const covers = async (m) => {
          if (m.length !== 1) return false;
          if (editor.kind === 'editable') return withExt.frame.evaluate(highlightHolds, ['kladwacht-block', SECRET]);
          const { left, right, top, bottom } = m[0].rect;
          const y = (top + bottom) / 2;
          const [a, b] = await Promise.all([left + 2, right - 2].map((x) => withExt.frame.evaluate(pointInFieldWord, [x, y, SECRET])));
          return a.inside && b.inside;
        };
        const marks = await until(() => markersOf(withExt.frame).then(async (m) => (await covers(m)) && m), {
          message: 'one password marker over the whole word',
          detail: () => markersOf(withExt.frame),
        });
        assert.equal(marks[0].severity, 'block');
        if (editor.kind === 'editable') {
          const words = await withExt.frame.evaluate(wordRects, SECRET);
          assert.ok(words.length > 0, 'the typed word is in the editor');
          assert.ok(
            words.some((w) => intersects(w, marks[0].rect)),
            `marker ${JSON.stringify(marks[0].rect)} over word ${JSON.stringify(words)}`,
          );
        } else {
          const r = marks[0].rect;
          const probe = await withExt.frame.evaluate(pointInFieldWord, [(r.left + r.right) / 2, (r.top + r.bottom) / 2, SECRET]);
          assert.ok(probe.inside, `the browser puts the marker's centre inside the word: ${JSON.stringify(probe)}`);
        }
      });

      test("the editor's DOM and model are exactly what they are without the extension", { timeout: 120_000 }, async () => {
        without = await open(bare, editor.page, editor);
        await typeDraft(without);
        const [a, b] = await Promise.all([withExt.frame.evaluate(() => (window.kwFixture ?? window.parent.kwFixture).html()), without.frame.evaluate(() => (window.kwFixture ?? window.parent.kwFixture).html())]);
        assert.ok(a.includes(SECRET), 'the draft was typed');
        assert.equal(a, b);
        assert.equal(await modelText(withExt.frame), await modelText(without.frame));
        // Nothing of Kladwacht inside the field.
        assert.equal(await withExt.frame.evaluate(() => (window.kwFixture ?? window.parent.kwFixture).root().querySelector?.('kladwacht-overlay') ?? null), null);
      });

      test('one-click fix masks the password through the editor, and undo brings it back', { timeout: 120_000 }, async () => {
        const { page, frame } = withExt;
        const [mark] = await markersOf(frame);
        const { x, y } = await pageCentre(page, frame, mark.rect);
        await page.mouse.move(x - 3, y);
        await page.mouse.move(x, y);
        const fix = frame.locator('kladwacht-overlay .card button[data-action="fix"]');
        await fix.waitFor({ state: 'visible', timeout: 10000 });
        await fix.click();
        await until(async () => {
          const t = await modelText(frame);
          return !t.includes(SECRET) && t.includes('••••••••');
        }, { message: 'the editor model to hold the masked password', detail: () => modelText(frame) });
        await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'the marker to go' });
        await page.keyboard.press('Control+z');
        await until(async () => {
          const t = await modelText(frame);
          return t.includes(SECRET) && !t.includes('••••');
        }, { message: 'undo to restore the password', detail: () => modelText(frame) });
        await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'the marker to return after undo' });
      });
    });
  }
});

describe('fields', () => {
  test('a compose box that opens late (no page load) is covered: text input, editable body and textarea', { timeout: 120_000 }, async () => {
    const { page } = await open(ext, 'late.html');
    await page.click('#compose');
    await page.waitForSelector('#editor');
    await page.click('#editor');
    await page.keyboard.type(DRAFT);
    await until(() => markersOf(page.mainFrame()).then((m) => m.length === 1), { message: 'a marker in the late body' });
    await page.click('#notes');
    await page.keyboard.type('wachtwoord: Zonnebloem7!');
    await page.click('#subject');
    await page.keyboard.type('wachtwoord: Zonnebloem7!');
    await until(() => markersOf(page.mainFrame()).then((m) => m.length === 3), { message: 'markers in body, notes and subject' });
    await page.close();
  });

  test('passwords, credential fields and search boxes are left alone', { timeout: 120_000 }, async () => {
    const { page } = await open(ext, 'textarea.html');
    for (const sel of ['#search', '#username', '#password']) {
      await page.click(sel);
      await page.keyboard.type('wachtwoord: Zonnebloem7!');
    }
    await page.click('#editor');
    await page.keyboard.type('wachtwoord: Zonnebloem7!');
    const marks = await until(() => markersOf(page.mainFrame()).then((m) => m.length > 0 && m), { message: 'the message marker' });
    assert.equal(marks.length, 1, 'only the message box is checked');
    const box = await page.locator('#editor').boundingBox();
    assert.ok(intersects(marks[0].rect, { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height }));
    await page.close();
  });
});

describe('markers follow the text', () => {
  for (const page of ['contenteditable.html', 'textarea.html']) {
    test(`${page}: after re-wrapping (narrower field) and scrolling, markers stay on the word`, { timeout: 120_000 }, async () => {
      const ctx = await open(ext, page);
      await typeDraft(ctx);
      await until(() => markersOf(ctx.frame).then((m) => m.length === 1), { message: 'a marker' });
      const onWord = async () => {
        const [mark] = await markersOf(ctx.frame);
        if (!mark) return false;
        if (page === 'textarea.html') {
          const r = mark.rect;
          return (await ctx.frame.evaluate(pointInFieldWord, [(r.left + r.right) / 2, (r.top + r.bottom) / 2, SECRET])).inside;
        }
        const words = await ctx.frame.evaluate(wordRects, SECRET);
        return words.some((w) => intersects(w, mark.rect));
      };
      const before = (await markersOf(ctx.frame))[0].rect;
      // Narrow the field so the password wraps onto another line.
      await ctx.page.evaluate(() => {
        window.kwFixture.root().style.width = '170px';
      });
      await until(async () => (await onWord()) && (await markersOf(ctx.frame))[0].rect.top !== before.top, { message: 'the marker on the re-wrapped word' });
      // Scroll the page: the marker moves with the word.
      await ctx.page.evaluate(() => {
        document.body.style.paddingBottom = '3000px';
        window.scrollTo(0, 60);
      });
      await until(onWord, { message: 'the marker on the word after scrolling' });
      await ctx.page.close();
    });
  }
});

test('without the Highlight API (drawMode overlay) the overlay draws the underline over the word itself', { timeout: 120_000 }, async () => {
  await ext.worker.evaluate(() => chrome.storage.local.set({ drawMode: 'overlay' }));
  try {
    const ctx = await open(ext, 'prosemirror.html');
    await typeDraft(ctx);
    const [mark] = await until(() => markersOf(ctx.frame).then((m) => m.length === 1 && m), { message: 'a marker' });
    const drawn = await ctx.frame.evaluate(() => {
      const root = document.querySelector('kladwacht-overlay').shadowRoot;
      const seg = root.querySelector('.clip.draw .mark .seg');
      return { seg: Boolean(seg), border: seg && getComputedStyle(seg).borderBottomWidth, registered: CSS.highlights.has('kladwacht-block') };
    });
    assert.deepEqual(drawn, { seg: true, border: '2px', registered: false });
    const words = await ctx.frame.evaluate(wordRects, SECRET);
    assert.ok(words.some((w) => intersects(w, mark.rect)));
    await ctx.page.close();
  } finally {
    await ext.worker.evaluate(() => chrome.storage.local.remove('drawMode'));
  }
});

describe('a child named in a post (waits on the minors detector)', () => {
  test('Lexical: the name becomes initials in one click, undo brings it back', { timeout: 120_000 }, async () => {
    const ctx = await open(ext, 'lexical.html');
    const text = 'Emma (groep 6) is opgenomen in het ziekenhuis.';
    await typeDraft(ctx, text);
    const [mark] = await until(() => markersOf(ctx.frame, 'minor').then((m) => m.length > 0 && m), { message: 'a minor marker' });
    const words = await ctx.frame.evaluate(wordRects, 'Emma');
    assert.ok(words.some((w) => intersects(w, mark.rect)));
    const { x, y } = await pageCentre(ctx.page, ctx.frame, mark.rect);
    await ctx.page.mouse.move(x - 2, y);
    await ctx.page.mouse.move(x, y);
    const fix = ctx.frame.locator('kladwacht-overlay .card[data-category="minor"] button[data-action="fix"]');
    await fix.waitFor({ state: 'visible' });
    await fix.click();
    await until(() => modelText(ctx.frame).then((t) => t.startsWith('E. (groep 6)')), { message: 'initials in the editor model' });
    await ctx.page.keyboard.press('Control+z');
    await until(() => modelText(ctx.frame).then((t) => t.startsWith('Emma (groep 6)')), { message: 'undo to restore the name' });
    await ctx.page.close();
  });
});

describe('card, popup and switches', () => {
  let page;
  let frame;
  before(async () => {
    ({ page, frame } = await open(ext, 'contenteditable.html'));
    await typeDraft({ page, frame });
    await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'a marker' });
  });
  after(() => page?.close());

  test('hovering shows the card in Dutch: what, why, what instead, the buttons; screenshot', { timeout: 120_000 }, async () => {
    const [mark] = await markersOf(frame);
    const { x, y } = await pageCentre(page, frame, mark.rect);
    await page.mouse.move(x, y);
    const card = page.locator('kladwacht-overlay .card');
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.getAttribute('data-category'), 'password');
    assert.equal(await card.getAttribute('role'), 'dialog');
    for (const part of ['.what', '.why', '.instead', 'button[data-action="ignore"]', 'button[data-action="fix"]']) {
      assert.ok((await card.locator(part).textContent()).trim().length > 0, `${part} has text`);
    }
    assert.equal((await card.locator('.badge').textContent()).trim(), 'Niet versturen');
    assert.equal((await card.locator('button[data-action="ignore"]').textContent()).trim(), 'Negeer hier');
    assert.match(await card.locator('.why').textContent(), /wachtwoord/i);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-highlight.png') });
    // The README shows this one: a highlighted draft with its card, as the suite saw it.
    fs.mkdirSync(path.dirname(HIGHLIGHT_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: HIGHLIGHT_SCREENSHOT, clip: { x: 0, y: 0, width: 720, height: 600 } });
    // Moving away closes it.
    await page.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });
  });

  test('Alt+Shift+K opens the card from the keyboard; Escape returns to the draft', { timeout: 120_000 }, async () => {
    await page.keyboard.press('Alt+Shift+K');
    const card = page.locator('kladwacht-overlay .card');
    await card.waitFor({ state: 'visible' });
    const focused = await page.evaluate(() => document.querySelector('kladwacht-overlay').shadowRoot.activeElement?.dataset.action);
    assert.equal(focused, 'fix');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor');
  });

  test('the popup shows the count; pause and site switch silence the page and bring it back', { timeout: 120_000 }, async () => {
    const tabId = await ext.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
    assert.ok(tabId, 'the test tab is known to the extension');
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('body[data-ready="true"]');
    await until(() => popup.locator('#draft').getAttribute('data-count').then((c) => c === '1'), { message: 'count 1 in the popup' });
    assert.equal(await popup.locator('#site').getAttribute('data-state'), 'on');

    await popup.click('#pause');
    await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'markers gone while paused' });
    assert.equal(await popup.locator('#site').getAttribute('data-state'), 'paused');
    await popup.click('#pause');
    await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'markers back after resuming' });

    await popup.uncheck('#site-toggle');
    await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'markers gone with the site off' });
    assert.equal(await popup.locator('#site').getAttribute('data-state'), 'off');
    await popup.check('#site-toggle');
    await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'markers back with the site on' });
    await popup.close();
  });

  test('English from the popup: the card follows; back to Dutch', { timeout: 120_000 }, async () => {
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.waitForSelector('body[data-ready="true"]');
    assert.equal(await popup.locator('#pause').textContent(), 'Pauzeer een uur');
    await popup.click('#lang');
    await until(() => popup.locator('#pause').textContent().then((t) => t === 'Pause for an hour'), { message: 'the popup in English' });
    const card = page.locator('kladwacht-overlay .card');
    const [mark] = await until(() => markersOf(frame).then((m) => m.length === 1 && m), { message: 'the marker after the switch' });
    const { x, y } = await pageCentre(page, frame, mark.rect);
    await page.mouse.move(x - 2, y);
    await page.mouse.move(x, y);
    await card.waitFor({ state: 'visible' });
    assert.equal((await card.locator('.badge').textContent()).trim(), 'Do not send');
    await page.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });
    await popup.click('#lang');
    await until(() => popup.locator('#pause').textContent().then((t) => t === 'Pauzeer een uur'), { message: 'the popup in Dutch' });
    await popup.close();
  });

  test('clicking the word opens the card too; "negeer hier" hides that finding in this draft only', { timeout: 120_000 }, async () => {
    const [mark] = await markersOf(frame);
    const { x, y } = await pageCentre(page, frame, mark.rect);
    await page.mouse.click(x, y);
    await page.locator('kladwacht-overlay .card button[data-action="ignore"]').click();
    await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'the marker to go' });
    // Still there in another draft.
    const other = await open(ext, 'contenteditable.html');
    await typeDraft(other);
    await until(() => markersOf(other.frame).then((m) => m.length === 1), { message: 'a marker in a fresh draft' });
    await other.page.close();
  });
});

test('another site: off until switched on in the popup, then checked (also after a reload), and off again', { timeout: 120_000 }, async () => {
  // 127.0.0.2 stands in for any site that is not built in (see TEST_OPT_IN_PATTERNS).
  const other = await startFixtureServer({ host: '127.0.0.2' });
  try {
    const page = await ext.context.newPage();
    const frame = page.mainFrame();
    await page.goto(`${other.url}/fixtures/textarea.html`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.querySelector('kladwacht-overlay')), null, 'not active before');
    const tabId = await ext.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('body[data-ready="true"]');
    assert.equal(await popup.locator('#site').getAttribute('data-state'), 'off');
    assert.equal(await popup.isChecked('#site-toggle'), false);
    await popup.check('#site-toggle');
    await until(() => popup.locator('#site').getAttribute('data-state').then((s) => s === 'on'), { message: 'the popup to say on' });
    const registered = await ext.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered.map((r) => r.matches).flat(), ['http://127.0.0.2/*']);
    // Injected into the open tab without a reload.
    await page.click('#editor');
    await page.keyboard.type('wachtwoord: Zonnebloem7!');
    await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'a marker on the switched-on site' });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.click('#editor');
    await page.keyboard.type('wachtwoord: Zonnebloem7!');
    await until(() => markersOf(frame).then((m) => m.length === 1), { message: 'a marker after a reload' });
    await popup.uncheck('#site-toggle');
    await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'markers gone with the site off' });
    assert.deepEqual(await ext.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
    await popup.close();
    await page.close();
  } finally {
    await other.close();
  }
});

test('"niet in dit veld" switches a field off, and it stays off after a reload', { timeout: 120_000 }, async () => {
  const { page } = await open(ext, 'late.html');
  const frame = page.mainFrame();
  await page.click('#compose');
  await page.click('#notes');
  await page.keyboard.type('wachtwoord: Zonnebloem7!');
  const [mark] = await until(() => markersOf(frame).then((m) => m.length === 1 && m), { message: 'a marker in the notes' });
  const { x, y } = await pageCentre(page, frame, mark.rect);
  await page.mouse.move(x - 2, y);
  await page.mouse.move(x, y);
  await page.locator('kladwacht-overlay .card button[data-action="field-off"]').click();
  await until(() => markersOf(frame).then((m) => m.length === 0), { message: 'the field switched off' });
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('#compose');
  await page.click('#notes');
  await page.keyboard.type('wachtwoord: Zonnebloem7!');
  await page.click('#editor');
  await page.keyboard.type('wachtwoord: Zonnebloem7!');
  // The body is checked, the notes field is not.
  const marks = await until(() => markersOf(frame).then((m) => m.length > 0 && m), { message: 'a marker in the body' });
  const notes = await page.locator('#notes').boundingBox();
  assert.equal(marks.length, 1);
  assert.ok(!intersects(marks[0].rect, { left: notes.x, top: notes.y, right: notes.x + notes.width, bottom: notes.y + notes.height }));
  await ext.worker.evaluate(() => chrome.storage.local.remove('fieldsOff'));
  await page.close();
});

test('no request left the machine: pages, content scripts, the worker and the popup', { timeout: 120_000 }, async () => {
  const outside = externalRequests(ext.requests);
  assert.deepEqual(outside, [], 'requests recorded by the browser');
  assert.deepEqual(leaks(proxy.log), [], 'requests that reached the catch-all proxy');
  const workerRequests = ext.requests.filter((r) => r.fromWorker);
  assert.ok(workerRequests.every((r) => r.url.startsWith(`chrome-extension://${ext.extensionId}/`)), JSON.stringify(workerRequests));
  assert.ok(server.log.every((r) => r.path.startsWith('/fixtures/') || r.path === '/favicon.ico'), 'only the fixture pages were served');
  assert.ok(ext.requests.every((r) => !/^https?:/.test(r.url) || /^http:\/\/127\.0\.0\.[12]:/.test(r.url)), 'http(s) only to the local test servers');
});
