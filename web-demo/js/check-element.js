// <kladwacht-check>: a compose box that checks the draft as you type.
//
//   <kladwacht-check channel="social" lang="nl">Optional starting draft</kladwacht-check>
//
// Attributes: channel (email | social | chat | school), lang (nl | en),
// editor (textarea | rich), media (a photo is attached), lock-channel (hide
// the channel switch), policy (URL of a school policy JSON on this site),
// highlight (auto | overlay: force the Range-rects fallback), lock-editor
// (hide the editor switch), no-send (hide the send preview), account (the
// sender's address, for R8/R9).
// Properties: value, channel, findings, recipients, consented, ready (a promise
// for the loaded checker; the `ready` attribute appears then); method check()
// (a promise for the findings).
// Events: kladwacht-findings ({findings, text}) after every scan, and
// kladwacht-send ({outcome, findings}) when the send button is pressed.
//
// The draft never leaves the page: scanning runs in the local wasm core (in
// a worker of this page, see core.js), and
// the browser's spell checker is off (its "enhanced" mode sends text away).

import { getChecker } from './core.js';
import { t, pickLang, categoryName, findingText } from './i18n.js';
import { styleSheet } from './styles.js';
import { card, summary } from './cards.js';
import { readEditable, writeEditable, pieces } from './text-model.js';
import { TextareaHighlighter } from './highlight-textarea.js';
import { EditableHighlighter } from './highlight-editable.js';

const CHANNELS = ['email', 'social', 'chat', 'school'];
const RANK = { info: 1, warn: 2, block: 3 };
let uid = 0;

const TEMPLATE = `
<div class="kw" part="root">
  <fieldset class="channels"><legend data-t="channel.legend"></legend><div class="options">
    ${CHANNELS.map((c) => `<label><input type="radio" name="channel" value="${c}"><span data-t="channel.${c}"></span></label>`).join('')}
  </div></fieldset>
  <fieldset class="editors"><legend data-t="editor.legend"></legend><div class="options">
    <label><input type="radio" name="editor" value="textarea"><span data-t="editor.textarea"></span></label>
    <label><input type="radio" name="editor" value="rich"><span data-t="editor.rich"></span></label>
  </div></fieldset>
  <div class="fields addresses">
    <label><span data-t="to.label"></span><input class="to" type="text" inputmode="email" autocomplete="off" spellcheck="false"></label>
    <label><span data-t="bcc.label"></span><input class="bcc" type="text" inputmode="email" autocomplete="off" spellcheck="false"></label>
    <p class="hint" data-t="addresses.hint"></p>
  </div>
  <label class="media"><input type="checkbox" class="media-box"><span data-t="media.label"></span></label>
  <div>
    <label class="label draft-label" data-t="draft.label"></label>
    <div class="box">
      <div class="text mirror" aria-hidden="true"></div>
      <div class="overlay" aria-hidden="true"></div>
      <textarea class="text" spellcheck="false"></textarea>
      <div class="text rich" contenteditable="true" role="textbox" aria-multiline="true" spellcheck="false" hidden></div>
    </div>
  </div>
  <p class="summary"></p>
  <p class="sr-only announce" role="status" aria-live="polite" aria-atomic="true"></p>
  <ol class="cards"></ol>
  <div class="send-row"><button type="button" class="primary send" data-t="send.button"></button><span class="privacy" data-t="send.note"></span></div>
  <div class="send-result" tabindex="-1" role="region" hidden></div>
  <p class="privacy" data-t="privacy.note"></p>
</div>`;

export class KladwachtCheck extends HTMLElement {
  static observedAttributes = ['channel', 'lang', 'editor', 'media', 'lock-channel', 'lock-editor', 'no-send'];

