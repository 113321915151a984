// The send guard. At send — the adapter's send button (a click, caught in
// the capture phase before the page sees it) or its shortcut (Ctrl/Cmd+Enter
// in mail, Enter in chat) — a draft that still has a `block` finding is held,
// and a dialog in Kladwacht's overlay lists what remains:
//   "Aanpassen" (default, Escape): back to the draft, nothing sent.
//   "Toch verzenden": the original send is dispatched again, once, unchanged;
//                     the page's own send handler gets the draft as it is.
// How strict "Toch verzenden" is comes from the school's policy per category
// (the strictest category in the draft decides):
//   never   no "Toch verzenden" at all       reason  a typed reason is required
//   tick    a checkbox must be ticked        warn    a confirm only
//   audit   no dialog; the send is counted locally (no draft, no text: a number per category)
// "Dit is geen probleem" marks one finding as a false positive (a salted hash,
// kept locally, see shared/false-positives.js); not offered for `never`.
// A clean draft whose findings are current is not touched at all: the
// original, trusted event goes through.
// An editor in a same-origin iframe (TinyMCE on a school platform) with the
// send button in the page around it is read at send time (frame-draft.js).

import { api } from '../../shared/api.js';
import { countSend, falsePositiveHash, markFalsePositive } from '../../shared/false-positives.js';
import { frameDrafts } from '../frame-draft.js';
import { categoryLabel, findingText, t } from '../i18n.js';

const PRESS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
const PRESS_LIMIT = 1500; // ms: a press held longer gets its outcome anyway
const RANK = { audit: 0, warn: 1, tick: 2, reason: 3, never: 4 };
const FOCUSABLE = 'button:not([disabled]), textarea, input, [tabindex]:not([tabindex="-1"])';

