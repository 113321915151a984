// The options page, for a school secretary: the school's policy (name,
// e-mail domains, own numbers/addresses/IBANs, privacy contact, site →
// channel, severities and override modes per category), the language, the
// user's own password (only a salted, truncated hash is kept) and the
// consent register (CSV import with a preview and per-row errors).
// Everything is kept in storage.local; nothing is sent anywhere. Fields the
// school's IT pushed through managed storage are shown locked.

import init, { parseConsentCsv } from '../core/kladwacht.js';
import { api } from '../shared/api.js';
import { setLang, t } from '../shared/i18n.js';
import { registerPassword } from '../shared/own-password.js';
import { CATEGORIES, CHANNELS, LEVELS, OVERRIDE_MODES, loadSchool, onSchoolChanged } from '../shared/school.js';
import { DEFAULT_SITES } from '../shared/sites.js';

const $ = (id) => document.getElementById(id);
const form = $('school-form');
let state = null; // { effective, locked, local, managed, core }
let pending = null; // a parsed consent file waiting for "Importeren"

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

function applyLang(lang) {
  setLang(lang);
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
}

/** The value at `path` ('school.name', 'severity.password.email', 'site_channels.<host with dots>'). */
function get(obj, path) {
  if (path.startsWith('site_channels.')) return obj?.site_channels?.[path.slice('site_channels.'.length)];
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function buildTables() {
  const sites = $('sites').tBodies[0];
  sites.replaceChildren();
  for (const site of DEFAULT_SITES) {
    for (const host of site.hosts) {
      const select = el('select', { 'data-path': `site_channels.${host}`, 'data-default': site.channel, 'aria-label': `${t('opt_channel')}: ${host}` });
      for (const ch of CHANNELS) select.append(el('option', { value: ch }, t(`opt_channel_${ch}`)));
      const row = el('tr');
      row.append(el('td', {}, `${site.name} (${host})`), el('td'));
      row.cells[1].append(select);
      sites.append(row);
    }
  }
  const matrix = $('matrix');
  const head = el('tr');
  head.append(el('th', {}, t('opt_category')));
  for (const ch of CHANNELS) head.append(el('th', {}, t(`opt_channel_${ch}`)));
  head.append(el('th', {}, t('opt_override')));
  matrix.tHead.replaceChildren(head);
  const body = matrix.tBodies[0];
  body.replaceChildren();
  for (const cat of CATEGORIES) {
    const row = el('tr');
    row.dataset.category = cat;
    row.append(el('th', { scope: 'row' }, t(`cat_${cat.replace(/-/g, '_')}`)));
    for (const ch of CHANNELS) {
      const s = el('select', { 'data-path': `severity.${cat}.${ch}`, 'aria-label': `${t(`cat_${cat.replace(/-/g, '_')}`)}, ${t(`opt_channel_${ch}`)}` });
      for (const lv of LEVELS) s.append(el('option', { value: lv }, t(`opt_level_${lv}`)));
      const td = el('td');
      td.append(s);
      row.append(td);
    }
    const o = el('select', { 'data-path': `overrides.${cat}`, 'aria-label': `${t(`cat_${cat.replace(/-/g, '_')}`)}, ${t('opt_override')}` });
    for (const m of OVERRIDE_MODES) o.append(el('option', { value: m }, t(`opt_mode_${m}`)));
    const td = el('td');
    td.append(o);
    row.append(td);
    body.append(row);
  }
}

function fill() {
  const { effective, locked, core } = state;
  for (const input of form.querySelectorAll('[data-path]')) {
    const path = input.dataset.path;
    let value = get(effective, path);
    if (value === undefined && core) value = get(core, path); // the core's default
    if (value === undefined && input.dataset.default) value = input.dataset.default;
    if (path === 'lang') value = effective.lang ?? state.userLang ?? 'nl';
    if (input.dataset.list) value = (value ?? []).join(input.dataset.list === ',' ? ', ' : '\n');
    input.value = value ?? '';
    const isLocked = locked.has(path);
    input.disabled = isLocked;
    const note = input.parentElement.querySelector(`.locked[data-for="${CSS.escape(path)}"]`);
    if (isLocked && !note) {
      const n = el('span', { class: 'locked', 'data-for': path }, t('opt_locked'));
      input.after(n);
      input.setAttribute('aria-describedby', 'managed-note');
    } else if (!isLocked && note) note.remove();
  }
  $('managed-note').hidden = locked.size === 0;
}

async function load() {
  const [school, info, stored] = await Promise.all([
    loadSchool(),
    api.runtime.sendMessage({ type: 'options-info' }).catch(() => null),
    api.storage.local.get(['lang', 'ownPassword', 'consentRegister', 'guardCounts']),
  ]);
  state = { ...school, core: info?.policy ?? null, userLang: stored.lang };
  if (info?.overrides) state.core = { ...(state.core ?? {}), overrides: info.overrides };
  applyLang(school.effective.lang ?? stored.lang ?? 'nl');
  buildTables();
  fill();
  const err = $('policy-error');
  err.hidden = !info?.policyError;
  err.textContent = info?.policyError ? t('opt_policy_error', [info.policyError]) : '';
  showPassword(stored.ownPassword);
  showConsent(stored.consentRegister ?? []);
  showCounts(stored.guardCounts ?? {});
  document.body.dataset.ready = 'true';
}

function readForm() {
  const local = structuredClone(state.local ?? {});
  let lang = null;
  for (const input of form.querySelectorAll('[data-path]')) {
    if (input.disabled) continue; // managed: not the user's to change
    const path = input.dataset.path;
    let value = input.value;
    if (path === 'lang') {
      lang = value;
      continue;
    }
    if (input.dataset.list) value = value.split(input.dataset.list === ',' ? /[,\s]+/ : /\n/).map((s) => s.trim()).filter(Boolean);
    const keys = path.split('.');
    // Site channels: only where the secretary moved a site away from its built-in channel.
    if (keys[0] === 'site_channels') {
      const host = keys.slice(1).join('.');
      local.site_channels ??= {};
      if (value === input.dataset.default) delete local.site_channels[host];
      else local.site_channels[host] = value;
      continue;
    }
    let o = local;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys.at(-1)] = value;
  }
  return { local, lang };
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const { local, lang } = readForm();
  const patch = { schoolPolicy: local };
  if (lang) patch.lang = lang;
  await api.storage.local.set(patch);
  $('saved').textContent = t('opt_saved');
  await load();
});