  constructor() {
    super();
    this._uid = ++uid;
    this._findings = [];
    this._cardsKey = null;
    this._announced = '';
    this._pending = 0;
    this.consented = [];
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    root.innerHTML = TEMPLATE;
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    this.ta = $('textarea');
    this.rich = $('.rich');
    // Unique ids inside the shadow root tie labels and descriptions to the fields.
    const id = (name) => `kw${this._uid}-${name}`;
    this.ta.id = id('draft');
    $('.draft-label').id = id('label');
    $('.draft-label').htmlFor = this.ta.id;
    $('.summary').id = id('summary');
    this.rich.setAttribute('aria-labelledby', id('label'));
    this.ta.setAttribute('aria-describedby', id('summary'));
    this.rich.setAttribute('aria-describedby', id('summary'));
    root.querySelectorAll('input[type=radio]').forEach((r) => (r.name = id(r.name)));
    this.textareaHl = new TextareaHighlighter(this.ta, $('.mirror'));
    this.editableHl = null; // made in connectedCallback, when the `highlight` attribute is known

    const rescan = () => {
      this.$('.send-result').hidden = true; // the send preview is stale once the draft changes
      this.schedule();
    };
    this.ta.addEventListener('input', rescan);
    this.rich.addEventListener('input', rescan);
    $('.to').addEventListener('input', rescan);
    $('.bcc').addEventListener('input', rescan);
    $('.media-box').addEventListener('change', () => this.toggleAttribute('media', $('.media-box').checked));
    root.querySelectorAll('.channels input').forEach((r) => r.addEventListener('change', () => (this.channel = r.value)));
    root.querySelectorAll('.editors input').forEach((r) => r.addEventListener('change', () => this.setAttribute('editor', r.value)));
    $('.send').addEventListener('click', () => this.send());
    // Pasted HTML could carry remote images (a request leaving the page) and
    // foreign markup: the rich box takes plain text, through the editor's own
    // input path so undo keeps working. Dropped HTML or files are refused.
    this.rich.addEventListener('paste', (e) => {
      e.preventDefault();
      document.execCommand('insertText', false, e.clipboardData?.getData('text/plain') ?? '');
    });
    this.rich.addEventListener('drop', (e) => {
      const types = [...(e.dataTransfer?.types ?? [])];
      if (types.includes('text/html') || types.includes('Files')) e.preventDefault();
    });
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    this.editableHl = new EditableHighlighter(this.rich, this.$('.overlay'), this.getAttribute('highlight') || 'auto');
    this.render();
    // The element's own text is the starting draft (it is not displayed: no slot).
    const initial = this.textContent.trim();
    if (initial && !this.value) this.value = initial;
    this.setStatus(t(this.lang, 'status.loading'));
    // The box takes typing now; scanning starts when the core is ready (and
    // then checks whatever was typed meanwhile). Both moments are marked for `make bench`.
    performance.mark?.('kladwacht:interactive');
    this.ready = getChecker(this.getAttribute('policy') || '').then(
      async (checker) => {
        this.checker = checker;
        this._platform = checker.policy()?.school?.platform || '';
        this.applyPolicyNames();
        await this.check();
        this.toggleAttribute('ready', true);
        performance.mark?.('kladwacht:ready');
        this.dispatchEvent(new CustomEvent('kladwacht-ready', { bubbles: true, composed: true }));
        return this;
      },
      (e) => {
        this.setStatus(t(this.lang, 'status.error', { error: e.message }));
        throw e;
      },
    );
    this.ready.catch(() => {}); // reported in the status line; callers may still await it
  }

  attributeChangedCallback(name) {
    if (!this.$) return;
    this.render();
    if (name === 'channel' || name === 'media') this.schedule();
  }

  // --- public API -------------------------------------------------------

