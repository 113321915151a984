// Highlights for a <textarea>: a mirror element behind it with the same box,
// font and wrapping, holding the same text with <mark>s around the findings.
// The textarea is transparent, so the marks show through under the words;
// the user's text is never touched.

const RANK = { info: 1, warn: 2, block: 3 };

/** Splits `text` into runs, each with the strongest severity covering it (or none). */
export function runs(text, findings) {
  const cuts = new Set([0, text.length]);
  const spans = findings.filter((f) => f.end > f.start);
  for (const f of spans) cuts.add(Math.min(f.start, text.length)).add(Math.min(f.end, text.length));
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let sev = null;
    for (const f of spans) if (f.start <= a && f.end >= b && (!sev || RANK[f.severity] > RANK[sev])) sev = f.severity;
    out.push({ start: a, end: b, severity: sev });
  }
  return out;
}

export class TextareaHighlighter {
  constructor(textarea, mirror) {
    this.ta = textarea;
    this.mirror = mirror;
    textarea.addEventListener('scroll', () => this.syncScroll());
    new ResizeObserver(() => this.layout()).observe(textarea);
  }

  /** Puts the mirror exactly over the textarea's padding box (without its scrollbar). */
  layout() {
    const { ta, mirror } = this;
    if (ta.hidden) return;
    Object.assign(mirror.style, {
      top: `${ta.offsetTop + ta.clientTop}px`,
      left: `${ta.offsetLeft + ta.clientLeft}px`,
      width: `${ta.clientWidth}px`,
      height: `${ta.clientHeight}px`,
    });
    this.syncScroll();
  }

  syncScroll() {
    this.mirror.scrollTop = this.ta.scrollTop;
    this.mirror.scrollLeft = this.ta.scrollLeft;
  }

  draw(text, findings) {
    const frag = document.createDocumentFragment();
    for (const r of runs(text, findings)) {
      const piece = text.slice(r.start, r.end);
      if (!r.severity) {
        frag.append(piece);
      } else {
        const mark = document.createElement('mark');
        mark.dataset.severity = r.severity;
        mark.textContent = piece;
        frag.append(mark);
      }
    }
    // A trailing line break only takes up a line when something follows it.
    if (text.endsWith('\n')) frag.append(' ');
    this.mirror.replaceChildren(frag);
    this.layout();
  }

  clear() {
    this.mirror.replaceChildren();
  }
}
