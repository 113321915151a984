// Facebook (www/web/m.facebook.com), channel social.
//
// Selectors this adapter relies on:
//   compose window   div[role="dialog"] ("Create post" / "Bericht maken"); a comment box
//                    is its own form[role="presentation"]
//   message body     div[role="textbox"][contenteditable] (Lexical), aria-label
//                    "What's on your mind, …?" / "Waar denk je aan, …?"; generic finder
//   not a draft      the search box ([role="search"], input[type="search"])
//   send             div[role="button"][aria-label="Post"|"Plaatsen"|"Next"] (no shortcut
//                    for posts; Enter sends a comment, which the chat shortcut covers only
//                    inside comment forms)
//   media            picked photos and videos as blob: previews

import { BLOB_MEDIA, CHAT_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'facebook',
  site: 'Facebook',
  ignore: '[role="search"]',
  compose: 'div[role="dialog"], form[role="presentation"]',
  send: '[role="button"][aria-label], button[aria-label]',
  sendLabel: /^(post|plaatsen|publish|publiceren|comment|reageren)$/i,
  keys: (e) => CHAT_KEYS(e) && Boolean(e.target?.closest?.('form[role="presentation"]')),
  media: (compose) => Boolean(compose.querySelector(BLOB_MEDIA)),
});
