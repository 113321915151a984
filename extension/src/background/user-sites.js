// Sites the user switched on from the popup. The popup asks for the optional
// host permission (it must, in the click); here the content script is
// registered for those hosts and injected into the open tab at once.

import { api } from '../shared/api.js';
import { loadSettings } from '../shared/settings.js';

const ID = 'kladwacht-user-sites';

let syncing = Promise.resolve();

/**
 * Makes the registered content script match exactly the hosts switched on and
 * permitted. Calls run one after another: two interleaved syncs (a popup
 * click while another is unregistering) could leave no script registered.
 */
export function syncUserSites() {
  syncing = syncing.then(sync, sync);
  return syncing;
}

async function sync() {
  const { sites } = await loadSettings();
  const matches = [];
  for (const host of Object.keys(sites).filter((h) => sites[h] === true)) {
    for (const pattern of [`https://${host}/*`, `http://${host}/*`]) {
      if (await api.permissions.contains({ origins: [pattern] })) matches.push(pattern);
    }
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [ID] });
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [ID] });
  if (!matches.length) return;
  const script = { id: ID, matches, js: ['content.js'], css: ['content.css'], allFrames: true, runAt: 'document_idle' };
  try {
    // about:blank and srcdoc editor frames (TinyMCE, CKEditor 4) too.
    await api.scripting.registerContentScripts([{ ...script, matchOriginAsFallback: true }]);
  } catch {
    await api.scripting.registerContentScripts([script]); // a browser without that option
  }
}

/** Runs the content script in an open tab right away (no reload needed). */
export async function injectInto(tabId) {
  await api.scripting.insertCSS({ target: { tabId, allFrames: true }, files: ['content.css'] });
  await api.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['content.js'] });
}
