// Every site adapter and every feature, each in its own file, listed here.
// The first adapter whose `matches(host)` is true serves a frame, so
// site-specific adapters come before the generic one.
//
// adapter: { id, matches(host), fieldFor(el), findFields(root), context(draft, site) }
// feature: { id, start(app) → stop? }  (app events: findings, layout, focus, relayout, stop)

import generic from './adapters/generic.js';
import card from './features/card.js';
import highlights from './features/highlights.js';
import status from './features/status.js';

export const adapters = [generic];
export const features = [highlights, card, status];

export const adapterFor = (host) => adapters.find((a) => a.matches(host)) ?? generic;
