// The scanner, where no page's Content-Security-Policy reaches it: Chromium
// refuses to compile WebAssembly in a content script on pages with a strict
// CSP (webmail), so content scripts send text here and get findings back.
//
// Start-up is kept short because the browser stops an idle worker: the wasm
// module starts compiling as soon as the worker starts, before the first
// message arrives. Results are cached per paragraph and channel, so a
// keystroke costs one paragraph's scan.
//
// The checker is built from the school's policy (options page and managed
// storage, see shared/school.js) with the consent register joined in, and
// rebuilt when either changes. A policy the core rejects falls back to the
// built-in one; the options page shows the core's error (`policyError`).

import { Checker } from '../core/kladwacht-core.js';
import { api } from '../shared/api.js';
import { findOwnPassword } from '../shared/own-password.js';
import { CATEGORIES, corePolicy, loadLocalSchool, loadManaged, mergeSchool, normalMode, onSchoolChanged } from '../shared/school.js';

const WASM_URL = api.runtime.getURL('core/kladwacht_bg.wasm');
const CACHE_LIMIT = 2000;

let checker = null;
let loading = null;
let policyError = null;
let ownPassword = null; // { salt, hash, length } — never the password
const cache = new Map(); // `${channel}\0${paragraph}` → findings (insertion order = age)
let lastMessage = { key: null, findings: [] };

// Chromium answers storage.managed only once its policy service is up, seconds
// after the browser starts: the checker does not wait for it, and is rebuilt
// when the managed policy turns out to be there.
async function policyJson() {
  const quick = loadManaged(300);
  const [local, managed, { consentRegister = [] }] = await Promise.all([loadLocalSchool(), quick, api.storage.local.get('consentRegister')]);
  quick.late.then((real) => {
    if (JSON.stringify(real) !== JSON.stringify(managed)) checker = null;
  });
  const { effective } = mergeSchool(local, managed);
  return JSON.stringify(corePolicy(effective, consentRegister));
}

async function build() {
  const [json, stored] = await Promise.all([policyJson(), api.storage.local.get('ownPassword')]);
  ownPassword = stored.ownPassword ?? null;
  let c;
  try {
    c = await Checker.create(json, WASM_URL);
    policyError = null;
  } catch (e) {
    if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) throw e;
    policyError = String(e?.message ?? e);
    c = await Checker.create(null, WASM_URL);
  }
  cache.clear();
  lastMessage = { key: null, findings: [] };
  checker = c;
  return c;
}

function ready() {
  if (checker) return Promise.resolve(checker);
  loading ??= build().finally(() => (loading = null));
  return loading;
}

/** Begins loading the core right away; errors surface on the first scan. */
export function warmUp() {
  ready().catch(() => {});
}

// A new policy, consent register or own password: build afresh on the next scan.
onSchoolChanged(() => {
  checker = null;
});
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'ownPassword' in changes) ownPassword = changes.ownPassword.newValue ?? null;
});

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

function ownPasswordFinding(text, { start, end }) {
  return {
    rule: 'password.own',
    category: 'password',
    severity: 'block',
    start,
    end,
    text: text.slice(start, end),
    message: 'Dit is je eigen wachtwoord (het wachtwoord dat je in Kladwacht registreerde).',
    message_en: 'This is your own password (the one you registered in Kladwacht).',
    advice: 'Haal het wachtwoord weg. Niemand, ook de school niet, hoort het te krijgen; vermoed je dat het gelekt is, wijzig het dan.',
    advice_en: 'Remove the password. Nobody, the school included, should receive it; if you think it leaked, change it.',
    policy_rule: 'R1',
  };
}

async function withOwnPassword(text, findings) {
  if (!ownPassword) return findings;
  const hits = await findOwnPassword(text, ownPassword);
  if (!hits.length) return findings;
  // The own-password finding replaces any other password finding on the same words.
  const rest = findings.filter((f) => !(f.category === 'password' && hits.some((h) => f.start < h.end && h.start < f.end)));
  return [...rest, ...hits.map((h) => ownPasswordFinding(text, h))].sort((a, b) => a.start - b.start);
}

function scanText(c, text, context) {
  try {
    return c.scan(text, context).map(slim);
  } catch (e) {
    // The wrapper has rebuilt the scanner after a trap; skip this text once.
    console.warn('Kladwacht:', e.message);
    return [];
  }
}

/** Findings for each paragraph (offsets relative to the paragraph). */
export async function scanParagraphs(paragraphs, context) {
  const c = await ready();
  const channel = context?.channel ?? 'email';
  const out = [];
  for (const text of paragraphs) {
    const key = `${channel}\0${text}`;
    let findings = cache.get(key);
    if (findings) {
      cache.delete(key); // refresh its age
    } else {
      findings = scanText(c, text, { channel });
    }
    cache.set(key, findings);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
    out.push(await withOwnPassword(text, findings));
  }
  return out;
}

/**
 * The whole draft in its full context (recipients, account, media): what the
 * whole-message rules (R5, R7–R13) and the send guard read. The last result
 * is kept, so the guard's check right after a scan costs nothing.
 */
export async function scanMessage(text, context) {
  const c = await ready();
  const key = `${JSON.stringify(context ?? {})}\0${text}`;
  if (lastMessage.key !== key) lastMessage = { key, findings: await withOwnPassword(text, scanText(c, text, context ?? {})) };
  return lastMessage.findings;
}

/** What the send guard needs besides findings: each category's override mode, the privacy contact. */
export async function guardInfo() {
  const c = await ready();
  const overrides = {};
  for (const cat of CATEGORIES) {
    try {
      overrides[cat] = normalMode(c.overrideMode(cat));
    } catch {
      overrides[cat] = 'tick';
    }
  }
  let contact = null;
  try {
    contact = c.policy().privacy_contact ?? null;
  } catch {}
  return { overrides, contact, policyError };
}

/** For the options page: the effective policy the core runs (defaults filled in), the override modes, any policy error. */
export async function optionsInfo() {
  const { overrides, policyError: error } = await guardInfo();
  let policy = null;
  try {
    const p = checker.policy();
    policy = { school: p.school, privacy_contact: p.privacy_contact, allowlist: p.allowlist, severity: p.severity };
  } catch {}
  return { policy, overrides, policyError: error };
}
