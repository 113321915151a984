// The demo page and the embeddable checker in real headless Chromium:
// highlights over the typed words (textarea mirror, Custom Highlight API,
// overlay fallback), cards that name the rule, the channel switch, the send
// preview, keyboard use, the English toggle, one training scenario, the embed
// example, 320 px, contrast — and every request recorded: nothing may go
// anywhere but the local test server.
//
// Needs `make wasm` (web-demo/pkg/). Findings come from the real detectors.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { startProxy, leaks } from '../lib/proxy.mjs';
import { launchChromium, externalRequests } from '../lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WEB = path.join(ROOT, 'web-demo');
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const SECRET = 'Zonnebloem7!';
const PASSWORD_DRAFT = `Beste collega,\nHet wachtwoord: ${SECRET} voor de klas-iPad.\nGroet, Anja`;
// A private person's IBAN (the ISO 13616 example number): `identifier`, whose
// severity differs per channel in the default policy.
const IBAN = 'NL91 ABNA 0417 1643 00';
const IBAN_DRAFT = `Stort het geld voor de schoolreis terug op rekening ${IBAN} van meneer Jansen.`;

// A school's own policy, served next to the page (what `policy="…"` loads).
const POLICY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kladwacht-demo-policy-'));
const SCHOOL_POLICY = { school: { name: 'Basisschool De Klimop', platform: 'Smartschool' }, severity: { identifier: { email: 'block' } } };

let server;
let proxy;
let browser;
const problems = []; // console errors, page errors and CSP violations, from every page