  get lang() {
    return pickLang(this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang'));
  }

  set lang(v) {
    this.setAttribute('lang', pickLang(v));
  }

  get channel() {
    const c = this.getAttribute('channel');
    return CHANNELS.includes(c) ? c : 'email';
  }

  set channel(c) {
    this.setAttribute('channel', CHANNELS.includes(c) ? c : 'email');
  }

  get editor() {
    return this.getAttribute('editor') === 'rich' ? 'rich' : 'textarea';
  }

  get field() {
    return this.editor === 'rich' ? this.rich : this.ta;
  }

  get value() {
    return this.editor === 'rich' ? readEditable(this.rich).text : this.ta.value;
  }

  set value(text) {
    text = String(text ?? '');
    if (this.editor === 'rich') writeEditable(this.rich, text);
    else this.ta.value = text;
    this.schedule();
  }

  /** Recipients as the core expects them: [{address, field}]. */
  get recipients() {
    if (this.channel !== 'email') return [];
    const list = (sel, field) =>
      this.$(sel)
        .value.split(/[\s,;]+/)
        .filter((a) => a.includes('@'))
        .map((address) => ({ address, field }));
    return [...list('.to', 'to'), ...list('.bcc', 'bcc')];
  }

  set recipients(list) {
    const of = (field) => (list || []).filter((r) => (r.field || 'to') === field).map((r) => r.address);
    this.$('.to').value = of('to').join(', ');
    this.$('.bcc').value = [...of('cc'), ...of('bcc')].join(', ');
    this.schedule();
  }

  get context() {
    const ctx = {
      channel: this.channel,
      mediaAttached: this.hasAttribute('media'),
      recipients: this.recipients,
      consented: [...this.consented],
    };
    if (this.getAttribute('account')) ctx.account = this.getAttribute('account');
    return ctx;
  }

  get findings() {
    return this._findings;
  }

  /**
   * Scans now and redraws; resolves to the findings (empty until the core is
   * loaded). The core answers in order: when a newer check has started by
   * the time this one's answer comes, the newer one draws.
   */
  async check() {
    cancelAnimationFrame(this._pending);
    this._pending = 0;
    if (!this.checker) return [];
    const text = this.value;
    const seq = (this._seq = (this._seq || 0) + 1);
    let findings = [];
    try {
      findings = text ? await this.checker.scan(text, this.context) : [];
    } catch (e) {
      this.setStatus(t(this.lang, 'status.error', { error: e.message }));
      return [];
    }
    if (seq !== this._seq) return findings;
    this._findings = findings;
    this.draw(text, findings);
    this.dispatchEvent(new CustomEvent('kladwacht-findings', { detail: { findings, text }, bubbles: true, composed: true }));
    return findings;
  }

  // --- internals --------------------------------------------------------

  /** Coalesces keystrokes into one scan per animation frame. */
  schedule() {
    if (!this._pending) this._pending = requestAnimationFrame(() => this.check());
  }

  draw(text, findings) {
    if (this.editor === 'rich') {
      this.textareaHl.clear();
      this.editableHl?.draw(readEditable(this.rich), findings);
    } else {
      this.editableHl?.clear();
      this.textareaHl.draw(text, findings);
    }
    this.rich.dataset.highlight = this.editableHl?.mode ?? '';
    this.setStatus(summary(this.lang, findings));
    this.renderCards(findings);
    this.announceLater(findings);
  }

  renderCards(findings, force = false) {
    // Cards depend on what was found, not where: skip the redraw while typing elsewhere.
    const key = JSON.stringify(findings.map((f) => [f.rule, f.severity, f.text, f.end > f.start]));
    if (!force && key === this._cardsKey) return;
    this._cardsKey = key;
    // Most serious first; within a severity, in reading order.
    const order = findings.map((f, i) => i).sort((a, b) => RANK[findings[b].severity] - RANK[findings[a].severity] || a - b);
    this.$('.cards').replaceChildren(...order.map((i) => card(this.lang, findings[i], i, (n) => this.reveal(n))));
  }

  /** Screen readers hear the summary once typing pauses, and only when it changed. */
  announceLater(findings) {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => {
      const names = [...new Set(findings.map((f) => categoryName(this.lang, f.category)))];
      const text = [summary(this.lang, findings), names.join(', ')].filter(Boolean).join(' ');
      if (text !== this._announced) this.$('.announce').textContent = this._announced = text;
    }, 700);
  }

  setStatus(text) {
    this.$('.summary').textContent = text;
  }

  /** Selects finding `n` in the editor, so keyboard users land on it. */
  reveal(n) {
    const f = this._findings[n];
    if (!f) return;
    if (this.editor === 'rich') {
      const p = pieces(readEditable(this.rich), f.start, f.end);
      if (!p.length) return;
      this.rich.focus();
      const sel = this.shadowRoot.getSelection?.() ?? getSelection();
      sel.setBaseAndExtent(p[0].node, p[0].from, p[p.length - 1].node, p[p.length - 1].to);
    } else {
      this.ta.focus();
      this.ta.setSelectionRange(f.start, f.end);
    }
  }

