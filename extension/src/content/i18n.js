// Words on screen: the extension's own labels come from _locales (Dutch by
// default, English for an English browser); a finding's explanation comes
// from the core in the same language.

import { api } from '../shared/api.js';

export const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

/** 'en' for an English-language browser, Dutch for everyone else. */
export function uiLang() {
  const ui = (api.i18n.getUILanguage?.() ?? navigator.language ?? 'nl').toLowerCase();
  return ui.startsWith('en') ? 'en' : 'nl';
}

/** A finding's message and advice in the user's language. */
export function findingText(f, lang = uiLang()) {
  return lang === 'en'
    ? { message: f.message_en || f.message, advice: f.advice_en || f.advice }
    : { message: f.message || f.message_en, advice: f.advice || f.advice_en };
}

export const categoryLabel = (category) => t(`cat_${category.replace(/-/g, '_')}`) || category;
export const severityLabel = (severity) => t(`sev_${severity}`);
