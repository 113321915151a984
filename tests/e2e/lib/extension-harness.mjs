// Helpers for the extension's end-to-end tests: build checks, the fixture
// server (plain and strict-CSP), the editor table, typing, and reading
// Kladwacht's markers from its <kladwacht-overlay> shadow root.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { buildFixtures, FIXTURES_DIST } from '../fixtures/build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../../..');
export const EXT_DIST = path.join(REPO, 'extension/dist');
export const CHROME_TEST = path.join(EXT_DIST, 'chrome-test');
export const FIREFOX_TEST = path.join(EXT_DIST, 'firefox-test');
export const ARTIFACTS = path.resolve(here, '../artifacts');
export const STRICT_CSP = "default-src 'self'; script-src 'self'";

/** Fails with a clear message when `make build` has not produced the extension. */
export function requireExtensionBuild() {
  for (const dir of [CHROME_TEST, FIREFOX_TEST]) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
      throw new Error(`${dir} is missing: run \`make build\` (or \`node extension/build.mjs\` after \`make wasm\`)`);
    }
  }
}

/** Builds the fixture pages if needed and serves them: /fixtures/ plain, /fixtures/csp/ with a strict CSP. */
export async function startFixtureServer({ host } = {}) {
  await buildFixtures();
  return startServer({
    host,
    mounts: { '/fixtures/': FIXTURES_DIST, '/fixtures/csp/': FIXTURES_DIST },
    headers: [{ prefix: '/fixtures/csp/', headers: { 'Content-Security-Policy': STRICT_CSP } }],
  });
}

/**
 * The editors under test. `frame`: the editor lives in an iframe (TinyMCE).
 * `fixUndo`: whether the one-click fix and undo run here.
 */
export const EDITORS = [
  { name: 'textarea', page: 'textarea.html', kind: 'textarea' },
  { name: 'contenteditable', page: 'contenteditable.html', kind: 'editable' },
  { name: 'Lexical', page: 'lexical.html', kind: 'editable' },
  { name: 'Draft.js', page: 'draft.html', kind: 'editable' },
  { name: 'Quill', page: 'quill.html', kind: 'editable' },
  { name: 'ProseMirror', page: 'prosemirror.html', kind: 'editable' },
  { name: 'TinyMCE', page: 'tinymce.html', kind: 'editable', frame: true },
  { name: 'CKEditor 5', page: 'ckeditor.html', kind: 'editable' },
  { name: 'textarea under a strict CSP', page: 'csp/textarea.html', kind: 'textarea' },
];

export const DRAFT = 'Beste collega,\nhet wachtwoord: Zonnebloem7! voor de klas-iPad.\nGroet, Anja';
export const SECRET = 'Zonnebloem7!';

/** Polls `fn` until it returns a truthy value (no fixed sleeps in tests). */
export async function until(fn, { timeout = 10000, interval = 50, message = 'condition', detail } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      const more = detail ? `; ${JSON.stringify(await detail().catch((e) => e.message))}` : '';
      throw new Error(`timed out waiting for ${message}; last: ${last?.message ?? JSON.stringify(last)}${more}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ---- In-page functions (run in the page or the editor's frame; no closures). ----

/** Kladwacht's markers in this document: [{ category, severity, rule, rect }]. */
export function readMarkers() {
  const host = document.querySelector('kladwacht-overlay');
  if (!host || !host.shadowRoot) return [];
  return [...host.shadowRoot.querySelectorAll('.mark[data-category]')]
    .filter((m) => !m.hidden)
    .map((m) => {
      const r = m.getBoundingClientRect();
      return { category: m.dataset.category, severity: m.dataset.severity, rule: m.dataset.rule, rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };
    });
}

/** Whether Kladwacht's `name` highlight holds a range over exactly `word` (the browser draws it). */
export function highlightHolds([name, word]) {
  return [...(CSS.highlights.get(name) ?? [])].some((r) => r.toString() === word);
}

/**
 * Where `word` is on screen in the fixture's field, measured without Kladwacht:
 * for an editable region, a Range over the word's text; for a textarea, the
 * browser's own caret hit test decides (see markerOverWord).
 */
export function wordRects(word) {
  const root = (window.kwFixture ?? window.parent.kwFixture).root();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(word);
    if (i >= 0) {
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + word.length);
      return [...r.getClientRects()].map((x) => ({ left: x.left, top: x.top, right: x.right, bottom: x.bottom }));
    }
  }
  return [];
}

/** For a form field: is the character under (x, y) inside `word`? Uses the browser's caret hit test. */
export function pointInFieldWord([x, y, word]) {
  const field = (window.kwFixture ?? window.parent.kwFixture).root();
  let node;
  let offset;
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y);
    node = p?.offsetNode;
    offset = p?.offset;
  } else {
    const r = document.caretRangeFromPoint(x, y);
    node = r?.startContainer;
    offset = r?.startOffset;
  }
  const start = field.value.indexOf(word);
  return { node: node === field ? 'field' : String(node?.nodeName), offset, start, end: start + word.length, inside: node === field && offset >= start && offset <= start + word.length };
}

export const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