  /** What the extension would say when the user presses send. */
  async send() {
    const findings = await this.check();
    const lang = this.lang;
    const box = this.$('.send-result');
    const blocks = findings.filter((f) => f.severity === 'block');
    const warns = findings.filter((f) => f.severity === 'warn');
    const outcome = !this.value.trim() ? 'empty' : blocks.length ? 'blocked' : warns.length ? 'warn' : 'clean';
    const h = document.createElement('h3');
    const intro = document.createElement('p');
    const list = document.createElement('ul');
    const item = (f, extra) => {
      const li = document.createElement('li');
      li.dataset.category = f.category;
      li.dataset.severity = f.severity;
      li.textContent = [findingText(lang, f).message, extra].filter(Boolean).join(' ');
      return li;
    };
    if (outcome === 'empty') {
      h.textContent = t(lang, 'send.empty');
    } else if (outcome === 'blocked') {
      h.textContent = t(lang, 'send.blocked.title');
      intro.textContent = t(lang, 'send.blocked.intro');
      for (const f of blocks) list.append(item(f, t(lang, `override.${this.checker.overrideMode(f.category)}`)));
    } else if (outcome === 'warn') {
      h.textContent = t(lang, 'send.warn.title', { n: warns.length });
      intro.textContent = t(lang, 'send.warn.intro');
      for (const f of warns) list.append(item(f));
    } else {
      h.textContent = t(lang, 'send.clean.title');
      intro.textContent = t(lang, 'send.clean.intro');
    }
    box.dataset.outcome = outcome;
    box.setAttribute('aria-label', h.textContent);
    box.replaceChildren(h, ...(intro.textContent ? [intro] : []), ...(list.children.length ? [list] : []));
    box.hidden = false;
    box.focus();
    this.dispatchEvent(new CustomEvent('kladwacht-send', { detail: { outcome, findings }, bubbles: true, composed: true }));
  }

  /** Applies attributes and language to the controls (no scanning). */
  render() {
    const lang = this.lang;
    const root = this.shadowRoot;
    root.querySelectorAll('[data-t]').forEach((n) => (n.textContent = t(lang, n.dataset.t)));
    this.applyPolicyNames();
    this.ta.placeholder = t(lang, 'draft.placeholder');
    root.querySelectorAll('.channels input').forEach((r) => (r.checked = r.value === this.channel));
    this.$('.channels').hidden = this.hasAttribute('lock-channel');
    this.$('.addresses').hidden = this.channel !== 'email';
    this.$('.media').hidden = !['social', 'chat'].includes(this.channel) && !this.hasAttribute('media');
    this.$('.media-box').checked = this.hasAttribute('media');
    const rich = this.editor === 'rich';
    root.querySelectorAll('.editors input').forEach((r) => (r.checked = r.value === this.editor));
    this.$('.editors').hidden = this.hasAttribute('lock-editor');
    this.$('.send-row').hidden = this.hasAttribute('no-send');
    if (this.hasAttribute('no-send')) this.$('.send-result').hidden = true;
    this.refreshLanguage();
    if (rich === this.ta.hidden) return;
    // Switching editors carries the text over.
    const text = rich ? this.ta.value : readEditable(this.rich).text;
    this.ta.hidden = rich;
    this.rich.hidden = !rich;
    this.$('.draft-label').htmlFor = rich ? '' : this.ta.id;
    if (rich) writeEditable(this.rich, text);
    else this.ta.value = text;
    this.schedule();
  }

  refreshLanguage() {
    if (this._lastLang === this.lang) return;
    this._lastLang = this.lang;
    if (this.checker) {
      this.setStatus(summary(this.lang, this._findings));
      this.renderCards(this._findings, true);
    }
    this.$('.send-result').hidden = true;
  }

  applyPolicyNames() {
    const platform = this._platform;
    if (platform) {
      this.$('[data-t="channel.school"]').textContent = t(this.lang, 'channel.school.named', { platform });
    }
  }
}
