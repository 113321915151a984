// "Dit is geen probleem": a finding the user marks as a false positive stays
// quiet from then on, on every site. Kept in storage.local only, as a salted
// hash of rule + text (never the text, never the draft), and counted for the
// popup. Nothing of it is ever sent anywhere.
//   fpSalt          a random salt, made once
//   falsePositives  { hash: 1 }
//   guardCounts     { falsePositive, override: {category: n}, audit: {category: n} }

import { api } from './api.js';

const enc = new TextEncoder();

async function salt() {
  const { fpSalt } = await api.storage.local.get('fpSalt');
  if (fpSalt) return fpSalt;
  const fresh = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  await api.storage.local.set({ fpSalt: fresh });
  return fresh;
}

let saltPromise = null;

/** The stored hash for a finding's rule and text. */
export async function falsePositiveHash(rule, text) {
  saltPromise ??= salt();
  const buf = await crypto.subtle.digest('SHA-256', enc.encode(`${await saltPromise}\u0000${rule}\u0000${text}`));
  return [...new Uint8Array(buf).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadFalsePositives() {
  const { falsePositives } = await api.storage.local.get('falsePositives');
  return new Set(Object.keys(falsePositives ?? {}));
}

/** Remembers a hash and counts it. */
export async function markFalsePositive(hash) {
  const { falsePositives = {}, guardCounts = {} } = await api.storage.local.get(['falsePositives', 'guardCounts']);
  if (falsePositives[hash]) return;
  await api.storage.local.set({
    falsePositives: { ...falsePositives, [hash]: 1 },
    guardCounts: { ...guardCounts, falsePositive: (guardCounts.falsePositive ?? 0) + 1 },
  });
}

/** Counts a send the guard let through: kind 'override' or 'audit', per category. */
export async function countSend(kind, categories) {
  const { guardCounts = {} } = await api.storage.local.get('guardCounts');
  const counts = { ...(guardCounts[kind] ?? {}) };
  for (const c of new Set(categories)) counts[c] = (counts[c] ?? 0) + 1;
  await api.storage.local.set({ guardCounts: { ...guardCounts, [kind]: counts } });
}
