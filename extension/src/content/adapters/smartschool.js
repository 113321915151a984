// Smartschool (*.smartschool.be), channel school: the approved platform, so
// the core weighs sensitive pupil data lower here.
//
// Selectors this adapter relies on (Smartschool's message module, "Berichten"):
//   compose window   form#composeMessage, or [role="dialog"] around the compose
//   message body     the body editor (a TinyMCE iframe or a contenteditable
//                    [role="textbox"]); found by the generic field finder
//   not a draft      the recipient search (input[aria-label^="Ontvanger"]), the subject
//                    (input[name="subject"])
//   recipients       Smartschool addresses people, not e-mail addresses: none passed
//   send             button labelled "Verzenden" / "Versturen" (no shortcut)
//   media            the attachment list [aria-label="Bijlagen"] li

import { NO_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'smartschool',
  site: 'Smartschool',
  ignore: 'input[aria-label^="Ontvanger"], input[name="subject"], [role="search"]',
  compose: 'form#composeMessage, [role="dialog"]',
  send: 'button, [role="button"]',
  sendLabel: /^(verzenden|versturen|send)$/i,
  keys: NO_KEYS,
  media: (compose) => Boolean(compose.querySelector('[aria-label="Bijlagen"] li')),
});
