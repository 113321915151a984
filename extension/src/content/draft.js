// One draft field being watched. Reading the field and asking the scanner
// happen after the user pauses (or every MAX_WAIT ms while they keep
// typing), never inside the input event. Only paragraphs whose text is new
// travel to the scanner; known ones come from this draft's cache.

import { api } from '../shared/api.js';
import { falsePositiveHash } from '../shared/false-positives.js';
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
    this.contextKey = '';
    this.messageText = null;
    this.messageFindings = [];
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
    // Site adapters know more than the channel (recipients, account, media):
    // the whole draft then also goes to the whole-message rules (R5, R7–R13).
    const context = this.app.context(this);
    const contextKey = JSON.stringify(context);
    const whole = this.app.adapter.id !== 'generic' && (plain !== this.messageText || contextKey !== this.contextKey);
    if (misses.length || whole) {
      const reply = await api.runtime.sendMessage({
        type: 'scan',
        paragraphs: misses,
        context: { channel: context.channel },
        message: whole ? { text: plain, context } : null,
      });
      if (this.destroyed) return;
      if (!reply || reply.error) throw new Error(reply?.error ?? 'no reply from the scanner');
      misses.forEach((p, i) => this.cache.set(p, reply.results[i]));
      if (whole) {
        this.messageText = plain;
        this.messageFindings = reply.message ?? [];
      }
      // The user may have typed on while we waited: start over (the cache makes it cheap).
      if (this.readText() !== text) {
        this.again = true;
        return;
      }
    }
    this.contextKey = contextKey;
    const keep = new Set(paras.map((p) => p.text));
    for (const key of this.cache.keys()) if (!keep.has(key)) this.cache.delete(key);
    const findings = [];
    const seen = new Set();
    const add = (abs) => {
      const at = `${abs.rule}\0${abs.start}\0${abs.end}`;
      if (seen.has(at)) return;
      seen.add(at);
      abs.key = `${abs.rule}\0${abs.text}`;
      if (!this.ignored.has(abs.key)) findings.push(abs);
    };
    for (const p of paras) for (const f of this.cache.get(p.text) ?? []) add({ ...f, start: f.start + p.start, end: f.end + p.start });
    if (this.app.adapter.id !== 'generic') for (const f of this.messageFindings) add({ ...f });
    findings.sort((a, b) => a.start - b.start || b.end - a.end);
    // Findings the user marked "geen probleem" (a salted hash, kept locally) stay quiet.
    const fps = this.app.falsePositives;
    if (fps?.size) {
      const marks = await Promise.all(findings.map((f) => falsePositiveHash(f.rule, f.text)));
      if (this.destroyed) return;
      findings.forEach((f, i) => (f.fpHash = marks[i]));
    }
    this.text = text;
    this.findings = fps?.size ? findings.filter((f) => !fps.has(f.fpHash)) : findings;
    this.app.emit('findings', this);
  }

  /** Scans now if needed and resolves when `findings` match the draft as it is (the send guard waits on it). */
  async settle(timeout = 5000) {
    const end = performance.now() + timeout;
    while (!this.destroyed && !this.upToDate() && performance.now() < end) {
      clearTimeout(this.timer);
      this.timer = 0;
      await this.refresh();
      if (this.running) await new Promise((r) => setTimeout(r, 15));
    }
    return this.upToDate();
  }

  /** Whether `findings` are those of the draft as it is now, in the context it has now. */
  upToDate() {
    return !this.timer && !this.running && this.readText() === this.text && JSON.stringify(this.app.context(this)) === this.contextKey;
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
