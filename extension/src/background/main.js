// The extension's background: a service worker in Chromium, an event page
// in Firefox (the manifest names this file for both). Listeners are added
// synchronously at start, so a message can wake a stopped worker.

import { api } from '../shared/api.js';
import { guardInfo, optionsInfo, scanMessage, scanParagraphs, warmUp } from './scanner.js';
import { forgetTab, reportDraft } from './tabs.js';
import { injectInto, syncUserSites } from './user-sites.js';

const handlers = {
  scan: async (msg) => {
    const results = await scanParagraphs(msg.paragraphs ?? [], msg.context);
    const message = msg.message ? await scanMessage(msg.message.text, msg.message.context) : null;
    return { results, message };
  },
  'scan-message': (msg) => scanMessage(msg.text, msg.context).then((findings) => ({ findings })),
  'guard-info': () => guardInfo(),
  'options-info': () => optionsInfo(),
  'draft-status': (msg, sender) => reportDraft(sender.tab?.id, sender.frameId ?? 0, msg.status),
  'user-site-on': async (msg) => {
    await syncUserSites();
    if (msg.tabId != null) await injectInto(msg.tabId);
    return { ok: true };
  },
  'user-site-off': () => syncUserSites().then(() => ({ ok: true })),
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = handlers[msg?.type];
  if (!handler) return false;
  Promise.resolve(handler(msg, sender))
    .then((value) => sendResponse(value ?? { ok: true }))
    .catch((e) => sendResponse({ error: String(e?.message ?? e) }));
  return true; // answers asynchronously
});

api.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
api.runtime.onInstalled.addListener(() => syncUserSites().catch(() => {}));

warmUp();
