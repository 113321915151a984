// Content-script entry, in every frame of a watched site. It stays thin:
// find fields, send their text to the extension's worker, draw the results.
// It starts and stops with the user's switches (pause, site on/off).

import { api } from '../shared/api.js';
import { loadSettings, onSettingsChanged, siteState } from '../shared/settings.js';
import { App } from './app.js';
import { adapterFor, features } from './registry.js';

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

async function boot() {
  const host = siteHost();
  let app = null;
  let resumeTimer = 0;
  const apply = (settings) => {
    const state = siteState(settings, host);
    clearTimeout(resumeTimer);
    if (state.paused) resumeTimer = setTimeout(() => apply(settings), settings.pausedUntil - Date.now() + 50);
    if (state.active && !app) {
      app = new App({ doc: document, adapter: adapterFor(host), site: state, settings, host, features });
      app.start();
    } else if (!state.active && app) {
      app.stop();
      app = null;
    } else if (app && (settings.lang !== app.settings.lang || settings.drawMode !== app.settings.drawMode)) {
      // Another language or way of drawing: start over so everything is redrawn.
      app.stop();
      app = new App({ doc: document, adapter: adapterFor(host), site: state, settings, host, features });
      app.start();
    } else if (app) {
      app.settings = settings;
    }
  };
  apply(await loadSettings());
  onSettingsChanged(apply);
}

// Run once per frame, also when the popup injects the script into an open tab.
if (!globalThis.__kladwacht && api?.runtime?.id) {
  globalThis.__kladwacht = true;
  boot().catch((e) => console.warn('Kladwacht:', e));
}
