// Rectangles: where a field is visible (its scrolling ancestors and the
// viewport cut it off), unions and hit tests.

export function intersect(a, b) {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right);
  const bottom = Math.min(a.bottom, b.bottom);
  return { left, top, right: Math.max(left, right), bottom: Math.max(top, bottom) };
}

export function union(rects) {
  if (!rects.length) return null;
  return rects.reduce((u, r) => ({
    left: Math.min(u.left, r.left),
    top: Math.min(u.top, r.top),
    right: Math.max(u.right, r.right),
    bottom: Math.max(u.bottom, r.bottom),
  }));
}

export const contains = (r, x, y) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;

/** Ancestors of `el` that clip it (overflow other than visible), up to a fixed-position one. */
export function clippingAncestors(el) {
  const win = el.ownerDocument.defaultView;
  const out = [];
  for (let a = el.parentElement; a && a !== el.ownerDocument.documentElement; a = a.parentElement) {
    const cs = win.getComputedStyle(a);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') out.push(a);
    if (cs.position === 'fixed') break;
  }
  return out;
}

/** The part of `el` the user can see, in viewport coordinates. */
export function visibleRect(el, ancestors) {
  const win = el.ownerDocument.defaultView;
  let box = el.getBoundingClientRect();
  box = { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
  for (const a of ancestors) box = intersect(box, a.getBoundingClientRect());
  return intersect(box, { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight });
}
