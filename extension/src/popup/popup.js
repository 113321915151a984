// The toolbar popup: is Kladwacht active here, how many findings the focused
// draft has, pause for an hour, switch this site on or off. Switching on a
// site that is not built in asks for that one site's permission, now.

import { api } from '../shared/api.js';
import { loadSettings, saveSettings, siteState } from '../shared/settings.js';

import { setLang, t } from '../shared/i18n.js';

const $ = (id) => document.getElementById(id);
const HOUR = 60 * 60 * 1000;


async function currentTab() {
  // The end-to-end tests open the popup as a page and name the tab (?tab=ID).
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (id) return api.tabs.get(id);
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function siteOf(tab) {
  try {
    const url = new URL(tab?.url ?? '');
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

function applyLang(lang) {
  setLang(lang);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  // The switch names the other language in that language.
  const other = lang === 'en' ? 'nl' : 'en';
  $('lang').textContent = t('popup_lang_switch', [], other);
  $('lang').lang = other;
  $('lang').dataset.lang = other;
}

async function render() {
  const tab = await currentTab();
  const url = siteOf(tab);
  const settings = await loadSettings();
  applyLang(settings.lang);
  const timeFmt = new Intl.DateTimeFormat(settings.lang, { hour: '2-digit', minute: '2-digit' });
  const siteEl = $('site');
  const draftEl = $('draft');
  const toggle = $('site-toggle');
  const pause = $('pause');
  if (!url) {
    siteEl.textContent = t('popup_no_site');
    siteEl.dataset.state = 'off';
    toggle.disabled = true;
    draftEl.textContent = '';
  } else {
    const state = siteState(settings, url.hostname);
    const stored = (await api.storage.session.get(`tab:${tab.id}`))[`tab:${tab.id}`];
    siteEl.dataset.state = state.paused ? 'paused' : state.active ? 'on' : 'off';
    siteEl.textContent = state.paused
      ? t('popup_paused_until', [timeFmt.format(settings.pausedUntil)])
      : t(state.active ? 'popup_active' : 'popup_inactive', [url.hostname]);
    toggle.checked = state.siteOn;
    toggle.disabled = false;
    draftEl.replaceChildren();
    if (state.active) {
      if (!stored?.focused) draftEl.textContent = t('popup_no_draft');
      else if (!stored.total) draftEl.textContent = t('popup_clean');
      else {
        const strong = document.createElement('strong');
        strong.dataset.severity = stored.block ? 'block' : stored.warn ? 'warn' : 'info';
        strong.textContent = t(stored.total === 1 ? 'popup_findings_one' : 'popup_findings', [String(stored.total)]);
        draftEl.append(strong);
        if (stored.block) draftEl.append(' ', t('popup_blocking', [String(stored.block)]));
      }
    }
    draftEl.dataset.count = state.active && stored?.focused ? String(stored.total) : '';
  }
  // Findings the user marked "geen probleem": a count, kept on this computer only.
  const { guardCounts } = await api.storage.local.get('guardCounts');
  const fps = guardCounts?.falsePositive ?? 0;
  $('false-positives').hidden = !fps;
  $('false-positives').dataset.count = String(fps);
  $('false-positives').textContent = fps ? t('popup_false_positives', [String(fps)]) : '';
  $('lang').hidden = settings.langLocked;
  const paused = settings.pausedUntil > Date.now();
  pause.textContent = paused ? t('popup_resume') : t('popup_pause');
  pause.dataset.paused = String(paused);
  document.body.dataset.ready = 'true';
  return { tab, url, settings };
}

let ctx = null;

$('pause').addEventListener('click', async () => {
  const paused = ctx.settings.pausedUntil > Date.now();
  await saveSettings({ pausedUntil: paused ? 0 : Date.now() + HOUR });
  ctx = await render();
});

$('site-toggle').addEventListener('change', async (e) => {
  const on = e.target.checked;
  const { url, tab } = ctx;
  const host = url.hostname;
  const builtin = siteState(ctx.settings, host).builtin;
  const origins = [`${url.protocol}//${host}/*`];
  $('error').hidden = true;
  try {
    if (!builtin && on) {
      // Must run inside the click: the browser asks the user for this one site.
      const granted = await api.permissions.request({ origins });
      if (!granted) {
        e.target.checked = false;
        return;
      }
    }
    const sites = { ...ctx.settings.sites };
    if (builtin && on) delete sites[host];
    else sites[host] = on;
    await saveSettings({ sites });
    if (!builtin) {
      const answer = await api.runtime.sendMessage({ type: on ? 'user-site-on' : 'user-site-off', tabId: tab.id });
      if (answer?.error) throw new Error(answer.error);
      // Give the site's permission back; a permission the extension must keep cannot be.
      if (!on) await api.permissions.remove({ origins }).catch(() => {});
    }
  } catch (err) {
    $('error').textContent = t('popup_error');
    $('error').hidden = false;
    console.warn('Kladwacht:', err);
  }
  ctx = await render();
});

$('options').addEventListener('click', () => api.runtime.openOptionsPage());

$('lang').addEventListener('click', async (e) => {
  await saveSettings({ lang: e.currentTarget.dataset.lang });
  ctx = await render();
});

// Live count while the popup is open.
api.storage.onChanged.addListener(async () => {
  ctx = await render();
});

render().then((c) => (ctx = c));
