// One draft field being watched. Reading the field and asking the scanner
// happen after the user pauses (or every MAX_WAIT ms while they keep
// typing), never inside the input event. Only paragraphs whose text is new
// travel to the scanner; known ones come from this draft's cache.

import { api } from '../shared/api.js';
import { Mirror } from './mirror.js';
import { paragraphs, TextModel } from './text-model.js';

const QUIET = 150; // ms after the last change
const MAX_WAIT = 600; // ms at most while typing goes on

export class Draft {
  constructor(app, field, kind) {
    this.app = app;
    this.field = field;
    this.kind = kind; // 'textarea' | 'input' | 'editable'
    this.findings = [];
    this.ignored = new Set();
    this.cache = new Map(); // paragraph text → findings relative to the paragraph
    this.model = null;
    this.text = '';
    this.timer = 0;
    this.firstChange = 0;
    this.running = false;
    this.again = false;
    this.mirror = null;
    this.onChange = () => this.schedule();
    if (kind === 'editable') {
      this.observer = new MutationObserver(this.onChange);
      this.observer.observe(field, { childList: true, subtree: true, characterData: true });
    } else {
      field.addEventListener('input', this.onChange);
      field.addEventListener('change', this.onChange);
    }
    this.schedule(0);
  }

  schedule(delay = QUIET) {
    const now = performance.now();
    if (!this.timer) this.firstChange = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(delay, this.firstChange + MAX_WAIT - now));
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.refresh();
    }, wait);
  }

  readText() {
    if (this.kind === 'editable') {
      this.model = new TextModel(this.field);
      return this.model.text;
    }
    return this.field.value;
  }

  async refresh() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.scanOnce();
      } while (this.again && !this.destroyed);
    } catch (e) {
      this.app.failed(e);
    } finally {
      this.running = false;
    }
  }

  async scanOnce() {
    const text = this.readText();
    // A no-break space is a space to the scanner (same length, same offsets).
    const plain = text.replace(/\u00a0/g, ' ');
    const paras = paragraphs(plain);
    const misses = [...new Set(paras.map((p) => p.text).filter((p) => !this.cache.has(p)))];
    if (misses.length) {
      const reply = await api.runtime.sendMessage({ type: 'scan', paragraphs: misses, context: this.app.context(this) });
      if (this.destroyed) return;
      if (!reply || reply.error) throw new Error(reply?.error ?? 'no reply from the scanner');
      misses.forEach((p, i) => this.cache.set(p, reply.results[i]));
      // The user may have typed on while we waited: start over (the cache makes it cheap).
      if (this.readText() !== text) {
        this.again = true;
        return;
      }
    }
    const keep = new Set(paras.map((p) => p.text));
    for (const key of this.cache.keys()) if (!keep.has(key)) this.cache.delete(key);
    const findings = [];
    for (const p of paras) {
      for (const f of this.cache.get(p.text) ?? []) {
        const abs = { ...f, start: f.start + p.start, end: f.end + p.start };
        abs.key = `${abs.rule}\0${abs.text}`;
        if (!this.ignored.has(abs.key)) findings.push(abs);
      }
    }
    this.text = text;
    this.findings = findings;
    this.app.emit('findings', this);
  }

  /** A DOM Range over a finding (editable fields), against the current DOM. */
  rangeOf(finding) {
    if (this.kind !== 'editable') return null;
    if (!this.model || this.model.root !== this.field) this.readText();
    let range = this.model.range(finding.start, finding.end);
    if (!range || range.toString().replace(/\u00a0/g, ' ') !== finding.text) {
      this.readText(); // the DOM moved on since the last scan
      range = this.model.range(finding.start, finding.end);
    }
    return range;
  }

  /** The finding's rectangles on screen (viewport coordinates). */
  rects(finding, range = null, pass = undefined) {
    if (this.kind === 'editable') {
      const r = range ?? this.rangeOf(finding);
      return r ? [...r.getClientRects()].filter((x) => x.width > 0 && x.height > 0) : [];
    }
    // A stale finding (the text moved on) shows nothing until the next scan.
    if (this.field.value.slice(finding.start, finding.end).replace(/\u00a0/g, ' ') !== finding.text) return [];
    this.mirror ??= new Mirror(this.app.overlay.layers.mirrors);
    return this.mirror.rects(this.field, finding.start, finding.end, pass).filter((x) => x.width > 0 && x.height > 0);
  }

  /** "Negeer hier": this finding stays quiet in this draft. */
  ignore(finding) {
    this.ignored.add(finding.key);
    this.findings = this.findings.filter((f) => f.key !== finding.key);
    this.app.emit('findings', this);
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.observer?.disconnect();
    this.field.removeEventListener('input', this.onChange);
    this.field.removeEventListener('change', this.onChange);
    this.mirror?.remove();
    this.findings = [];
    this.app.emit('findings', this);
  }
}
