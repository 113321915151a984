// Every site adapter and every feature, each in its own file, listed here.
// The first adapter whose `matches(host)` is true serves a frame, so
// site-specific adapters come before the generic one.
//
// adapter (adapters/base.js builds one from a site's selectors):
//   { id, channel, matches(host), fieldFor(el), findFields(root), composeOf(el),
//     sendButton(target) → the send control or null, sendKey(keydownEvent) → bool,
//     context(draft, site) → {channel, recipients, account, mediaAttached} }
// feature: { id, start(app) → stop? }  (app events: findings, layout, focus, relayout, stop)

import facebook from './adapters/facebook.js';
import generic from './adapters/generic.js';
import gmail from './adapters/gmail.js';
import instagram from './adapters/instagram.js';
import linkedin from './adapters/linkedin.js';
import outlook from './adapters/outlook.js';
import smartschool from './adapters/smartschool.js';
import socialschools from './adapters/socialschools.js';
import whatsapp from './adapters/whatsapp.js';
import x from './adapters/x.js';
import card from './features/card.js';
import guard from './features/guard.js';
import highlights from './features/highlights.js';
import notes from './features/notes.js';
import status from './features/status.js';

export const adapters = [gmail, outlook, smartschool, socialschools, facebook, instagram, x, linkedin, whatsapp, generic];
export const features = [highlights, notes, card, status, guard];

export const adapterFor = (host) => adapters.find((a) => a.matches(host)) ?? generic;
export const adapterById = (id) => adapters.find((a) => a.id === id) ?? null;
