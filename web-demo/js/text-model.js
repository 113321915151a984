// The text of a contenteditable as the scanner sees it, and the way back
// from the scanner's UTF-16 offsets to DOM positions. Text nodes contribute
// their characters; <br> and the start of a block (the <div>s Chromium adds
// on Enter) contribute a line break, as `innerText` would.

const BLOCKS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TR']);

/** Returns { text, nodes: [{ node, start }] } for the editable `root`. */
export function readEditable(root) {
  let text = '';
  const nodes = [];
  const walk = (el) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (n.data) nodes.push({ node: n, start: text.length });
        text += n.data;
      } else if (n.nodeName === 'BR') {
        text += '\n';
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const block = BLOCKS.has(n.nodeName);
        if (block && text && !text.endsWith('\n')) text += '\n';
        walk(n);
        if (block && n.nextSibling && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(root);
  return { text, nodes };
}

/** Replaces the editable's content with `text`, one line per text node and <br>. */
export function writeEditable(root, text) {
  const parts = [];
  String(text)
    .split('\n')
    .forEach((line, i) => {
      if (i) parts.push(document.createElement('br'));
      if (line) parts.push(document.createTextNode(line));
    });
  root.replaceChildren(...parts);
}

/**
 * The text-node pieces covering [start, end) of the model's text:
 * [{ node, from, to }] with offsets inside each node. Pieces never include
 * the synthetic line breaks, so rects built from them hug the glyphs.
 */
export function pieces(model, start, end) {
  const out = [];
  const { nodes } = model;
  // First node that ends after `start` (binary search on the sorted starts).
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].start + nodes[mid].node.data.length <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < nodes.length && nodes[i].start < end; i++) {
    const { node, start: s } = nodes[i];
    const from = Math.max(start, s) - s;
    const to = Math.min(end, s + node.data.length) - s;
    if (to > from) out.push({ node, from, to });
  }
  return out;
}

/** A DOM Range over [start, end) of the model's text, or null if it covers no text. */
export function domRange(model, start, end) {
  const p = pieces(model, start, end);
  if (!p.length) return null;
  const range = document.createRange();
  range.setStart(p[0].node, p[0].from);
  range.setEnd(p[p.length - 1].node, p[p.length - 1].to);
  return range;
}
