// Highlights that never touch the editor. Editable regions get the CSS
// Custom Highlight API (the browser draws the underline from live Ranges;
// the page's DOM is untouched); form fields, and browsers without the API,
// get underlines drawn in Kladwacht's overlay. Either way each finding has a
// marker element in the overlay (data-category, data-severity) that follows
// scrolling, resizing and re-wrapping, and that the card uses for hovering.

import { clippingAncestors, union, visibleRect } from '../geometry.js';

const SEVERITIES = ['block', 'warn', 'info'];

function highlightRegistry(win) {
  try {
    if (!win.CSS?.highlights || typeof win.Highlight !== 'function') return null;
    const probe = new win.Highlight();
    win.CSS.highlights.set('kladwacht-probe', probe);
    win.CSS.highlights.delete('kladwacht-probe');
    return win.CSS.highlights;
  } catch {
    return null; // e.g. not reachable from this content-script world
  }
}

export default {
  id: 'highlights',
  start(app) {
    const win = app.win;
    const registry = app.settings.drawMode === 'overlay' ? null : highlightRegistry(win);
    const highlights = {};
    if (registry) {
      for (const s of SEVERITIES) {
        highlights[s] = new win.Highlight();
        registry.set(`kladwacht-${s}`, highlights[s]);
      }
    }
    const boxes = new Map(); // draft → { clip, ancestors, ranges }
    app.hits = []; // [{ draft, finding, rects, mark }] in viewport coordinates
    let frame = 0;
    const resize = new ResizeObserver(() => request());

    const request = () => {
      frame ||= win.requestAnimationFrame(layout);
    };

    function refreshHighlights() {
      if (!registry) return;
      for (const s of SEVERITIES) highlights[s].clear();
      for (const box of boxes.values()) for (const { finding, range } of box.ranges) if (range) highlights[finding.severity]?.add(range);
    }

    function onFindings(draft) {
      let box = boxes.get(draft);
      if (!draft.findings.length || draft.destroyed) {
        if (box) {
          box.clip.remove();
          resize.unobserve(draft.field);
          boxes.delete(draft);
        }
        refreshHighlights();
        request();
        return;
      }
      if (!box) {
        const clip = app.overlay.el('div', 'clip');
        // Drawn by the overlay unless the browser draws it (Highlight API, editable regions only).
        if (draft.kind !== 'editable' || !registry) clip.classList.add('draw');
        app.overlay.layers.marks.append(clip);
        box = { clip, ancestors: clippingAncestors(draft.field), ranges: [] };
        boxes.set(draft, box);
        resize.observe(draft.field);
      }
      box.ancestors = clippingAncestors(draft.field);
      box.ranges = draft.findings.map((finding) => ({
        finding,
        range: draft.kind === 'editable' ? draft.rangeOf(finding) : null,
      }));
      refreshHighlights();
      request();
    }

    let pass = 0;
    function layout() {
      frame = 0;
      pass += 1;
      const hits = [];
      for (const [draft, box] of boxes) {
        // Hidden or token-sized fields (an editor's own input-catching textarea) get no markers.
        const own = draft.field.getBoundingClientRect();
        if (own.width < 4 || own.height < 4) {
          box.clip.replaceChildren();
          continue;
        }
        const vis = visibleRect(draft.field, box.ancestors);
        const s = box.clip.style;
        s.left = `${vis.left}px`;
        s.top = `${vis.top}px`;
        s.width = `${vis.right - vis.left}px`;
        s.height = `${vis.bottom - vis.top}px`;
        const marks = [];
        for (const entry of box.ranges) {
          const { finding } = entry;
          // The editor may have re-rendered its text nodes since the scan.
          if (entry.range && entry.range.toString().replace(/\u00a0/g, ' ') !== finding.text) {
            entry.range = draft.rangeOf(finding);
            refreshHighlights();
          }
          const rects = draft.rects(finding, entry.range, pass);
          const u = union(rects);
          const mark = app.overlay.el('div', 'mark');
          mark.dataset.category = finding.category;
          mark.dataset.severity = finding.severity;
          mark.dataset.rule = finding.rule;
          if (!u) mark.hidden = true;
          else {
            Object.assign(mark.style, {
              left: `${u.left - vis.left}px`,
              top: `${u.top - vis.top}px`,
              width: `${u.right - u.left}px`,
              height: `${u.bottom - u.top}px`,
            });
            for (const r of rects) {
              const seg = app.overlay.el('div', 'seg');
              Object.assign(seg.style, {
                left: `${r.left - u.left}px`,
                top: `${r.top - u.top}px`,
                width: `${r.width}px`,
                height: `${r.height}px`,
              });
              mark.append(seg);
            }
            hits.push({ draft, finding, rects, clip: vis, mark });
          }
          marks.push(mark);
        }
        box.clip.replaceChildren(...marks);
      }
      app.hits = hits;
      app.emit('layout');
    }

    app.on('findings', onFindings);
    app.on('relayout', request);
    app.listen(win, 'scroll', request, { capture: true, passive: true });
    app.listen(win, 'resize', request, { passive: true });
    return () => {
      resize.disconnect();
      if (frame) win.cancelAnimationFrame(frame);
      if (registry) for (const s of SEVERITIES) registry.delete(`kladwacht-${s}`);
    };
  },
};
