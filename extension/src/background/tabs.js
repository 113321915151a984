// What the popup shows about a tab: the findings of its focused draft.
// Content scripts report here; storage.session keeps it across the worker's
// restarts (it never reaches the disk) and only the extension can read it.

import { api } from '../shared/api.js';

const key = (tabId) => `tab:${tabId}`;

export function reportDraft(tabId, frameId, status) {
  if (tabId == null || tabId < 0) return;
  return api.storage.session.set({ [key(tabId)]: { ...status, frameId, at: Date.now() } });
}

export function forgetTab(tabId) {
  return api.storage.session.remove(key(tabId));
}
