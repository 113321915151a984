// Which elements are drafts. A draft is a textarea, a text input that is a
// message box, or an editable region (contenteditable, role=textbox, a
// designMode document). Left alone: passwords and anything the browser would
// fill with credentials or card data, search boxes, read-only fields, and
// fields the user or the site switched off (data-kladwacht="off").

const CREDENTIAL_AUTOCOMPLETE =
  /\b(current-password|new-password|one-time-code|username|webauthn|cc-[a-z-]+|email|tel[a-z-]*|street-address|postal-code|bday[a-z-]*)\b/i;
const SEARCH = /(^|[\s_-])(search|zoek|zoeken|query|filter|q)($|[\s_-])/i;
const MESSAGE_HINT =
  /(message|bericht|comment|reactie|reply|antwoord|chat|post|tweet|status|caption|onderwerp|subject|note|notitie|opmerking|compose|tekst|text|body|inhoud)/i;

function hints(el) {
  return [el.name, el.id, el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title')]
    .filter(Boolean)
    .join(' ');
}

function switchedOff(el) {
  return el.closest('[data-kladwacht="off"]') !== null;
}

function isSearch(el) {
  const role = el.getAttribute('role');
  if (role === 'searchbox' || role === 'combobox') return true;
  if (el.closest('[role="search"], search')) return true;
  if (el.getAttribute('type') === 'search' || el.getAttribute('inputmode') === 'search') return true;
  if (el.getAttribute('enterkeyhint') === 'search') return true;
  return SEARCH.test(hints(el));
}

function usableControl(el) {
  return !el.disabled && !el.readOnly && !switchedOff(el) && !CREDENTIAL_AUTOCOMPLETE.test(el.getAttribute('autocomplete') ?? '');
}

/** The outermost editable element containing `el` (the editing host). */
export function editingHost(el) {
  let host = el;
  while (host.parentElement && host.parentElement.isContentEditable) host = host.parentElement;
  return host;
}

/**
 * The draft field `el` belongs to, as { field, kind }, or null.
 * kind: 'textarea' | 'input' | 'editable'.
 */
export function fieldFor(el) {
  if (!el || el.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA') {
    return usableControl(el) && !isSearch(el) ? { field: el, kind: 'textarea' } : null;
  }
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (type !== 'text') return null; // password, search, email, … never
    if (!usableControl(el) || isSearch(el) || !MESSAGE_HINT.test(hints(el))) return null;
    return { field: el, kind: 'input' };
  }
  if (el.isContentEditable) {
    const host = editingHost(el);
    if (switchedOff(host) || isSearch(host)) return null;
    return { field: host, kind: 'editable' };
  }
  // role=textbox on an element that is not (yet) editable: its editable child.
  if (el.getAttribute('role') === 'textbox') {
    const inner = el.querySelector('[contenteditable]:not([contenteditable="false"]), textarea');
    return inner ? fieldFor(inner) : null;
  }
  return null;
}

const CANDIDATES = 'textarea, input, [contenteditable]:not([contenteditable="false"]), [role="textbox"]';

/** Draft fields in `root` (an element or document), outermost editable regions only. */
export function findFields(root) {
  const out = new Map();
  const consider = (el) => {
    const f = fieldFor(el);
    if (f) out.set(f.field, f);
  };
  if (root.nodeType === Node.ELEMENT_NODE && root.matches(CANDIDATES)) consider(root);
  for (const el of root.querySelectorAll(CANDIDATES)) consider(el);
  const doc = root.ownerDocument ?? root;
  if (doc.designMode === 'on' && doc.body) consider(doc.body);
  return [...out.values()];
}

/** A stable-ish name for a field, to remember that the user switched it off. */
export function fieldSignature(field) {
  const parts = [field.tagName.toLowerCase()];
  for (const attr of ['id', 'name', 'aria-label', 'placeholder', 'data-testid']) {
    const v = field.getAttribute(attr);
    if (v) parts.push(`${attr}=${v}`);
  }
  return parts.join('|');
}
