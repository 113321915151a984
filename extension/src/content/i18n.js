// Words on screen: Kladwacht's own labels (shared/i18n.js) and a finding's
// explanation from the core, both in the language the user chose.

import { getLang, t } from '../shared/i18n.js';

export { t };

/** A finding's message and advice in the user's language. */
export function findingText(f, lang = getLang()) {
  return lang === 'en'
    ? { message: f.message_en || f.message, advice: f.advice_en || f.advice }
    : { message: f.message || f.message_en, advice: f.advice || f.advice_en };
}

export const categoryLabel = (category) => t(`cat_${category.replace(/-/g, '_')}`);
export const severityLabel = (severity) => t(`sev_${severity}`);
