// LinkedIn (www.linkedin.com), channel social.
//
// Selectors this adapter relies on:
//   compose window   div[role="dialog"] (the share box, "Create a post")
//   message body     div.ql-editor[role="textbox"][contenteditable] (Quill), aria-label
//                    "Text editor for creating content"; generic finder. Messaging uses
//                    div[role="textbox"][aria-label^="Write a message"] in form.msg-form
//   not a draft      the search box (input[role="combobox"], [role="search"])
//   send             button.share-actions__primary-action or a button labelled
//                    "Post" / "Plaatsen"; in messaging button[type="submit"] "Send"/"Verzenden"
//                    and Ctrl/Cmd+Enter
//   media            the share box's preview (blob: images/videos, .share-creation-state__preview)

import { BLOB_MEDIA, MAIL_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'linkedin',
  site: 'LinkedIn',
  ignore: '[role="search"]',
  compose: 'div[role="dialog"], form.msg-form',
  send: 'button',
  sendLabel: /^(post|plaatsen|send|verzenden)$/i,
  keys: MAIL_KEYS,
  media: (compose) => Boolean(compose.querySelector(`${BLOB_MEDIA}, .share-creation-state__preview img`)),
});
