// The demo page: two tabs (try it yourself, training), a language switch for
// the whole page, and `?embed` to drop the page chrome inside an iframe.
// URL parameters: lang=nl|en, view=try|train, set=NAME (scenarios/NAME.nl.json),
// channel=email|social|chat|school, embed.

import '../kladwacht-check.js';
import { t, pickLang } from './i18n.js';
import { Training } from './training.js';

const params = new URLSearchParams(location.search);
let lang = pickLang(params.get('lang') || document.documentElement.lang);

const tabs = [...document.querySelectorAll('[role=tab]')];
const training = new Training(document.querySelector('#panel-train'), { lang: () => lang, set: params.get('set') });
let trainingLoaded = false;

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t(lang, 'page.title');
  document.querySelectorAll('[data-i18n]').forEach((n) => (n.textContent = t(lang, n.dataset.i18n)));
  document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(lang, n.dataset.i18nLabel)));
  const toggle = document.querySelector('#lang-toggle');
  const other = lang === 'nl' ? 'en' : 'nl';
  toggle.lang = other; // the button reads its label in the other language
  document.querySelectorAll('kladwacht-check').forEach((c) => c.setAttribute('lang', lang));
}

function select(tab, focus = false) {
  for (const tb of tabs) {
    const on = tb === tab;
    tb.setAttribute('aria-selected', String(on));
    tb.tabIndex = on ? 0 : -1;
    document.getElementById(tb.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  if (tab.id === 'tab-train' && !trainingLoaded) {
    trainingLoaded = true;
    training.load();
  }
  params.set('view', tab.id === 'tab-train' ? 'train' : 'try');
  history.replaceState(null, '', `?${params}${location.hash}`);
}

// Tabs: click, and arrow keys / Home / End between them (WAI-ARIA tabs pattern).
tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (e) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length], true);
  });
});

document.querySelector('#lang-toggle').addEventListener('click', () => {
  lang = lang === 'nl' ? 'en' : 'nl';
  params.set('lang', lang);
  applyLanguage();
  history.replaceState(null, '', `?${params}${location.hash}`);
  if (trainingLoaded) training.load();
});

if (params.has('embed')) document.body.classList.add('embed');
const channel = params.get('channel');
if (channel) document.querySelector('#try-check').setAttribute('channel', channel);

applyLanguage();
select(params.get('view') === 'train' || location.hash === '#oefenen' ? tabs[1] : tabs[0]);
