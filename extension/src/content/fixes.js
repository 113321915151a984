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

const nextFrame = (win) => new Promise((resolve) => win.requestAnimationFrame(() => resolve()));

function select(doc, range) {
  const sel = doc.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

/**
 * Replaces the finding's text in `draft` by `replacement`. Returns true when
 * the editor took the edit.
 *
 * execCommand('insertText') edits the DOM like typing and fires `input`;
 * editors that watch the DOM (Lexical, ProseMirror, Quill, Draft.js,
 * TinyMCE) take it from there. It fires no `beforeinput`, though, and
 * editors driven only by beforeinput (CKEditor 5) put their own DOM back:
 * for those, the same edit goes in as a beforeinput event with its target
 * range, which such an editor handles itself (and marks as handled).
 */
export async function applyFix(draft, finding, replacement) {
  const field = draft.field;
  const doc = field.ownerDocument;
  const win = doc.defaultView;
  if (draft.kind !== 'editable') {
    if (field.value.slice(finding.start, finding.end) !== finding.text) return false;
    field.focus({ preventScroll: true });
    field.setSelectionRange(finding.start, finding.end);
    return doc.execCommand('insertText', false, replacement);
  }
  const same = (a, b) => a.replace(/\u00a0/g, ' ') === b.replace(/\u00a0/g, ' ');
  const took = () => same(draft.readText().slice(finding.start, finding.start + replacement.length), replacement);
  let range = draft.rangeOf(finding);
  if (!range || !same(range.toString(), finding.text)) return false;
  field.focus({ preventScroll: true });
  select(doc, range);
  await afterSelectionSettles(doc);
  doc.execCommand('insertText', false, replacement);
  await nextFrame(win);
  if (took()) return true;
  // The editor undid the DOM edit: offer it the edit as input.
  range = draft.rangeOf(finding);
  if (!range || !same(range.toString(), finding.text)) return false;
  select(doc, range);
  await afterSelectionSettles(doc);
  const { startContainer, startOffset, endContainer, endOffset } = range;
  field.dispatchEvent(
    new win.InputEvent('beforeinput', {
      inputType: 'insertText',
      data: replacement,
      bubbles: true,
      cancelable: true,
      composed: true,
      targetRanges: [new win.StaticRange({ startContainer, startOffset, endContainer, endOffset })],
    }),
  );
  await nextFrame(win);
  return took();
}