async function open(url, { width = 1100, height = 900 } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  page.on('console', (m) => m.type() === 'error' && problems.push(`${url}: console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
  await page.goto(`${server.url}/${url}`);
  return page;
}

/** Waits until the checker `sel` has loaded the wasm core. */
async function ready(page, sel) {
  await page.locator(`${sel}[ready]`).waitFor({ state: 'attached' });
}

/** Replaces the draft of the checker `sel` by typing `text` (real key events). */
async function typeDraft(page, sel, text) {
  const field = page.locator(`${sel} textarea:visible, ${sel} .rich:visible`).first();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

function card(page, sel, category) {
  return page.locator(`${sel} .card[data-category="${category}"]`);
}

/** Two lists of rects describe the same boxes (within 1 px). */
function assertSameRects(actual, expected, what) {
  assert.ok(expected.length > 0, `${what}: no reference rects`);
  assert.equal(actual.length, expected.length, `${what}: ${JSON.stringify({ actual, expected })}`);
  actual.forEach((a, i) => {
    const e = expected[i];
    for (const k of ['left', 'top', 'width', 'height']) {
      assert.ok(Math.abs(a[k] - e[k]) <= 1, `${what}: ${k} ${a[k]} vs ${e[k]} (${JSON.stringify({ a, e })})`);
    }
  });
}

// In-page helpers, passed as strings to `evaluate` so they run in the page.
const PAGE_HELPERS = `
  window.__rects = (list) => [...list].filter((r) => r.width > 0.5).map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
  // A Range over the first occurrence of needle in root's text nodes (test-side, independent of the page's code).
  window.__findRange = (root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
    const at = text.indexOf(needle);
    if (at < 0) return null;
    const point = (off, end) => {
      for (const [n, s] of nodes) if (end ? off > s && off <= s + n.data.length : off >= s && off < s + n.data.length) return [n, off - s];
    };
    const r = document.createRange();
    r.setStart(...point(at, false));
    r.setEnd(...point(at + needle.length, true));
    return r;
  };
  // For the checker sel's textarea: the rects of the mirror mark over needle, and
  // where the textarea itself draws needle, measured on a reference copy built
  // from the textarea's computed style at the same place and scroll position.
  window.__textareaRects = (sel, needle) => {
    const host = document.querySelector(sel).shadowRoot;
    const ta = host.querySelector('textarea');
    const mark = [...host.querySelectorAll('.mirror mark')].find((m) => m.textContent === needle);
    const box = ta.getBoundingClientRect();
    const cs = getComputedStyle(ta);
    const ref = document.createElement('div');
    for (const p of cs) ref.style.setProperty(p, cs.getPropertyValue(p));
    Object.assign(ref.style, {
      position: 'fixed', left: box.left + 'px', top: box.top + 'px', width: box.width + 'px', height: box.height + 'px',
      margin: '0', visibility: 'hidden', whiteSpace: 'pre-wrap',
    });
    ref.textContent = ta.value + ' ';
    document.body.append(ref);
    ref.scrollTop = ta.scrollTop;
    const at = ta.value.indexOf(needle);
    const r = document.createRange();
    r.setStart(ref.firstChild, at);
    r.setEnd(ref.firstChild, at + needle.length);
    const reference = window.__rects(r.getClientRects());
    const scrolled = ref.scrollTop;
    ref.remove();
    return { marks: mark ? window.__rects(mark.getClientRects()) : [], reference, scrolled, scrollTop: ta.scrollTop };
  };
`;

before(async () => {
  assert.ok(
    fs.existsSync(path.join(WEB, 'pkg/kladwacht_bg.wasm')),
    'web-demo/pkg/ is missing: run `make wasm` first',
  );
  fs.writeFileSync(path.join(POLICY_DIR, 'policy.json'), JSON.stringify(SCHOOL_POLICY));
  server = await startServer({ mounts: { '/': WEB, '/school/': POLICY_DIR } });
  proxy = await startProxy();
  browser = await launchChromium({ proxyPort: proxy.port });
  await browser.context.addInitScript(PAGE_HELPERS);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
  fs.rmSync(POLICY_DIR, { recursive: true, force: true });
});

describe('demo page', () => {
  it('loads its own files only, the wasm once, and is ready to type', async () => {
    const before = server.log.length;
    const page = await open('index.html');
    await ready(page, '#try-check');
    await ready(page, '#train-check');
    const paths = server.log.slice(before).map((r) => r.path);
    const wasm = paths.filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(wasm, ['/pkg/kladwacht_bg.wasm'], 'one wasm download for two checkers');
    // The core is built and runs in one worker, off the page's main thread.
    assert.deepEqual(
      page.workers().map((w) => new URL(w.url()).pathname),
      ['/js/core-worker.js'],
      'one scanner worker for the page',
    );
    // Interactive: the draft box takes focus and text before anything else happens.
    await page.locator('#try-check textarea').focus();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'try-check');
    await page.close();
  });

  it('where no worker can start, the core runs on the page and still checks', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => problems.push(`no-worker page: ${e.message}`));
    // As on an embedding page whose CSP or origin refuses the worker.
    await page.addInitScript(() => {
      window.Worker = function Worker() {
        throw new DOMException('workers are not allowed here', 'SecurityError');
      };
    });
    await page.goto(`${server.url}/index.html`);
    await ready(page, '#try-check');
    assert.deepEqual(page.workers(), [], 'no worker started');
    await typeDraft(page, '#try-check', PASSWORD_DRAFT);
    await card(page, '#try-check', 'password').waitFor();
    await page.close();
  });

  it('highlights the typed secret in the textarea mirror and explains it in a card', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await typeDraft(page, '#try-check', PASSWORD_DRAFT);
    const c = card(page, '#try-check', 'password');
    await c.waitFor();
    assert.match(await c.getAttribute('data-rule'), /^password\./);
    assert.equal(await c.getAttribute('data-policy-rule'), 'R1');
    assert.equal(await c.getAttribute('data-severity'), 'block');
    const text = await c.innerText();
    assert.match(text, /Regel R1 van het schoolbeleid/);
    assert.ok(text.includes(SECRET), text);
    assert.match(text, /Wat kan je beter doen\?/);

    // The user's text is exactly what was typed.
    assert.equal(await page.locator('#try-check textarea').inputValue(), PASSWORD_DRAFT);

    // The marks in the mirror sit exactly where the textarea draws the secret:
    // compare with a reference mirror the test builds from the textarea's own computed style.
    const { marks, reference, transparent, stack } = await page.evaluate((secret) => {
      const host = document.querySelector('#try-check');
      const ta = host.shadowRoot.querySelector('textarea');
      const { marks, reference } = window.__textareaRects('#try-check', secret);
      const mark = [...host.shadowRoot.querySelectorAll('.mirror mark[data-severity=block]')].find((m) => m.textContent === secret);
      const cs = getComputedStyle(ta);
      const m = mark.getBoundingClientRect();
      // What lies under the middle of the word, top first (the mirror ignores the pointer; count it in here).
      const mirror = host.shadowRoot.querySelector('.mirror');
      mirror.style.pointerEvents = 'auto';
      const stack = host.shadowRoot.elementsFromPoint(m.left + m.width / 2, m.top + m.height / 2).map((e) => e.tagName.toLowerCase());
      mirror.style.pointerEvents = '';
      return { marks, reference, transparent: cs.backgroundColor, stack };
    }, SECRET);
    assertSameRects(marks, reference, 'mirror mark vs. textarea text');
    // The textarea is see-through and the mark lies under it: the highlight shows beneath the typed text.
    assert.match(transparent, /rgba\(0, 0, 0, 0\)|transparent/);
    assert.ok(stack.indexOf('textarea') >= 0 && stack.indexOf('mark') > stack.indexOf('textarea'), stack.join(' > '));

    // A long draft: the textarea scrolls, and the mirror scrolls with it.
    await page.locator('#try-check textarea').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText(Array.from({ length: 15 }, (_, i) => `Regel ${i + 1} van een lange mail.\n`).join(''));
    await page.keyboard.press('ControlOrMeta+End');
    await page.waitForFunction(() => document.querySelector('#try-check').value.startsWith('Regel 1'));
    for (const scroll of ['end', 'top']) {
      if (scroll === 'top') await page.locator('#try-check textarea').evaluate((t) => (t.scrollTop = 0));
      await page.waitForFunction(() => {
        const r = document.querySelector('#try-check').shadowRoot;
        return r.querySelector('.mirror').scrollTop === r.querySelector('textarea').scrollTop;
      });
      const m = await page.evaluate((secret) => window.__textareaRects('#try-check', secret), SECRET);
      assert.equal(m.scrolled, m.scrollTop, 'the reference copy scrolls like the textarea');
      if (scroll === 'end') assert.ok(m.scrollTop > 0, 'the long draft scrolls');
      assertSameRects(m.marks, m.reference, `mirror mark vs. textarea text, scrolled to the ${scroll}`);
    }
    await typeDraft(page, '#try-check', PASSWORD_DRAFT);

    // Screen readers hear about it (polite live region, once typing pauses).
    await page.waitForFunction(() =>
      /Wachtwoord/.test(document.querySelector('#try-check').shadowRoot.querySelector('[aria-live=polite]').textContent),
    );

    // The card's "show" button selects the secret in the draft.
    await c.locator('button.show').click();
    const selected = await page.evaluate(() => {
      const ta = document.querySelector('#try-check').shadowRoot.querySelector('textarea');
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    assert.equal(selected, SECRET);

    await page.close();
  });

  it('screenshot of a highlighted draft (tests/e2e/artifacts/demo.png)', async () => {
    const page = await open('index.html', { width: 800, height: 900 });
    await ready(page, '#try-check');
    await typeDraft(
      page,
      '#try-check',
      `Beste collega,\n\nHet wachtwoord van de klas-iPad is ${SECRET}\nWil je het geld voor de schoolreis terugstorten op rekening ${IBAN} van meneer Jansen?\n\nGroet, Anja`,
    );
    await card(page, '#try-check', 'password').waitFor();
    await card(page, '#try-check', 'identifier').waitFor();
    await page.locator('#try-check textarea').blur();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#try-check').screenshot({ path: path.join(ARTIFACTS, 'demo.png') });
    await page.close();
  });

  it('highlights in the rich-text box with the Custom Highlight API, without touching its DOM', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await page.locator('#try-check').getByLabel('Opgemaakte tekst').check();
    const rich = page.locator('#try-check .rich');
    await rich.click();
    // Real editing: bold text and Enter make several text nodes and blocks.
    await page.keyboard.type('Hoi team 😀,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Het ');
    await page.keyboard.press('ControlOrMeta+B');
    await page.keyboard.type('nieuwe');
    await page.keyboard.press('ControlOrMeta+B');
    await page.keyboard.type(` wachtwoord: ${SECRET} (één keer gebruiken)`);
    await card(page, '#try-check', 'password').waitFor();
    const html = await rich.innerHTML();
    assert.match(html, /<b>nieuwe<\/b>|<strong>nieuwe<\/strong>/, html);
    assert.doesNotMatch(html, /mark|kladwacht|class=/, 'the editor DOM holds only what the user typed');
    assert.equal(await rich.getAttribute('data-highlight'), 'highlight-api');
    const { ranges, word } = await page.evaluate((secret) => {
      const root = document.querySelector('#try-check').shadowRoot.querySelector('.rich');
      const hl = CSS.highlights.get('kladwacht-block');
      const ranges = [...(hl || [])].map((r) => ({ text: r.toString(), rects: window.__rects(r.getClientRects()) }));
      return { ranges, word: window.__rects(window.__findRange(root, secret).getClientRects()) };
    }, SECRET);
    const hit = ranges.find((r) => r.text === SECRET);
    assert.ok(hit, `a block highlight over the secret: ${JSON.stringify(ranges)}`);
    assertSameRects(hit.rects, word, 'highlight range vs. typed word');
    await page.close();
  });

  it('pasting HTML into the rich box inserts plain text only (no remote images), and undo works', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await page.locator('#try-check').getByLabel('Opgemaakte tekst').check();
    await page.locator('#try-check .rich').click();
    await page.evaluate(async () => {
      const html = '<p>Hallo <b>team</b><img src="http://images.example.com/pixel.png"></p>';
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob(['Hallo team'], { type: 'text/plain' }),
        }),
      ]);
    });
    await page.keyboard.press('ControlOrMeta+V');
    const rich = page.locator('#try-check .rich');
    await page.waitForFunction(() => document.querySelector('#try-check').value === 'Hallo team');
    assert.equal(await rich.innerHTML(), 'Hallo team');
    await page.keyboard.press('ControlOrMeta+Z');
    await page.waitForFunction(() => document.querySelector('#try-check').value === '');
    await page.close();
  });

  it('falls back to an overlay from Range.getClientRects() that follows scrolling', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await page.evaluate(() => {
      const el = document.createElement('kladwacht-check');
      el.id = 'overlay-check';
      el.setAttribute('editor', 'rich');
      el.setAttribute('highlight', 'overlay');
      document.querySelector('#panel-try').append(el);
    });
    await ready(page, '#overlay-check');
    const rich = page.locator('#overlay-check .rich');
    assert.equal(await rich.getAttribute('data-highlight'), 'overlay');
    await rich.click();
    // A long draft pasted in one go (one input event), then the secret typed at the end.
    await page.keyboard.insertText(Array.from({ length: 12 }, (_, i) => `Regel ${i + 1} van een lange mail.\n`).join(''));
    await page.keyboard.type(`Het wachtwoord: ${SECRET}\nGroet`);
    await card(page, '#overlay-check', 'password').waitFor();
    const measure = () =>
      page.evaluate((secret) => {
        const root = document.querySelector('#overlay-check').shadowRoot;
        const rich = root.querySelector('.rich');
        const word = window.__rects(window.__findRange(rich, secret).getClientRects());
        const boxes = window.__rects([...root.querySelectorAll('.overlay .hl[data-severity=block]')].map((b) => b.getBoundingClientRect()));
        return { word, boxes, scrollTop: rich.scrollTop };
      }, SECRET);
    // Scrolled to the caret at the end: the secret is in view.
    let m = await measure();
    assert.ok(m.scrollTop > 0, 'the draft is long enough to scroll');
    assertSameRects(m.boxes, m.word, 'overlay box vs. typed word');
    // Scroll the editor: the box moves with the text.
    await rich.evaluate((el) => (el.scrollTop = 0));
    await page.waitForFunction(
      (before) => {
        const b = document.querySelector('#overlay-check').shadowRoot.querySelector('.overlay .hl');
        return b && b.getBoundingClientRect().top !== before;
      },
      m.boxes[0].top,
    );
    m = await measure();
    assertSameRects(m.boxes, m.word, 'overlay box after scrolling');
    await page.close();
  });

  it('switching the channel changes the severity shown', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await typeDraft(page, '#try-check', IBAN_DRAFT);
    const c = card(page, '#try-check', 'identifier');
    await c.waitFor();
    const expected = {
      'E-mail': 'warn',
      'Sociale media (openbaar)': 'block',
      Schoolplatform: 'info',
      'Chat (WhatsApp, Teams)': 'warn',
    };
    for (const [label, severity] of Object.entries(expected)) {
      await page.locator('#try-check').getByLabel(label, { exact: true }).check();
      await page.waitForFunction(
        (sev) =>
          document.querySelector('#try-check').shadowRoot.querySelector('.card[data-category=identifier]')?.dataset.severity === sev,
        severity,
      );
      // The highlight under the number changes with it.
      const marks = await page
        .locator('#try-check .mirror mark')
        .evaluateAll((ms, iban) => ms.filter((m) => iban.includes(m.textContent.trim())).map((m) => m.dataset.severity), IBAN);
      assert.ok(marks.length > 0 && marks.every((s) => s === severity), `${label}: ${marks}`);
      const badge = await c.locator('.badge').innerText();
      assert.equal(badge, { block: 'Houdt verzenden tegen', warn: 'Let op', info: 'Ter info' }[severity]);
    }
    await page.close();
  });

  it('the send button shows what the extension would say', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await typeDraft(page, '#try-check', PASSWORD_DRAFT);
    await card(page, '#try-check', 'password').waitFor();
    await page.locator('#try-check button.send').click();
    const result = page.locator('#try-check .send-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-outcome'), 'blocked');
    assert.match(await result.innerText(), /Kladwacht houdt dit bericht tegen/);
    const item = result.locator('li[data-category=password]');
    assert.equal(await item.count(), 1);
    // The default policy asks for a reason to override a password block.
    assert.match(await item.innerText(), /reden/);
    assert.equal(await page.evaluate(() => document.querySelector('#try-check').shadowRoot.activeElement?.className), 'send-result');
    // Fixed draft: the send goes through.
    await typeDraft(page, '#try-check', 'Beste collega,\nHet wachtwoord geef ik je morgen mondeling.\nGroet, Anja');
    await page.locator('#try-check .card[data-category=password]').waitFor({ state: 'detached' });
    await page.locator('#try-check button.send').click();
    await page.waitForFunction(() => document.querySelector('#try-check').shadowRoot.querySelector('.send-result').dataset.outcome === 'clean');
    await page.close();
  });

  it('works with the keyboard alone', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    const focused = () =>
      page.evaluate(() => {
        let a = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return { tag: a.tagName.toLowerCase(), type: a.type || '', value: a.value?.slice?.(0, 20) ?? '', cls: a.className, outline: getComputedStyle(a).outlineStyle };
      });
    // Tab from the top of the page to the draft box, passing the channel radios.
    let f;
    let sawChannels = false;
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (f.type === 'radio' && f.value === 'email') sawChannels = true;
      if (f.tag === 'textarea') break;
    }
    assert.ok(sawChannels, 'the channel switch is reachable by Tab');
    assert.equal(f.tag, 'textarea');
    assert.notEqual(f.outline, 'none', 'visible focus on the draft box');
    await page.keyboard.type(PASSWORD_DRAFT);
    await card(page, '#try-check', 'password').waitFor();
    // Back to the channel radios and change the channel with the arrow keys.
    for (let i = 0; i < 10 && !((f = await focused()).type === 'radio' && f.value === 'email'); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    assert.equal(f.value, 'email');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#try-check').getAttribute('channel') === 'social');
    // Forward to the card's button and the send button, and send with Enter.
    for (let i = 0; i < 20 && !((f = await focused()).cls.includes('send')); i++) await page.keyboard.press('Tab');
    assert.match(f.cls, /send/);
    assert.notEqual(f.outline, 'none', 'visible focus on the send button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#try-check').shadowRoot.querySelector('.send-result').dataset.outcome === 'blocked');
    assert.equal((await focused()).cls, 'send-result', 'focus moves to the outcome');
    await page.close();
  });

  it('switches the whole page to English', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await typeDraft(page, '#try-check', PASSWORD_DRAFT);
    await card(page, '#try-check', 'password').waitFor();
    await page.locator('#lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.locator('#tab-train').innerText(), 'Practise');
    assert.equal(await page.locator('#lang-toggle').innerText(), 'Nederlands');
    const c = card(page, '#try-check', 'password');
    await page.waitForFunction(() =>
      /Rule R1 of the school policy/.test(document.querySelector('#try-check').shadowRoot.querySelector('.card').innerText),
    );
    const finding = await page.evaluate(() => document.querySelector('#try-check').findings.find((f) => f.category === 'password'));
    assert.ok((await c.innerText()).includes(finding.message_en), 'the card shows the English message');
    assert.equal(await page.locator('#try-check button.send').innerText(), 'Send (practice)');
    await page.close();
  });
});

describe('training mode', () => {
  it('a trainee fixes the WhatsApp draft with the Wi-Fi password, gets a score and the explanation', async () => {
    const page = await open('index.html?view=train');
    await ready(page, '#train-check');
    const item = page.locator('.scenario-card[data-scenario="wifi-whatsapp"]');
    await item.getByRole('button').click();
    await page.locator('.train-scenario').waitFor();
    assert.equal(await page.locator('#train-check').getAttribute('channel'), 'chat');
    assert.ok(await page.locator('#train-check .channels').isHidden(), 'the scenario fixes the channel');
    await card(page, '#train-check', 'password').waitFor();
    // Checking too early costs points and says what is left.
    await page.locator('button.train-check').click();
    await page.waitForFunction(() => document.querySelector('.train-result').dataset.outcome === 'retry');
    assert.match(await page.locator('.train-result').innerText(), /Wachtwoord of code/);
    await page.locator('button.train-hint').click();
    assert.match(await page.locator('.train-hints').innerText(), /Tip 1/);
    // The fix: keep the message, drop the password.
    await typeDraft(
      page,
      '#train-check',
      'Hoi Els! Het wifi-netwerk in de aula heet SchoolGast. Het wachtwoord hangt in de leraarskamer. Tot straks op de ouderavond!',
    );
    await page.locator('#train-check .card[data-category=password]').waitFor({ state: 'detached' });
    await page.locator('button.train-check').click();
    await page.waitForFunction(() => document.querySelector('.train-result').dataset.outcome === 'done');
    const result = await page.locator('.train-result').innerText();
    assert.match(result, /Goed gedaan/);
    assert.match(result, /75 van 100/, '100 − 15 for the early check − 10 for the tip');
    assert.match(result, /R1: Geef nooit een wachtwoord/);
    assert.doesNotMatch(result, /\b(null|undefined)\b/);
    await page.locator('button.train-back').click();
    assert.match(await page.locator('.train-total').innerText(), /75 punten, 1 van \d+ oefeningen klaar/);
    assert.match(await item.innerText(), /Klaar: 75 punten/);
    await page.close();
  });

  it('removing the keep-words is not a fix', async () => {
    const page = await open('index.html?view=train');
    await ready(page, '#train-check');
    await page.locator('.scenario-card[data-scenario="wifi-whatsapp"] button').click();
    await typeDraft(page, '#train-check', 'Hoi Els!');
    await page.locator('button.train-check').click();
    await page.waitForFunction(() => document.querySelector('.train-result').dataset.outcome === 'retry');
    assert.match(await page.locator('.train-result').innerText(), /wifi, ouderavond/);
    await page.close();
  });
});

describe('embedding', () => {
  it('the embed example: one script, one element, and the training iframe', async () => {
    const page = await open('embed-example.html');
    await ready(page, '#embedded');
    const ta = page.locator('#embedded textarea');
    assert.equal(await ta.inputValue(), 'Wat een leuke uitstap met de klas van juf Anja!', 'the element text is the starting draft');
    assert.equal(await page.locator('#embedded').getAttribute('channel'), 'social');
    // The host page's serif font does not leak into the checker.
    assert.doesNotMatch(await ta.evaluate((t) => getComputedStyle(t).fontFamily), /Georgia/);
    await ta.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(`\nwachtwoord: ${SECRET}`);
    const c = card(page, '#embedded', 'password');
    await c.waitFor();
    assert.equal(await c.getAttribute('data-policy-rule'), 'R1');
    const frame = page.frameLocator('#training-frame');
    await frame.locator('.scenario-card').first().waitFor();
    assert.ok(await frame.locator('header.top').isHidden(), '?embed drops the page chrome');
    await page.close();
  });

  it('two checkers on one page keep their own highlights and share one core', async () => {
    const before = server.log.length;
    const page = await open('embed-example.html');
    await ready(page, '#embedded');
    // As a trainer would paste it: markup, indented, with the starting draft inside.
    await page.evaluate(() =>
      document
        .querySelector('.course')
        .insertAdjacentHTML('beforeend', '<kladwacht-check id="second" editor="rich">\n    Tweede vak: wachtwoord: Zonnebloem7!\n  </kladwacht-check>'),
    );
    await ready(page, '#second');
    assert.equal(await page.locator('#second .rich').innerText(), 'Tweede vak: wachtwoord: Zonnebloem7!');
    await page.frameLocator('#training-frame').locator('#train-check[ready]').waitFor({ state: 'attached' });
    await card(page, '#second', 'password').waitFor();
    assert.equal(await card(page, '#embedded', 'password').count(), 0);
    const wasm = server.log.slice(before).filter((r) => r.path.endsWith('.wasm'));
    assert.equal(wasm.length, 2, 'one core for the page, one for the training iframe');
    await page.close();
  });
});

describe('school policy', () => {
  it("a checker with the school's policy file uses its severities and platform name", async () => {
    const page = await open('embed-example.html');
    await ready(page, '#embedded');
    await page.evaluate(() => {
      const el = document.createElement('kladwacht-check');
      el.id = 'school';
      el.setAttribute('policy', '/school/policy.json');
      document.querySelector('.course').append(el);
    });
    await ready(page, '#school');
    assert.ok(await page.locator('#school').getByLabel('Schoolplatform (Smartschool)').isVisible());
    await typeDraft(page, '#school', IBAN_DRAFT);
    const c = card(page, '#school', 'identifier');
    await c.waitFor();
    assert.equal(await c.getAttribute('data-severity'), 'block', 'the school made identifiers block in e-mail');
    await page.close();
  });

  it('a policy on another site is refused without being requested', async () => {
    const page = await open('embed-example.html');
    await ready(page, '#embedded');
    const other = server.url.replace('127.0.0.1', 'localhost');
    const before = browser.requests.length;
    await page.evaluate((url) => {
      const el = document.createElement('kladwacht-check');
      el.id = 'foreign';
      el.setAttribute('policy', url);
      document.querySelector('.course').append(el);
    }, `${other}/school/policy.json`);
    await page.waitForFunction(() =>
      /kon niet starten/.test(document.querySelector('#foreign').shadowRoot.querySelector('.summary').textContent),
    );
    assert.deepEqual(
      browser.requests.slice(before).filter((r) => r.url.includes('policy.json')),
      [],
    );
    await page.close();
  });
});

describe('small screens and contrast', () => {
  for (const [name, url] of [
    ['demo', 'index.html'],
    ['training', 'index.html?view=train'],
    ['embed example', 'embed-example.html'],
  ]) {
    it(`${name} at 320 px wide has no horizontal scrolling`, async () => {
      const page = await open(url, { width: 320, height: 640 });
      const sel = url.includes('embed') ? '#embedded' : url.includes('train') ? '#train-check' : '#try-check';
      await ready(page, sel);
      if (url.includes('train')) await page.locator('.scenario-card[data-scenario="wifi-whatsapp"] button').click();
      else await typeDraft(page, sel, `${PASSWORD_DRAFT}\n${IBAN_DRAFT}\nEen heel-lang-woord-zonder-spaties-${'x'.repeat(60)}`);
      await page.locator(`${sel} .card`).first().waitFor();
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `${url}: scrollWidth ${scrollWidth} > ${clientWidth}`);
      await page.close();
    });
  }

  it('text meets WCAG AA contrast, highlights included', async () => {
    const page = await open('index.html');
    await ready(page, '#try-check');
    await typeDraft(page, '#try-check', `${PASSWORD_DRAFT}\n${IBAN_DRAFT}`);
    await card(page, '#try-check', 'password').waitFor();
    await page.locator('#try-check button.send').click();
    const failures = await page.evaluate(() => {
      const parse = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      const lum = ({ r, g, b }) => {
        const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const blend = (top, under) => ({
        r: top.r * top.a + under.r * (1 - top.a),
        g: top.g * top.a + under.g * (1 - top.a),
        b: top.b * top.a + under.b * (1 - top.a),
        a: 1,
      });
      const ratio = (x, y) => {
        const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
        return (a + 0.05) / (b + 0.05);
      };
      const parentOf = (el) => el.parentElement || el.getRootNode().host || null;
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = parentOf(e)) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0) layers.push(c);
          if (c && c.a === 1) break;
        }
        return layers.reverse().reduce((under, top) => blend(top, under), { r: 255, g: 255, b: 255, a: 1 });
      };
      const out = [];
      const visit = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) visit(el.shadowRoot);
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
          if (!own || !el.checkVisibility?.() || el.closest('[aria-hidden=true]')) continue;
          const cs = getComputedStyle(el);
          const fg = parse(cs.color);
          if (!fg || fg.a === 0) continue;
          const bg = background(el);
          const r = ratio(blend(fg, bg), bg);
          const large = parseFloat(cs.fontSize) >= 24 || (parseFloat(cs.fontSize) >= 18.66 && Number(cs.fontWeight) >= 700);
          if (r < (large ? 3 : 4.5)) out.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}": ${r.toFixed(2)}`);
        }
      };
      visit(document);
      // The typed text over each highlight colour (the textarea's colour over the mark's background).
      const host = document.querySelector('#try-check').shadowRoot;
      const ink = parse(getComputedStyle(host.querySelector('textarea')).color);
      for (const m of host.querySelectorAll('.mirror mark')) {
        const bg = background(m);
        const r = ratio(ink, bg);
        if (r < 4.5) out.push(`text over ${m.dataset.severity} highlight: ${r.toFixed(2)}`);
      }
      return out;
    });
    assert.deepEqual(failures, []);
    await page.close();
  });
});

describe('privacy', () => {
  it('nothing left the browser: every request went to the local server, for its own files', () => {
    const requests = browser.requests;
    assert.ok(requests.length > 0, 'the recorder saw the page loads');
    assert.deepEqual(externalRequests(requests), [], 'page requests beyond the local server');
    for (const r of requests) {
      if (/^(data|blob|about):/.test(r.url)) continue;
      assert.equal(new URL(r.url).origin, server.url, r.url);
    }
    // The server served only files that exist in web-demo/ (no beacons, no probes).
    for (const { path: p, method } of server.log) {
      assert.equal(method, 'GET', p);
      const file = p.startsWith('/school/')
        ? path.join(POLICY_DIR, decodeURIComponent(p.slice('/school/'.length)))
        : path.join(WEB, decodeURIComponent(p));
      assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), `requested ${p}, which is not one of the page's files`);
    }
    // The catch-all proxy saw nothing but the browser's own update/sign-in hosts.
    assert.deepEqual(leaks(proxy.log), []);
  });

  it('no errors, CSP violations or eval on any page', () => {
    assert.deepEqual(problems, []);
  });
});
