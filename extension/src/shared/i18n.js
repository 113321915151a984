// Labels in Dutch (the default: the staff who use Kladwacht work in Dutch)
// or English, as the user chooses in the popup. The texts are the
// _locales files, bundled: the browser's own i18n API would follow the
// browser's language instead, and many Dutch-speaking staff run an English
// browser. (The manifest's name and description still use _locales.)

import nl from '../_locales/nl/messages.json' with { type: 'json' };
import en from '../_locales/en/messages.json' with { type: 'json' };

const DICTS = { nl, en };
export const LANGS = ['nl', 'en'];
let current = 'nl';

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'nl';
}

export const getLang = () => current;

/** The label `key` with `subs` filled into its $PLACEHOLDERS$. */
export function t(key, subs = [], lang = current) {
  const entry = DICTS[lang]?.[key] ?? DICTS.nl[key];
  if (!entry) return key;
  const args = [].concat(subs);
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    const m = /^\$(\d)$/.exec(content ?? '');
    return m ? String(args[Number(m[1]) - 1] ?? '') : whole;
  });
}
