// WhatsApp Web (web.whatsapp.com), channel chat.
//
// Selectors this adapter relies on:
//   compose window   #main (the open chat) with its footer; the media editor is a
//                    [role="dialog"]-like panel holding its own caption box
//   message body     footer div[contenteditable][role="textbox"] (Lexical), aria-label
//                    "Type a message" / "Typ een bericht"; generic finder
//   not a draft      the chat search (#side [role="textbox"], [role="search"])
//   send             button[aria-label="Send"] (nl "Verzenden"), or the button around
//                    span[data-icon="send"]; Enter (Shift+Enter is a new line)
//   media            the media editor's blob: previews

import { BLOB_MEDIA, CHAT_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'whatsapp',
  site: 'WhatsApp',
  ignore: '#side, [role="search"]',
  compose: '#main, [role="dialog"]',
  send: 'button[aria-label="Send"], button[aria-label="Verzenden"], [role="button"]:has(span[data-icon="send"]), button:has(span[data-icon="send"])',
  keys: CHAT_KEYS,
  media: (compose) => Boolean(compose.querySelector(BLOB_MEDIA)),
});
