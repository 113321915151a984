// What every site adapter shares: the generic field finder with the site's
// non-draft boxes (recipients, subject, search) left out, the send button
// and shortcut, and the context the core reads (channel, recipients with
// their field, sending account, attached media). An adapter file only lists
// its site's selectors; `defineAdapter` turns them into the interface
// registry.js documents. The core decides what the context means.

import { DEFAULT_SITES } from '../../shared/sites.js';
import { fieldFor as genericFieldFor, findFields as genericFindFields } from '../fields.js';

/** Ctrl+Enter (Cmd+Enter on a Mac): send in webmail and on X. */
export const MAIL_KEYS = (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
/** Enter without a modifier: send in chat (Shift+Enter is a new line). */
export const CHAT_KEYS = (e) => e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && !e.isComposing;
export const NO_KEYS = () => false;

/** A control's accessible-ish name: aria-label, Gmail's tooltip, title, or its text. */
export function labelOf(el) {
  return (el.getAttribute('aria-label') || el.getAttribute('data-tooltip') || el.getAttribute('title') || el.textContent || '').trim();
}

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/i;
/** The first e-mail address in `s`, lower-case, or null. */
export function emailIn(s) {
  const m = EMAIL.exec(s ?? '');
  return m ? m[0].toLowerCase() : null;
}

/** Addresses on recipient chips inside `root`: each chip's `attrs` in order, else its text. */
export function chipAddresses(root, chipSelector, attrs = ['email', 'data-hovercard-id', 'title', 'aria-label']) {
  if (!root) return [];
  const out = [];
  for (const chip of root.querySelectorAll(chipSelector)) {
    let address = null;
    for (const a of attrs) if ((address = emailIn(chip.getAttribute(a)))) break;
    address ??= emailIn(chip.textContent);
    if (address && !out.includes(address)) out.push(address);
  }
  return out;
}

/** `img`/`video` previews of files the user picked (blob: URLs), the sign of media on most sites. */
export const BLOB_MEDIA = 'img[src^="blob:"], video[src^="blob:"], video source[src^="blob:"]';

function hostMatches(pattern, host) {
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith('.' + base);
  }
  return host === pattern;
}

/**
 * spec: {
 *   id, site (name in shared/sites.js: hosts and channel come from there),
 *   ignore    selector of editable boxes that are not the message (recipients, subject, search)
 *   compose   selector of one compose window (a draft and its send button are in the same one)
 *   send      selector of the send control; sendLabel: RegExp its label must match (optional)
 *   keys      (KeyboardEvent) → whether it sends the draft
 *   recipients(compose, doc) → [{address, field: 'to'|'cc'|'bcc'}]
 *   account(doc) → the sending address or null
 *   media(compose, doc) → whether media is attached
 * }
 */
export function defineAdapter(spec) {
  const site = DEFAULT_SITES.find((s) => s.name === spec.site);
  const hosts = site?.hosts ?? [];
  const ignored = (el) => Boolean(spec.ignore && el?.closest?.(spec.ignore));
  const adapter = {
    id: spec.id,
    channel: site?.channel ?? 'email',
    matches: (host) => hosts.some((p) => hostMatches(p, host)),
    fieldFor(el) {
      if (ignored(el)) return null;
      const f = genericFieldFor(el);
      return f && !ignored(f.field) ? f : null;
    },
    findFields: (root) => genericFindFields(root).filter((f) => !ignored(f.field)),
    /** The compose window around `el` (a draft field or a send button), or its document. */
    composeOf(el) {
      return (spec.compose && el?.closest?.(spec.compose)) || el?.ownerDocument || null;
    },
    /** The send control `target` is (inside), or null. */
    sendButton(target) {
      const el = target?.closest?.(spec.send);
      if (!el) return null;
      if (spec.sendLabel && !spec.sendLabel.test(labelOf(el))) return null;
      if (el.disabled || el.getAttribute('aria-disabled') === 'true') return null;
      return el;
    },
    sendKey: spec.keys ?? NO_KEYS,
    context(draft, siteState) {
      const doc = draft.field.ownerDocument;
      const compose = adapter.composeOf(draft.field);
      const ctx = { channel: siteState.channel };
      const recipients = spec.recipients?.(compose, doc) ?? [];
      if (recipients.length) ctx.recipients = recipients;
      const account = spec.account?.(doc) ?? null;
      if (account) ctx.account = account;
      if (spec.media?.(compose, doc)) ctx.mediaAttached = true;
      return ctx;
    },
  };
  return adapter;
}
