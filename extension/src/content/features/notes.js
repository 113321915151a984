// Whole-message findings (R5, R7–R13: BCC, private account, signature,
// personal title, photo consent…) concern the draft as a whole, not a word:
// the core gives them an empty span. They are listed in a small note under
// the focused draft, one entry per finding (data-category, data-severity,
// data-rule), never inside the editor.

import { categoryLabel, findingText } from '../i18n.js';

export default {
  id: 'notes',
  start(app) {
    const { win } = app;
    let box = null;
    let frame = 0;

    function render() {
      frame = 0;
      const draft = app.focused;
      const notes = draft && !draft.destroyed ? draft.findings.filter((f) => f.start === f.end) : [];
      if (!notes.length) {
        box?.remove();
        box = null;
        return;
      }
      const o = app.overlay;
      if (!box) {
        box = o.el('div', 'notes');
        box.setAttribute('role', 'note');
      }
      if (!box.isConnected) o.layers.cards.append(box);
      box.replaceChildren(
        ...notes.map((f) => {
          const n = o.el('div', 'note');
          n.dataset.category = f.category;
          n.dataset.severity = f.severity;
          n.dataset.rule = f.rule;
          n.append(o.el('strong', null, categoryLabel(f.category)), ' ', findingText(f).message);
          return n;
        }),
      );
      const r = draft.field.getBoundingClientRect();
      box.style.maxWidth = `${Math.max(220, Math.min(480, r.width))}px`;
      box.style.left = `${Math.max(4, r.left)}px`;
      box.style.top = `${Math.max(4, Math.min(r.bottom + 4, win.innerHeight - box.offsetHeight - 4))}px`;
    }

    const request = () => {
      frame ||= win.requestAnimationFrame(render);
    };
    app.on('focus', request);
    app.on('findings', (draft) => {
      if (draft === app.focused) request();
    });
    app.listen(win, 'scroll', request, { capture: true, passive: true });
    app.listen(win, 'resize', request, { passive: true });
    return () => {
      win.cancelAnimationFrame(frame);
      box?.remove();
    };
  },
};
