// Content-script entry, in every frame of a watched site. It stays thin:
// find fields, send their text to the extension's worker, draw the results.
// It starts and stops with the user's switches (pause, site on/off).

import { api } from '../shared/api.js';
import { loadSettings, onSettingsChanged, siteState } from '../shared/settings.js';
import { App } from './app.js';
import { adapterById, adapterFor, features } from './registry.js';

/* global KLADWACHT_TEST_BUILD */

/** The site's host; about:blank and srcdoc frames (TinyMCE, CKEditor 4) take their parent's. */
function siteHost() {
  let w = window;
  try {
    while (!w.location.hostname && w !== w.parent) w = w.parent;
    return w.location.hostname;
  } catch {
    return location.hostname;
  }
}

/**
 * The adapter for this frame: by host; in the test build only, a fixture page
 * may name its adapter (<meta name="kladwacht-test-site" content="gmail">),
 * and then runs in that site's channel.
 */
function pickAdapter(host) {
  if (typeof KLADWACHT_TEST_BUILD !== 'undefined' && KLADWACHT_TEST_BUILD) {
    let doc = document;
    try {
      while (!doc.querySelector('meta[name="kladwacht-test-site"]') && doc.defaultView !== doc.defaultView.parent) doc = doc.defaultView.parent.document;
    } catch {}
    const id = doc.querySelector('meta[name="kladwacht-test-site"]')?.content;
    const adapter = id && adapterById(id);
    if (adapter) return { adapter, channel: adapter.channel };
  }
  return { adapter: adapterFor(host), channel: null };
}

async function boot() {
  const host = siteHost();
  const picked = pickAdapter(host);
  const stateOf = (settings) => {
    const state = siteState(settings, host);
    if (picked.channel && !settings.siteChannels?.[host]) state.channel = picked.channel;
    return state;
  };
  let app = null;
  let resumeTimer = 0;
  const apply = (settings) => {
    const state = stateOf(settings);
    clearTimeout(resumeTimer);
    if (state.paused) resumeTimer = setTimeout(() => apply(settings), settings.pausedUntil - Date.now() + 50);
    if (state.active && !app) {
      app = new App({ doc: document, adapter: picked.adapter, site: state, settings, host, features });
      app.start();
    } else if (!state.active && app) {
      app.stop();
      app = null;
    } else if (app && (settings.lang !== app.settings.lang || settings.drawMode !== app.settings.drawMode)) {
      // Another language or way of drawing: start over so everything is redrawn.
      app.stop();
      app = new App({ doc: document, adapter: picked.adapter, site: state, settings, host, features });
      app.start();
    } else if (app) {
      app.settings = settings;
      if (app.site.channel !== state.channel) {
        // The school moved this site to another channel: scan everything again.
        app.site = state;
        for (const d of app.drafts.values()) {
          d.cache.clear();
          d.schedule(0);
        }
      }
    }
  };
  // Start at once; a managed policy Chromium is still loading follows (lang, site channels).
  apply(await loadSettings({ managedTimeout: 200 }));
  onSettingsChanged(apply);
  loadSettings().then(apply);
}

// Run once per frame, also when the popup injects the script into an open tab.
if (!globalThis.__kladwacht && api?.runtime?.id) {
  globalThis.__kladwacht = true;
  boot().catch((e) => console.warn('Kladwacht:', e));
}