// ---- Own password ----

function showPassword(reg) {
  $('pw-status').textContent = reg ? t('opt_pw_registered', [String(reg.length)]) : t('opt_pw_none');
  $('pw-forget').hidden = !reg;
  document.body.dataset.ownPassword = reg ? 'registered' : 'none';
}

$('pw-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('pw');
  if (input.value.length < 4) {
    $('pw-status').textContent = t('opt_pw_short');
    return;
  }
  const reg = await registerPassword(input.value);
  input.value = ''; // the password itself is never kept
  await api.storage.local.set({ ownPassword: reg });
  showPassword(reg);
});

$('pw-forget').addEventListener('click', async () => {
  await api.storage.local.remove('ownPassword');
  showPassword(null);
});

// ---- Consent register ----

function showConsent(register) {
  const yes = register.filter((r) => r.consent).length;
  $('consent-stored').textContent = t('opt_consent_stored', [String(register.length), String(yes), String(register.length - yes)]);
  $('consent-stored').dataset.count = String(register.length);
}

function preview(result) {
  const box = $('consent-result');
  box.replaceChildren();
  if (result.errors.length) {
    box.append(el('p', { class: 'error', role: 'alert' }, t('opt_consent_errors', [String(result.errors.length)])));
    const ul = el('ul', { class: 'errors' });
    for (const err of result.errors) {
      const li = el('li', { 'data-line': String(err.line) }, t('opt_consent_row_error', [String(err.line), err.message]));
      ul.append(li);
    }
    box.append(ul);
  }
  if (result.entries.length) {
    const table = el('table', { class: 'preview' });
    const head = el('tr');
    for (const k of ['opt_consent_col_name', 'opt_consent_col_consent', 'opt_consent_col_class']) head.append(el('th', {}, t(k)));
    table.append(el('thead'), el('tbody'));
    table.tHead.append(head);
    for (const r of result.entries.slice(0, 200)) {
      const row = el('tr');
      row.append(el('td', {}, r.name), el('td', {}, r.consent ? t('opt_yes') : t('opt_no')), el('td', {}, r.class ?? ''));
      table.tBodies[0].append(row);
    }
    box.append(el('p', {}, t('opt_consent_preview_count', [String(result.entries.length)])), table);
  }
  box.dataset.state = result.errors.length ? 'errors' : result.entries.length ? 'ok' : 'empty';
}

async function consentText() {
  const file = $('consent-file').files?.[0];
  return file ? file.text() : $('consent-text').value;
}

// The core's own CSV reader (the same as `kladwacht consent import`), loaded on first use.
let core = null;

$('consent-preview').addEventListener('click', async () => {
  core ??= init({ module_or_path: api.runtime.getURL('core/kladwacht_bg.wasm') });
  await core;
  const result = parseConsentCsv(await consentText());
  preview(result);
  // A file with errors is not imported at all: what is stored stays as it is.
  pending = result.errors.length || !result.entries.length ? null : result.entries;
  $('consent-import').disabled = !pending;
});

$('consent-import').addEventListener('click', async () => {
  if (!pending) return;
  await api.storage.local.set({ consentRegister: pending });
  showConsent(pending);
  pending = null;
  $('consent-import').disabled = true;
  $('consent-result').append(el('p', { role: 'status', class: 'done' }, t('opt_consent_done')));
});

// ---- Counts ----

function showCounts(c) {
  const sum = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);
  $('counts').textContent = t('opt_counts_text', [String(c.falsePositive ?? 0), String(sum(c.override)), String(sum(c.audit))]);
}

onSchoolChanged(() => load());
load();
