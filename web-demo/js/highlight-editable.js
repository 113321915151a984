// Highlights for a contenteditable, without touching its DOM: the CSS Custom
// Highlight API where the browser has it (one shared Highlight per severity,
// so several checkers on a page can share the registry), otherwise boxes in
// an overlay behind the text, positioned from Range.getClientRects().

import { domRange, pieces } from './text-model.js';

export const HIGHLIGHT_API = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
const PRIORITY = { info: 1, warn: 2, block: 3 };

function shared(severity) {
  const name = `kladwacht-${severity}`;
  let h = CSS.highlights.get(name);
  if (!h) {
    h = new Highlight();
    h.priority = PRIORITY[severity];
    CSS.highlights.set(name, h);
  }
  return h;
}

export class EditableHighlighter {
  /** `mode`: 'auto' (Highlight API when available) or 'overlay' (always the fallback). */
  constructor(editable, overlay, mode = 'auto') {
    this.editable = editable;
    this.overlay = overlay;
    this.useApi = HIGHLIGHT_API && mode !== 'overlay';
    this.ranges = [];
    this.last = null;
    if (!this.useApi) {
      // Boxes are absolute positions: redraw when the text scrolls or re-wraps.
      const redraw = () => this.last && this.draw(...this.last);
      editable.addEventListener('scroll', redraw);
      new ResizeObserver(redraw).observe(editable);
    }
  }

  get mode() {
    return this.useApi ? 'highlight-api' : 'overlay';
  }

  draw(model, findings) {
    this.clear();
    this.last = [model, findings];
    if (this.useApi) {
      for (const f of findings) {
        const range = f.end > f.start && domRange(model, f.start, f.end);
        if (!range) continue;
        shared(f.severity).add(range);
        this.ranges.push([f.severity, range]);
      }
      return;
    }
    const origin = this.overlay.getBoundingClientRect();
    const frag = document.createDocumentFragment();
    for (const f of findings) {
      if (f.end <= f.start) continue;
      // One sub-range per text node: a range over whole elements would also
      // return the elements' own boxes.
      for (const p of pieces(model, f.start, f.end)) {
        const r = document.createRange();
        r.setStart(p.node, p.from);
        r.setEnd(p.node, p.to);
        for (const rect of r.getClientRects()) {
          if (rect.width < 0.5) continue;
          const box = document.createElement('span');
          box.className = 'hl';
          box.dataset.severity = f.severity;
          Object.assign(box.style, {
            left: `${rect.left - origin.left}px`,
            top: `${rect.top - origin.top}px`,
            width: `${rect.width}px`,
            height: `${rect.height}px`,
          });
          frag.append(box);
        }
      }
    }
    this.overlay.replaceChildren(frag);
  }

  clear() {
    for (const [sev, range] of this.ranges) CSS.highlights.get(`kladwacht-${sev}`)?.delete(range);
    this.ranges = [];
    this.last = null;
    this.overlay.replaceChildren();
  }
}
