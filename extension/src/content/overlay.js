// Kladwacht's only element in a page: <kladwacht-overlay>, attached to
// <html> (never inside an editor), with an open shadow root for markers,
// cards and mirrors. Styles go through adoptedStyleSheets because a strict
// page CSP blocks a <style> element; positions are set through the CSSOM
// (element.style), which CSP allows.

import { OVERLAY_CSS } from './styles.js';

export class Overlay {
  constructor(doc) {
    this.doc = doc;
    this.host = doc.createElement('kladwacht-overlay');
    // Inline !important beats a page's own rules for unknown elements.
    const hs = this.host.style;
    for (const [p, v] of [
      ['all', 'initial'],
      ['position', 'fixed'],
      ['top', '0'],
      ['left', '0'],
      ['width', '0'],
      ['height', '0'],
      ['overflow', 'visible'],
      ['z-index', '2147483647'],
      ['pointer-events', 'none'],
      ['display', 'block'],
    ])
      hs.setProperty(p, v, 'important');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const win = doc.defaultView;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    this.shadow.adoptedStyleSheets = [sheet];
    this.root = doc.createElement('div');
    this.root.className = 'root';
    this.layers = {};
    for (const name of ['mirrors', 'marks', 'cards']) {
      const layer = doc.createElement('div');
      layer.className = name;
      this.root.append(layer);
      this.layers[name] = layer;
    }
    // Screen readers hear a short summary when the findings change.
    this.live = doc.createElement('div');
    this.live.className = 'visually-hidden';
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.root.append(this.live);
    this.shadow.append(this.root);
    this.attach();
  }

  /** (Re)attaches the host; a page that rewrites <html> may have dropped it. */
  attach() {
    const html = this.doc.documentElement;
    if (html && this.host.parentNode !== html) html.append(this.host);
  }

  /** Sets the host's language for the text it shows (cards, summaries). */
  setLang(lang) {
    this.root.setAttribute('lang', lang);
  }

  announce(text) {
    if (this.live.textContent !== text) this.live.textContent = text;
  }

  el(tag, className, text) {
    const e = this.doc.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  remove() {
    this.host.remove();
  }
}
