// The card: hover (or click) a highlighted word to see what was found, why
// the school's policy cares, what to do instead, and the buttons "negeer
// hier", "niet in dit veld" and, where safe, a one-click fix. Keyboard:
// Alt+Shift+K in a draft opens the card on the finding at (or after) the
// caret and moves focus into it; Escape closes it and returns to the draft.

import { contains } from '../geometry.js';
import { applyFix, fixFor } from '../fixes.js';
import { categoryLabel, findingText, severityLabel, t } from '../i18n.js';

const HOVER_DELAY = 250;
const CLOSE_DELAY = 400;

export default {
  id: 'card',
  start(app) {
    const { win, doc } = app;
    let open = null; // { el, draft, finding }
    let hoverTimer = 0;
    let closeTimer = 0;
    let moveFrame = 0;
    let lastMove = null;

    const hitAt = (x, y) => app.hits.find((h) => contains(h.clip, x, y) && h.rects.some((r) => contains(r, x, y)));
    const sameFinding = (a, b) => a && b && a.draft === b.draft && a.finding.key === b.finding.key && a.finding.start === b.finding.start;

    function close({ refocus = false } = {}) {
      clearTimeout(hoverTimer);
      clearTimeout(closeTimer);
      if (!open) return;
      const { el, draft, mark } = open;
      mark?.classList.remove('active');
      el.remove();
      open = null;
      if (refocus && draft.field.isConnected) draft.field.focus({ preventScroll: true });
    }

    function place(el, rects) {
      const first = rects[0];
      const margin = 8;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      let left = Math.min(Math.max(margin, first.left), win.innerWidth - w - margin);
      let top = first.bottom + 6;
      if (top + h > win.innerHeight - margin) top = Math.max(margin, first.top - h - 6);
      el.style.left = `${Math.max(margin, left)}px`;
      el.style.top = `${top}px`;
    }

    function build(hit) {
      const { draft, finding } = hit;
      const o = app.overlay;
      const el = o.el('div', 'card');
      el.dataset.category = finding.category;
      el.dataset.severity = finding.severity;
      el.setAttribute('role', 'dialog');
      el.setAttribute('aria-label', `Kladwacht: ${categoryLabel(finding.category)}`);
      const { message, advice } = findingText(finding);
      const closeBtn = o.el('button', 'close', '×');
      closeBtn.setAttribute('aria-label', t('card_close'));
      closeBtn.dataset.action = 'close';
      const badge = o.el('span', 'badge', severityLabel(finding.severity));
      const title = o.el('h2', null, categoryLabel(finding.category));
      const what = o.el('p', 'what');
      what.append(o.el('span', 'label', t('card_what') + ' '), message);
      const why = o.el('p', 'why');
      why.append(o.el('span', 'label', t('card_why') + ' '), t(`rule_${finding.policy_rule}`), ' ', o.el('span', 'rule', `(${t('card_rule', [finding.policy_rule])})`));
      const instead = o.el('p', 'instead');
      instead.append(o.el('span', 'label', t('card_instead') + ' '), advice);
      const actions = o.el('div', 'actions');
      const fix = fixFor(finding);
      if (fix) {
        const b = o.el('button', 'primary', fix.label);
        b.dataset.action = 'fix';
        actions.append(b);
      }
      const ignore = o.el('button', null, t('card_ignore'));
      ignore.dataset.action = 'ignore';
      ignore.title = t('card_ignore_title');
      const off = o.el('button', null, t('card_field_off'));
      off.dataset.action = 'field-off';
      actions.append(ignore, off);
      const note = o.el('p', 'private', t('card_private'));
      // Long explanations scroll; the buttons stay in view below them.
      const body = o.el('div', 'body');
      // What to do comes before the rule: it is what the user acts on.
      body.append(badge, title, what, instead, why);
      el.append(closeBtn, body, actions, note);

      // Keep the editor's focus and selection when the card is clicked.
      el.addEventListener('mousedown', (e) => e.preventDefault());
      el.addEventListener('click', async (e) => {
        const action = e.target.closest?.('button')?.dataset.action;
        if (!action) return;
        if (action === 'close') close({ refocus: true });
        else if (action === 'ignore') {
          close({ refocus: true });
          draft.ignore(finding);
        } else if (action === 'field-off') {
          close();
          await app.switchOff(draft);
        } else if (action === 'fix') {
          close();
          const ok = await applyFix(draft, finding, fix.replacement);
          if (!ok) app.overlay.announce(t('fix_failed'));
          draft.schedule(0);
        }
      });
      el.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close({ refocus: true });
        }
      });
      return el;
    }

    function show(hit, { focus = false } = {}) {
      if (open && sameFinding(open, hit)) return;
      close();
      const el = build(hit);
      app.overlay.layers.cards.append(el);
      hit.mark?.classList.add('active');
      open = { el, draft: hit.draft, finding: hit.finding, mark: hit.mark };
      place(el, hit.rects);
      if (focus) el.querySelector('.actions button')?.focus();
    }

    function onMove(e) {
      lastMove = e;
      moveFrame ||= win.requestAnimationFrame(() => {
        moveFrame = 0;
        const ev = lastMove;
        if (open && ev.composedPath().includes(open.el)) {
          clearTimeout(closeTimer);
          closeTimer = 0;
          return;
        }
        const hit = hitAt(ev.clientX, ev.clientY);
        if (hit) {
          clearTimeout(closeTimer);
          closeTimer = 0;
          if (!open || !sameFinding(open, hit)) {
            clearTimeout(hoverTimer);
            hoverTimer = setTimeout(() => show(hit), HOVER_DELAY);
          }
        } else {
          clearTimeout(hoverTimer);
          if (open && !closeTimer) closeTimer = setTimeout(() => close(), CLOSE_DELAY);
        }
      });
    }

    function onClick(e) {
      if (open && e.composedPath().includes(open.el)) return;
      const hit = hitAt(e.clientX, e.clientY);
      if (hit) show(hit);
    }

    function caretHit(draft) {
      const hits = app.hits.filter((h) => h.draft === draft);
      if (!hits.length) return null;
      let caret = 0;
      if (draft.kind !== 'editable') caret = draft.field.selectionStart ?? 0;
      else {
        const sel = doc.getSelection();
        if (sel?.rangeCount) {
          const r = doc.createRange();
          r.setStart(draft.field, 0);
          const focus = sel.getRangeAt(0);
          r.setEnd(focus.startContainer, focus.startOffset);
          caret = r.toString().length; // close enough to pick the nearest finding
        }
      }
      return hits.find((h) => h.finding.end >= caret) ?? hits[hits.length - 1];
    }

    function onKey(e) {
      if (e.key === 'Escape' && open) {
        close({ refocus: true });
        return;
      }
      if (e.altKey && e.shiftKey && e.code === 'KeyK' && app.focused) {
        const hit = caretHit(app.focused);
        if (hit) {
          e.preventDefault();
          e.stopPropagation();
          show(hit, { focus: true });
        }
      }
    }

    app.listen(doc, 'mousemove', onMove, { capture: true, passive: true });
    app.listen(doc, 'click', onClick, { capture: true, passive: true });
    app.listen(doc, 'keydown', onKey, true);
    app.on('layout', () => {
      if (!open) return;
      const hit = app.hits.find((h) => sameFinding(h, open));
      if (!hit) return close();
      open.mark = hit.mark;
      hit.mark.classList.add('active');
      place(open.el, hit.rects);
    });
    app.on('findings', (draft) => {
      if (open?.draft === draft && !draft.findings.some((f) => f.key === open.finding.key)) close();
    });
    return () => close();
  },
};
