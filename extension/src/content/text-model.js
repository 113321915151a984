// The text of a contenteditable editor as the scanner sees it, with a map
// back to DOM positions so findings become Ranges. Blocks and <br> become
// line breaks; an empty block becomes an empty line, so paragraphs split on
// blank lines the way the user sees them. Reading never changes the DOM.

const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO', 'SELECT']);

export class TextModel {
  constructor(root) {
    this.root = root;
    this.nodes = []; // text nodes in order
    this.starts = []; // offset of each text node in `text`
    let text = '';
    const nl = () => {
      if (text && !text.endsWith('\n')) text += '\n';
    };
    const walk = (el) => {
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === Node.TEXT_NODE) {
          this.nodes.push(n);
          this.starts.push(text.length);
          text += n.data;
        } else if (n.nodeType === Node.ELEMENT_NODE) {
          const tag = n.tagName.toUpperCase();
          if (SKIPPED.has(tag)) continue;
          if (tag === 'BR') {
            text += '\n';
            continue;
          }
          const block = BLOCKS.has(tag);
          if (block) nl();
          walk(n);
          if (block) nl();
        }
      }
    };
    walk(root);
    this.text = text;
  }

  /** The DOM position of UTF-16 offset `offset`; `bias` picks the side at a gap ('start' or 'end'). */
  position(offset, bias = 'start') {
    const { nodes, starts } = this;
    if (!nodes.length) return null;
    // The last node starting at or before `offset` (binary search).
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let i = lo;
    if (bias === 'end') {
      // Prefer the end of the previous node when `offset` is exactly a node's start.
      while (i > 0 && starts[i] === offset) i -= 1;
    }
    const node = nodes[i];
    const local = offset - starts[i];
    if (local <= node.data.length && local >= 0) return { node, offset: local };
    // `offset` lies in a synthetic line break after this node.
    if (bias === 'end') return { node, offset: node.data.length };
    const next = nodes[i + 1];
    return next ? { node: next, offset: 0 } : { node, offset: node.data.length };
  }

  /** A DOM Range over [start, end), or null. */
  range(start, end) {
    const a = this.position(start, 'start');
    const b = this.position(end, 'end');
    if (!a || !b) return null;
    const r = this.root.ownerDocument.createRange();
    try {
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
    } catch {
      return null;
    }
    return r;
  }
}

/** Splits text into paragraphs at blank lines: [{ start, text }]. */
export function paragraphs(text) {
  const out = [];
  const re = /\n[ \t\u00a0]*\n/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push({ start: last, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    re.lastIndex = last;
  }
  if (last < text.length) out.push({ start: last, text: text.slice(last) });
  return out.filter((p) => p.text.trim());
}
