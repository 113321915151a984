// A draft in a same-origin iframe (TinyMCE, CKEditor 4: school platforms)
// whose send button is in the page around it. The iframe's own content
// script watches and highlights the editor; the send guard, however, runs
// in the frame that holds the send button, and that frame's drafts do not
// include the iframe's. At send time this reads the editor's text (read-only:
// nothing in the iframe is touched) and asks the scanner once, so the guard
// can hold the send like any other draft.

import { api } from '../shared/api.js';
import { falsePositiveHash } from '../shared/false-positives.js';

/** The body of a same-origin iframe that is an editor, or null. */
function editorBody(iframe) {
  let doc = null;
  try {
    doc = iframe.contentDocument; // null (or a throw) when cross-origin
  } catch {
    return null;
  }
  const body = doc?.body;
  return body && (body.isContentEditable || doc.designMode === 'on') ? body : null;
}

/** Drafts of the editor iframes inside `scope` (an element or a document). */
export function frameDrafts(app, scope) {
  if (!scope?.querySelectorAll) return [];
  return [...scope.querySelectorAll('iframe')].filter(editorBody).map((f) => new FrameDraft(app, f));
}

export class FrameDraft {
  constructor(app, iframe) {
    this.app = app;
    this.field = iframe;
    this.findings = [];
    this.destroyed = false;
  }

  readText() {
    return editorBody(this.field)?.innerText ?? '';
  }

  /** Never current: it is scanned at the moment of sending only. */
  upToDate() {
    return false;
  }

  /** Scans the editor's text as it is now. A scanner failure lets the send through (the guard never loses a send). */
  async settle() {
    const text = this.readText().replace(/\u00a0/g, ' ');
    this.findings = [];
    if (!text.trim()) return true;
    try {
      const context = this.app.context(this);
      const whole = this.app.adapter.id !== 'generic';
      const reply = await api.runtime.sendMessage({
        type: 'scan',
        paragraphs: [text],
        context: { channel: context.channel },
        message: whole ? { text, context } : null,
      });
      if (!reply || reply.error) return false;
      const all = [...(reply.results?.[0] ?? []), ...(whole ? reply.message ?? [] : [])];
      const fps = this.app.falsePositives;
      for (const f of all) {
        f.key = `${f.rule}\0${f.text}`;
        if (fps?.size) f.fpHash = await falsePositiveHash(f.rule, f.text);
      }
      this.findings = fps?.size ? all.filter((f) => !fps.has(f.fpHash)) : all;
      return true;
    } catch {
      return false;
    }
  }
}
