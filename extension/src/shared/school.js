// The school's settings, from two places:
//   storage.local  `schoolPolicy`: what the school secretary set in the options page
//   storage.managed                what IT pushed (Chrome: policy under 3rdparty.extensions,
//                                  Firefox: policies.json "3rdparty"; schema: managed_schema.json)
// Managed settings override the user's, field by field (a severity cell, one
// category's override mode, one site's channel), and the options page shows
// those fields locked. The consent register is kept apart (`consentRegister`,
// storage.local only) and joins the policy the core gets.
//
// Shape (the core's policy fields, plus two of the extension's own):
//   school {name, domains[], platform, board}, privacy_contact {name, email, phone},
//   allowlist {phones[], addresses[], ibans[]}, severity {category: {channel: level}},
//   overrides {category: never|reason|tick|warn|audit},
//   site_channels {host: email|social|chat|school}, lang nl|en

import { api } from './api.js';

export const CATEGORIES = [
  'password', 'identifier', 'medical', 'psychosocial', 'family', 'financial', 'minor', 'offensive',
  'bcc', 'private-account', 'signature', 'personal-title', 'confidential', 'chain-mail', 'recording',
];
export const CHANNELS = ['email', 'social', 'chat', 'school'];
export const LEVELS = ['off', 'info', 'warn', 'block'];
export const OVERRIDE_MODES = ['never', 'reason', 'tick', 'warn', 'audit'];
/** The core's long names for two modes (older policies use them). */
export const MODE_ALIASES = { 'not-allowed': 'never', 'warn-only': 'warn' };
export const normalMode = (m) => MODE_ALIASES[m] ?? m;

const OBJECT_KEYS = { school: 1, privacy_contact: 1, allowlist: 1, site_channels: 1 };
const MATRIX_KEYS = { severity: 2, overrides: 1 };
export const SCHOOL_KEYS = ['school', 'privacy_contact', 'allowlist', 'severity', 'overrides', 'site_channels', 'lang'];

/**
 * Managed storage, or {} where the browser has none (Firefox rejects without
 * a policy). Chromium answers the first call only once its policy service is
 * up (seconds after start-up): with `timeout` (ms), {} comes back sooner and
 * `.late` carries the real answer.
 */
export function loadManaged(timeout = 0) {
  const real = Promise.resolve()
    .then(() => api.storage.managed?.get(null))
    .then((m) => m ?? {})
    .catch(() => ({}));
  if (!timeout) return real;
  const quick = Promise.race([real, new Promise((resolve) => setTimeout(() => resolve({}), timeout))]);
  quick.late = real;
  return quick;
}

export async function loadLocalSchool() {
  const { schoolPolicy } = await api.storage.local.get('schoolPolicy');
  return schoolPolicy ?? {};
}

const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);

/**
 * { effective, locked } where `locked` holds the paths the managed policy sets:
 * 'school.name', 'severity.password.email', 'overrides.password', 'site_channels.<host>', 'lang'.
 */
export function mergeSchool(local = {}, managed = {}) {
  const effective = {};
  const locked = new Set();
  for (const key of SCHOOL_KEYS) {
    const mine = local[key];
    const theirs = managed[key];
    if (key in OBJECT_KEYS || key in MATRIX_KEYS) {
      const out = isObj(mine) ? structuredClone(mine) : {};
      if (isObj(theirs)) {
        for (const [k, v] of Object.entries(theirs)) {
          if (MATRIX_KEYS[key] === 2 && isObj(v)) {
            out[k] = { ...(isObj(out[k]) ? out[k] : {}), ...v };
            for (const c of Object.keys(v)) locked.add(`${key}.${k}.${c}`);
          } else {
            out[k] = v;
            locked.add(`${key}.${k}`);
          }
        }
      }
      if (Object.keys(out).length) effective[key] = out;
    } else if (theirs !== undefined) {
      effective[key] = theirs;
      locked.add(key);
    } else if (mine !== undefined) {
      effective[key] = mine;
    }
  }
  if (effective.overrides) for (const c of Object.keys(effective.overrides)) effective.overrides[c] = normalMode(effective.overrides[c]);
  return { effective, locked };
}

/** The effective school settings and which of them are locked. `managedTimeout`: see loadManaged. */
export async function loadSchool({ managedTimeout = 0 } = {}) {
  const [local, managed] = await Promise.all([loadLocalSchool(), loadManaged(managedTimeout)]);
  return { ...mergeSchool(local, managed), local, managed };
}

/** The policy document for the core: its own fields only, the consent register joined in. */
export function corePolicy(effective, consentRegister = []) {
  const policy = {};
  for (const key of ['school', 'privacy_contact', 'allowlist', 'severity', 'overrides']) if (effective[key]) policy[key] = effective[key];
  if (consentRegister.length) policy.consent = consentRegister.map(({ name, consent, class: c }) => (c ? { name, consent, class: c } : { name, consent }));
  return policy;
}

/** Calls `fn()` when the school's settings or consent register change, here or through managed storage. */
export function onSchoolChanged(fn) {
  const listener = (changes, area) => {
    if (area === 'managed' || (area === 'local' && ('schoolPolicy' in changes || 'consentRegister' in changes))) fn();
  };
  api.storage.onChanged.addListener(listener);
  return () => api.storage.onChanged.removeListener(listener);
}
