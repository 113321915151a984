// The content side in one frame: finds draft fields (now and whenever the
// page adds one: compose windows open without a page load), keeps a Draft
// per field, and tells the features (highlights, card, status) what changed.
// Features and site adapters are listed in registry.js.

import { api } from '../shared/api.js';
import { loadFalsePositives } from '../shared/false-positives.js';
import { Draft } from './draft.js';
import { Overlay } from './overlay.js';
import { fieldSignature } from './fields.js';
import { setLang } from '../shared/i18n.js';

export class App {
  constructor({ doc, adapter, site, settings, host, features }) {
    this.doc = doc;
    this.win = doc.defaultView;
    this.adapter = adapter;
    this.site = site;
    this.host = host;
    this.settings = settings;
    this.featureList = features;
    this.drafts = new Map(); // field → Draft
    this.focused = null;
    this.handlers = {};
    this.cleanups = [];
    this.lang = settings.lang;
    setLang(this.lang);
    this._overlay = null;
    this.falsePositives = new Set(); // salted hashes of findings marked "geen probleem"
  }

  get overlay() {
    if (!this._overlay) {
      this._overlay = new Overlay(this.doc);
      this._overlay.setLang(this.lang);
    }
    this._overlay.attach();
    return this._overlay;
  }

  on(event, fn) {
    (this.handlers[event] ??= []).push(fn);
  }

  emit(event, ...args) {
    for (const fn of this.handlers[event] ?? []) {
      try {
        fn(...args);
      } catch (e) {
        console.error('Kladwacht:', e);
      }
    }
  }

  listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this.cleanups.push(() => target.removeEventListener(type, fn, options));
  }

  context(draft) {
    return this.adapter.context?.(draft, this.site) ?? { channel: this.site.channel };
  }

  start() {
    const loadFps = () =>
      loadFalsePositives().then((set) => {
        const grew = [...set].some((h) => !this.falsePositives.has(h));
        this.falsePositives = set;
        if (grew) for (const d of this.drafts.values()) d.schedule(0);
      });
    loadFps().catch(() => {});
    const onStorage = (changes, area) => {
      if (area === 'local' && 'falsePositives' in changes) loadFps().catch(() => {});
    };
    api.storage.onChanged.addListener(onStorage);
    this.cleanups.push(() => api.storage.onChanged.removeListener(onStorage));
    for (const feature of this.featureList) {
      const stop = feature.start(this);
      if (typeof stop === 'function') this.cleanups.push(stop);
    }
    // Fields already there, then fields the page adds later.
    this.adopt(this.adapter.findFields(this.doc));
    this.watch();
    // Focus finds fields the observer cannot see (inside shadow roots).
    this.listen(this.doc, 'focusin', (e) => this.onFocus(e.composedPath?.()[0] ?? e.target), true);
    const active = this.doc.activeElement;
    if (active) this.onFocus(active);
  }

  watch() {
    let pending = [];
    let removed = false;
    let queued = false;
    const flush = () => {
      queued = false;
      const roots = pending;
      pending = [];
      for (const node of roots) {
        if (!node.isConnected || this.insideDraft(node)) continue;
        this.adopt(this.adapter.findFields(node));
      }
      if (removed) for (const [field, draft] of this.drafts) if (!field.isConnected) this.drop(draft);
      removed = false;
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') pending.push(r.target);
        else for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) pending.push(n);
        if (r.removedNodes.length) removed = true;
      }
      if ((pending.length || removed) && !queued) {
        queued = true;
        // Off the page's own mutation work; one pass per burst of changes.
        setTimeout(flush, 50);
      }
    });
    observer.observe(this.doc, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['contenteditable', 'role', 'readonly', 'disabled'],
    });
    this.cleanups.push(() => observer.disconnect());
  }

  insideDraft(node) {
    for (const field of this.drafts.keys()) if (field !== node && field.contains(node)) return true;
    return false;
  }

  fieldOff(field) {
    return (this.settings.fieldsOff?.[this.host] ?? []).includes(fieldSignature(field));
  }

  adopt(found) {
    for (const { field, kind } of found) {
      if (this.drafts.has(field) || this.fieldOff(field)) continue;
      // An editable region inside a known one is part of it.
      if (this.insideDraft(field)) continue;
      for (const [other, d] of this.drafts) if (field.contains(other)) this.drop(d);
      this.drafts.set(field, new Draft(this, field, kind));
    }
  }

  drop(draft) {
    this.drafts.delete(draft.field);
    if (this.focused === draft) this.focused = null;
    draft.destroy();
  }

  onFocus(target) {
    const found = this.adapter.fieldFor(target);
    if (!found || this.fieldOff(found.field)) return;
    this.adopt([found]);
    const draft = this.drafts.get(found.field);
    // A script may have filled the field without an input event (a restored draft): look again.
    draft?.schedule(0);
    if (draft && draft !== this.focused) {
      this.focused = draft;
      this.emit('focus', draft);
    }
  }

  /** "Niet in dit veld": stop watching this field, and remember it for this site. */
  async switchOff(draft) {
    const sig = fieldSignature(draft.field);
    const fieldsOff = { ...(this.settings.fieldsOff ?? {}) };
    fieldsOff[this.host] = [...new Set([...(fieldsOff[this.host] ?? []), sig])];
    this.settings = { ...this.settings, fieldsOff };
    this.drop(draft);
    await api.storage.local.set({ fieldsOff });
  }

  failed(e) {
    // The extension was updated or removed under this page: go quiet.
    if (/context invalidated|Receiving end does not exist/i.test(String(e?.message))) this.stop();
    else console.warn('Kladwacht:', e?.message ?? e);
  }

  stop() {
    if (this.stopped) return;
    this.stopped = true;
    for (const draft of [...this.drafts.values()]) this.drop(draft);
    this.emit('stop');
    for (const fn of this.cleanups.splice(0)) fn();
    this._overlay?.remove();
  }
}
