// Instagram (www.instagram.com), channel social. A post always carries a
// photo or video, so a caption is always "with media" (R5: no names with photos).
//
// Selectors this adapter relies on:
//   compose window   div[role="dialog"] ("Create new post" / "Nieuw bericht maken")
//   message body     div[role="textbox"][contenteditable][aria-label="Write a caption..."]
//                    (nl "Schrijf een bijschrift..."); generic finder. Comments: textarea
//                    [aria-label^="Add a comment"] (nl "Voeg een opmerking toe")
//   not a draft      the search box, the location input (input[name="creation-location-input"])
//   send             div[role="button"] / button labelled "Share" / "Delen" / "Post" / "Plaatsen"
//   media            the dialog's picked media (blob: previews); a caption dialog always has it

import { BLOB_MEDIA, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'instagram',
  site: 'Instagram',
  ignore: '[role="search"], input[name="creation-location-input"]',
  compose: 'div[role="dialog"], form',
  send: '[role="button"], button',
  sendLabel: /^(share|delen|post|plaatsen)$/i,
  media: (compose) => Boolean(compose.querySelector(BLOB_MEDIA) || compose.querySelector('[aria-label="Write a caption..."], [aria-label="Schrijf een bijschrift..."]')),
});
