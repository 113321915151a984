// One-click fixes, offered only where the replacement is safe to make for
// the user: a password becomes dots, a child's name becomes initials. The
// replacement goes through the editor's own input path — select the range,
// then execCommand('insertText'), which fires beforeinput/input like typing —
// so the editor's model stays in step and undo (Ctrl+Z) brings it back.

import { t } from './i18n.js';

const MASK = '•'.repeat(8);
const NAME = /^\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Ll}+\s+)*\p{Lu}[\p{L}'’-]*)*$/u;

/** Initials for a name: "Emma" → "E.", "Emma van den Berg" → "E.v.d.B." */
export function initials(name) {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => w[0] + '.')
    .join('');
}

/** { label, replacement } for a finding, or null when no fix is safe. */
export function fixFor(finding) {
  const text = finding.text ?? '';
  if (finding.category === 'password') {
    // Keep a label the finding may include ("wachtwoord: "), mask the value after it.
    const m = /^([\s\S]*?[:=]\s*|[\s\S]*\s)?(\S+)$/.exec(text);
    if (m) return { label: t('fix_mask'), replacement: (m[1] ?? '') + MASK };
  }
  if (finding.category === 'minor' && NAME.test(text.trim())) {
    return { label: t('fix_initials', [initials(text)]), replacement: initials(text) };
  }
  return null;
}

function afterSelectionSettles(doc) {
  // Editors (Lexical, ProseMirror, Draft.js) read the DOM selection on
  // `selectionchange`, which is dispatched asynchronously: wait for it.
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', done);
      clearTimeout(timer);
      requestAnimationFrame(() => resolve());
    };
    const timer = setTimeout(done, 100);
    doc.addEventListener('selectionchange', done);
  });
}

/**
 * Replaces the finding's text in `draft` by `replacement`. Returns true when
 * the editor took the edit.
 */
export async function applyFix(draft, finding, replacement) {
  const field = draft.field;
  const doc = field.ownerDocument;
  if (draft.kind !== 'editable') {
    if (field.value.slice(finding.start, finding.end) !== finding.text) return false;
    field.focus({ preventScroll: true });
    field.setSelectionRange(finding.start, finding.end);
    return doc.execCommand('insertText', false, replacement);
  }
  const range = draft.rangeOf(finding);
  if (!range || range.toString().replace(/\u00a0/g, ' ') !== finding.text.replace(/\u00a0/g, ' ')) return false;
  field.focus({ preventScroll: true });
  const sel = doc.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  await afterSelectionSettles(doc);
  return doc.execCommand('insertText', false, replacement);
}
