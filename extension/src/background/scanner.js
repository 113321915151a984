// The scanner, where no page's Content-Security-Policy reaches it: Chromium
// refuses to compile WebAssembly in a content script on pages with a strict
// CSP (webmail), so content scripts send text here and get findings back.
//
// Start-up is kept short because the browser stops an idle worker: the wasm
// module starts compiling as soon as the worker starts, before the first
// message arrives. Results are cached per paragraph and channel, so a
// keystroke costs one paragraph's scan.

import { Checker } from '../core/kladwacht-core.js';
import { api } from '../shared/api.js';

const WASM_URL = api.runtime.getURL('core/kladwacht_bg.wasm');
const CACHE_LIMIT = 2000;

let checker = null;
let loading = null;
const cache = new Map(); // `${channel}\0${paragraph}` → findings (insertion order = age)

function ready() {
  if (checker) return Promise.resolve(checker);
  loading ??= Checker.create(null, WASM_URL).then((c) => (checker = c));
  return loading;
}

/** Begins loading the core right away; errors surface on the first scan. */
export function warmUp() {
  ready().catch(() => {
    loading = null;
  });
}

// Only what the content script shows travels back.
function slim(f) {
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    start: f.start,
    end: f.end,
    text: f.text,
    message: f.message,
    message_en: f.message_en,
    advice: f.advice,
    advice_en: f.advice_en,
    policy_rule: f.policy_rule,
  };
}

/** Findings for each paragraph (offsets relative to the paragraph). */
export async function scanParagraphs(paragraphs, context) {
  const c = await ready();
  const channel = context?.channel ?? 'email';
  return paragraphs.map((text) => {
    const key = `${channel}\0${text}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key); // refresh its age
      cache.set(key, hit);
      return hit;
    }
    let findings;
    try {
      findings = c.scan(text, { channel }).map(slim);
    } catch (e) {
      // The wrapper has rebuilt the scanner after a trap; skip this paragraph once.
      console.warn('Kladwacht:', e.message);
      return [];
    }
    cache.set(key, findings);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
    return findings;
  });
}