export default {
  id: 'guard',
  start(app) {
    const { win, adapter } = app;
    let info = { overrides: {}, contact: null };
    let passing = false; // true while the original send is dispatched again
    let open = null; // the dialog, while shown

    const loadInfo = () =>
      api.runtime
        .sendMessage({ type: 'guard-info' })
        .then((r) => {
          if (r && !r.error) info = r;
        })
        .catch(() => {});
    loadInfo();
    const onStorage = (changes, area) => {
      if (area === 'managed' || (area === 'local' && 'schoolPolicy' in changes)) loadInfo();
    };
    api.storage.onChanged.addListener(onStorage);

    const modeOf = (f) => info.overrides?.[f.category] ?? 'tick';

    function decide(draft) {
      const blocks = draft.findings.filter((f) => f.severity === 'block');
      const shown = blocks.filter((f) => modeOf(f) !== 'audit');
      const audit = blocks.filter((f) => modeOf(f) === 'audit');
      if (!shown.length) return { pass: true, audit, blocks: [] };
      const mode = shown.map(modeOf).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'warn');
      return { pass: false, audit, blocks: shown, mode };
    }

    function draftForSend(control) {
      const compose = adapter.composeOf(control);
      const all = [...app.drafts.values()];
      const inside = compose && compose.nodeType === Node.ELEMENT_NODE ? all.filter((d) => compose.contains(d.field)) : all;
      if (app.focused && inside.includes(app.focused)) return app.focused;
      const own = inside.find((d) => d.readText().trim());
      if (own) return own;
      // The editor may be a same-origin iframe (TinyMCE, CKEditor 4) with the send button out here
      // (the textarea it replaced is hidden and empty).
      const framed = frameDrafts(app, compose ?? win.document).find((d) => d.readText().trim());
      return framed ?? inside[0] ?? null;
    }

    function finish(decision) {
      if (decision.audit.length) countSend('audit', decision.audit.map((f) => f.category)).catch(() => {});
    }

    // `after` runs the outcome (the dialog, or the replay of a clean send):
    // for a press, once the press is over, so the dialog appears on release
    // and the user's own mouseup and click do not land on it.
    function intercept(e, draft, resend, after = (fn) => fn()) {
      if (open) {
        e.preventDefault();
        e.stopImmediatePropagation();
        return true;
      }
      if (draft.upToDate()) {
        const decision = decide(draft);
        if (decision.pass) {
          finish(decision);
          return false; // untouched: the page gets its own event
        }
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      // The policy may have arrived since (a managed policy loads late): ask again.
      Promise.all([draft.settle(), loadInfo()]).then(() =>
        after(() => {
          if (draft.destroyed) return;
          const decision = decide(draft);
          if (decision.pass) {
            finish(decision);
            resend();
          } else {
            show(draft, decision, resend);
          }
        }),
      );
      return true;
    }

    function again(fn) {
      passing = true;
      try {
        fn();
      } finally {
        passing = false;
      }
    }

    // A press on the send control is a sequence — pointerdown, mousedown,
    // pointerup, mouseup, click — and sites act on different members of it
    // (Closure-style buttons as in Gmail on mouseup, most on click). The guard
    // decides at the first event and then holds or passes the whole press; a
    // held press is replayed as a whole when the user sends anyway. A button
    // worked by the keyboard gives a click alone.
    let press = null; // { control, held, seen, ended } of the press in progress

    function startsPress(e, control) {
      if (e.type === 'pointerdown') return true;
      const current = press && press.control === control && !press.ended;
      if (e.type === 'mousedown') return !current || press.seen.has('mousedown');
      return e.type === 'click' && !current;
    }

    function onPress(e) {
      if (passing || !e.isTrusted) return;
      const target = e.composedPath?.()[0] ?? e.target;
      const control = adapter.sendButton(target);
      if (!control) return;
      if (!startsPress(e, control)) {
        if (!press || press.control !== control || press.ended) return;
        press.seen.add(e.type);
        if (press.held || open) {
          e.preventDefault();
          e.stopImmediatePropagation();
        }
        if (e.type === 'click') endPress(press);
        return;
      }
      const draft = draftForSend(control);
      if (!draft) return;
      const init = {
        bubbles: true, cancelable: true, composed: true, view: win, detail: e.detail || 1,
        screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY,
        ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey, button: e.button ?? 0,
      };
      const sequence = e.type === 'click' ? ['click'] : PRESS;
      const replay = () =>
        again(() => {
          const el = target.isConnected ? target : control;
          for (const type of sequence) {
            const pointer = type.startsWith('pointer');
            const Ctor = pointer ? win.PointerEvent ?? win.MouseEvent : win.MouseEvent;
            const down = type.endsWith('down');
            const extra = pointer ? { pointerId: 1, pointerType: 'mouse', isPrimary: true } : {};
            el.dispatchEvent(new Ctor(type, { ...init, ...extra, buttons: down ? 1 : 0 }));
          }
        });
      const current = { control, held: false, seen: new Set([e.type]), ended: e.type === 'click', waiting: [] };
      press = current;
      // A press that never ends in a click (released elsewhere) still gets its outcome.
      if (!current.ended) setTimeout(() => endPress(current), PRESS_LIMIT);
      current.held = intercept(e, draft, replay, (fn) => (current.ended ? fn() : current.waiting.push(fn)));
    }

    function endPress(p) {
      if (p.ended && !p.waiting.length) return;
      p.ended = true;
      for (const fn of p.waiting.splice(0)) fn();
    }

    function onKey(e) {
      if (passing || !e.isTrusted || !adapter.sendKey(e)) return;
      const target = e.composedPath?.()[0] ?? e.target;
      const found = adapter.fieldFor(target);
      const draft = found && app.drafts.get(found.field);
      if (!draft) return;
      const init = {
        bubbles: true, cancelable: true, composed: true, view: win, key: e.key, code: e.code, location: e.location,
        keyCode: e.keyCode, which: e.which, charCode: e.charCode,
        ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey, repeat: false,
      };
      intercept(e, draft, () => again(() => target.dispatchEvent(new win.KeyboardEvent('keydown', init))));
    }

    for (const type of PRESS) win.addEventListener(type, onPress, true);
    win.addEventListener('keydown', onKey, true);

    // ---- The dialog ----

    function close({ refocus }) {
      if (!open) return;
      const { backdrop, draft } = open;
      backdrop.remove();
      open = null;
      if (refocus && draft.field.isConnected) draft.field.focus({ preventScroll: true });
    }

    function show(draft, decision, resend) {
      const o = app.overlay;
      const backdrop = o.el('div', 'guard-backdrop');
      const box = o.el('div', 'guard');
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      box.setAttribute('aria-labelledby', 'kw-guard-title');
      box.setAttribute('aria-describedby', 'kw-guard-intro');
      const title = o.el('h2', null, t('guard_title'));
      title.id = 'kw-guard-title';
      const intro = o.el('p', 'intro');
      intro.id = 'kw-guard-intro';
      const list = o.el('ul', 'remaining');
      const modeBox = o.el('div', 'mode');
      const contact = o.el('p', 'contact');
      const actions = o.el('div', 'actions');
      const adjust = o.el('button', 'primary', t('guard_adjust'));
      adjust.dataset.action = 'adjust';
      const send = o.el('button', 'send', t('guard_send_anyway'));
      send.dataset.action = 'send';
      actions.append(adjust, send);
      box.append(title, intro, list, modeBox, contact, actions, o.el('p', 'private', t('card_private')));
      backdrop.append(box);
      o.root.append(backdrop);
      open = { backdrop, box, draft };

      let remaining = decision.blocks;
      let reason = null;
      let tick = null;

      const mode = () => (remaining.length ? remaining.map(modeOf).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'warn') : 'clear');

      function validate() {
        const m = mode();
        const ok = m === 'clear' || m === 'warn' || (m === 'reason' && reason?.value.trim().length >= 3) || (m === 'tick' && tick?.checked);
        send.disabled = !ok;
        send.setAttribute('aria-disabled', String(!ok));
      }

      function render() {
        const m = mode();
        box.dataset.mode = m;
        intro.textContent = m === 'clear' ? t('guard_all_clear') : t('guard_intro');
        list.replaceChildren();
        for (const f of remaining) {
          const li = o.el('li');
          li.dataset.category = f.category;
          li.dataset.severity = f.severity;
          li.dataset.rule = f.rule;
          li.append(o.el('strong', null, categoryLabel(f.category)), ' ', o.el('span', 'msg', findingText(f).message));
          if (modeOf(f) !== 'never') {
            const fp = o.el('button', 'fp', t('guard_false_positive'));
            fp.dataset.action = 'false-positive';
            fp.addEventListener('click', () => falsePositive(f));
            li.append(' ', fp);
          }
          list.append(li);
        }
        list.hidden = !remaining.length;
        modeBox.replaceChildren();
        reason = tick = null;
        if (m === 'never') modeBox.append(o.el('p', null, t('guard_mode_never')));
        if (m === 'reason') {
          const label = o.el('label', null, t('guard_reason_label'));
          reason = o.el('textarea');
          reason.rows = 2;
          reason.dataset.field = 'reason';
          reason.addEventListener('input', validate);
          label.append(reason);
          modeBox.append(label, o.el('p', 'note', t('guard_reason_note')));
        }
        if (m === 'tick') {
          const label = o.el('label', 'tick');
          tick = o.el('input');
          tick.type = 'checkbox';
          tick.dataset.field = 'tick';
          tick.addEventListener('change', validate);
          label.append(tick, ' ', t('guard_tick_label'));
          modeBox.append(label);
        }
        if (m === 'warn') modeBox.append(o.el('p', null, t('guard_mode_warn')));
        send.hidden = m === 'never';
        send.textContent = m === 'clear' ? t('guard_send') : t('guard_send_anyway');
        const c = info.contact;
        const who = c ? [c.name, c.email, c.phone].filter(Boolean).join(' · ') : '';
        contact.textContent = who ? t('guard_contact', [who]) : '';
        contact.hidden = !who;
        validate();
      }

      async function falsePositive(f) {
        const hash = f.fpHash ?? (await falsePositiveHash(f.rule, f.text));
        app.falsePositives.add(hash);
        remaining = remaining.filter((x) => x !== f);
        draft.findings = draft.findings.filter((x) => x.key !== f.key);
        if (app.drafts.get(draft.field) === draft) app.emit('findings', draft);
        render();
        adjust.focus();
        await markFalsePositive(hash).catch(() => {});
      }

      adjust.addEventListener('click', () => close({ refocus: true }));
      send.addEventListener('click', () => {
        if (send.disabled || send.hidden) return;
        const categories = remaining.map((f) => f.category);
        close({ refocus: false });
        if (categories.length) countSend('override', categories).catch(() => {});
        finish(decision);
        resend();
      });
      // Keys stay in the dialog: focus is trapped, Escape is "Aanpassen", and
      // the page's own shortcuts do not see what is typed in the reason box.
      backdrop.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close({ refocus: true });
        } else if (e.key === 'Tab') {
          const items = [...box.querySelectorAll(FOCUSABLE)].filter((el) => !el.hidden && !el.disabled);
          const at = items.indexOf(o.shadow.activeElement);
          const next = items[(at + (e.shiftKey ? -1 : 1) + items.length) % items.length];
          e.preventDefault();
          next?.focus();
        }
        e.stopPropagation();
      });
      for (const type of ['keyup', 'keypress', 'input', 'beforeinput', 'paste']) backdrop.addEventListener(type, (e) => e.stopPropagation());
      // A click outside the dialog does nothing (the backdrop is modal).
      backdrop.addEventListener('mousedown', (e) => {
        if (e.target === backdrop) e.preventDefault();
      });
      render();
      adjust.focus();
    }

    return () => {
      for (const type of PRESS) win.removeEventListener(type, onPress, true);
      win.removeEventListener('keydown', onKey, true);
      api.storage.onChanged.removeListener(onStorage);
      close({ refocus: false });
    };
  },
};
