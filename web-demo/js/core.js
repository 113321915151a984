// One wasm core per page, one Checker per policy, shared by every
// <kladwacht-check> on the page. kladwacht-core.js (a build output copied
// from crate/js/) loads kladwacht_bg.wasm from beside itself, once.

import { Checker } from '../pkg/kladwacht-core.js';

const checkers = new Map();

/**
 * The Checker for a policy file (a URL on the page's or this script's own
 * origin), or for the built-in policy when `policyUrl` is empty.
 */
export function getChecker(policyUrl = '') {
  if (!checkers.has(policyUrl)) {
    checkers.set(policyUrl, (async () => Checker.create(policyUrl ? await loadPolicy(policyUrl) : null))());
  }
  return checkers.get(policyUrl);
}

async function loadPolicy(url) {
  const u = new URL(url, document.baseURI);
  // Policies are the site's own files; never fetch anything from elsewhere.
  if (u.origin !== location.origin && u.origin !== new URL(import.meta.url).origin) {
    throw new Error(`policy ${u.href} is not on this site`);
  }
  const res = await fetch(u, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`policy ${u.pathname}: HTTP ${res.status}`);
  return res.text();
}
