// Social Schools (*.socialschools.nl, *.socialschools.eu), channel school.
//
// Selectors this adapter relies on (the group post and message composers):
//   compose window   [role="dialog"] or form[aria-label^="Nieuw bericht"]
//   message body     div[contenteditable][role="textbox"]; found by the generic finder
//   not a draft      the title input (input[name="title"]), [role="search"]
//   send             button labelled "Plaatsen" / "Versturen" / "Post" / "Send"
//   media            picked photos show as blob: previews (img[src^="blob:"])

import { BLOB_MEDIA, NO_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'socialschools',
  site: 'Social Schools',
  ignore: 'input[name="title"], [role="search"]',
  compose: '[role="dialog"], form[aria-label^="Nieuw bericht"]',
  send: 'button, [role="button"]',
  sendLabel: /^(plaatsen|versturen|verzenden|post|send)$/i,
  keys: NO_KEYS,
  media: (compose) => Boolean(compose.querySelector(BLOB_MEDIA)),
});
