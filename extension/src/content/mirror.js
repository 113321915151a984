// Where the words of a <textarea> or <input> are on screen. A form control
// exposes no text nodes, so a hidden copy (the mirror) with the same box,
// font and wrapping lays out the same text; a Range over the copy's text
// gives the rectangles. The mirror lives in Kladwacht's own shadow root.

const COPIED = [
  'direction',
  'font-family',
  'font-size',
  'font-style',
  'font-variant',
  'font-weight',
  'font-stretch',
  'font-feature-settings',
  'font-kerning',
  'letter-spacing',
  'word-spacing',
  'line-height',
  'text-align',
  'text-indent',
  'text-transform',
  'tab-size',
  'word-break',
  'overflow-wrap',
  'hyphens',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
];

export class Mirror {
  constructor(container) {
    this.el = container.ownerDocument.createElement('div');
    this.el.className = 'mirror';
    this.el.setAttribute('aria-hidden', 'true');
    container.append(this.el);
    this.value = null;
  }

  /** Lays the control's current text out over the control; returns the mirror's text node. */
  sync(control) {
    const cs = getComputedStyle(control);
    const s = this.el.style;
    for (const p of COPIED) s.setProperty(p, cs.getPropertyValue(p));
    const r = control.getBoundingClientRect();
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const bt = parseFloat(cs.borderTopWidth) || 0;
    // clientWidth/Height exclude the scrollbar, so lines wrap where the control's do.
    s.left = `${r.left + bl}px`;
    s.top = `${r.top + bt}px`;
    s.width = `${control.clientWidth}px`;
    s.height = `${control.clientHeight}px`;
    const single = control.tagName === 'INPUT';
    s.whiteSpace = single ? 'pre' : 'pre-wrap';
    if (single) {
      // A text input centres its one line vertically.
      const inner = control.clientHeight - (parseFloat(cs.paddingTop) || 0) - (parseFloat(cs.paddingBottom) || 0);
      s.lineHeight = `${inner}px`;
    }
    const value = control.value;
    if (value !== this.value) {
      // A trailing newline needs a character after it to take up a line.
      this.el.textContent = value.endsWith('\n') ? value + '\u200b' : value;
      this.value = value;
    }
    this.el.scrollTop = control.scrollTop;
    this.el.scrollLeft = control.scrollLeft;
    return this.el.firstChild;
  }

  /** Client rects of [start, end) of the control's value; `pass` names a layout pass (one sync per pass). */
  rects(control, start, end, pass) {
    let node = this.el.firstChild;
    if (pass === undefined || pass !== this.pass || control.value !== this.value) node = this.sync(control);
    this.pass = pass;
    if (!node) return [];
    const len = node.data.length;
    const r = this.el.ownerDocument.createRange();
    r.setStart(node, Math.min(start, len));
    r.setEnd(node, Math.min(end, len));
    return [...r.getClientRects()];
  }

  remove() {
    this.el.remove();
  }
}
