// The user's switches, kept in storage.local (never synced, never sent):
//   pausedUntil  epoch ms; Kladwacht stays quiet until then
//   sites        { host: true|false } — a built-in site switched off, or another site switched on
//   fieldsOff    { host: [field signature, …] } — fields the user switched off
//   lang         'nl' (default) or 'en': the language of cards and popup
//   drawMode     'auto' (the browser's Highlight API where it has one) or 'overlay'
//                (Kladwacht draws every underline itself; for browsers that misdraw)

import { api } from './api.js';
import { loadSchool } from './school.js';
import { defaultSite, USER_SITE_CHANNEL } from './sites.js';

export const DEFAULTS = { pausedUntil: 0, sites: {}, fieldsOff: {}, lang: 'nl', drawMode: 'auto' };

/**
 * The user's switches, with two of the school's settings on top (managed
 * storage wins over the user): `lang`, and `siteChannels` (host → channel).
 */
export async function loadSettings({ managedTimeout = 0 } = {}) {
  const [got, school] = await Promise.all([api.storage.local.get(Object.keys(DEFAULTS)), loadSchool({ managedTimeout })]);
  const settings = { ...DEFAULTS, ...got, siteChannels: school.effective.site_channels ?? {} };
  if (school.managed.lang) settings.lang = school.managed.lang;
  settings.langLocked = Boolean(school.managed.lang);
  return settings;
}

export function saveSettings(patch) {
  return api.storage.local.set(patch);
}

/** Calls `fn(settings)` whenever the settings change. */
export function onSettingsChanged(fn) {
  const listener = (changes, area) => {
    if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => k in DEFAULTS || k === 'schoolPolicy'))) loadSettings().then(fn);
  };
  api.storage.onChanged.addListener(listener);
  return () => api.storage.onChanged.removeListener(listener);
}

/**
 * Whether Kladwacht runs on `host` and in which channel:
 * { active, channel, builtin, paused, siteOn }.
 */
export function siteState(settings, host, now = Date.now()) {
  const site = defaultSite(host);
  const choice = settings.sites?.[host];
  const siteOn = choice ?? Boolean(site);
  const paused = settings.pausedUntil > now;
  return {
    builtin: Boolean(site),
    channel: settings.siteChannels?.[host] ?? site?.channel ?? USER_SITE_CHANNEL,
    siteOn,
    paused,
    active: siteOn && !paused,
  };
}
