// The generic adapter: any site without its own adapter. The fields
// fields.js recognises, the site's channel as the only context, and as the
// send control a submit button (or a button labelled Send/Verzenden/Post/…)
// in the draft's own form or dialog; Ctrl/Cmd+Enter as the shortcut.
//
// Selectors this adapter relies on:
//   compose window   the draft's form, [role="dialog"] or [role="form"]
//   send             button[type="submit"] / input[type="submit"] in that form, or a
//                    button/[role="button"] labelled send, verzenden, versturen, post,
//                    plaatsen, reply, antwoorden

import { MAIL_KEYS, defineAdapter, labelOf } from './base.js';

const SEND_LABEL = /^(send|verzend|verzenden|versturen|post|plaatsen|publiceren|reply|antwoorden|reageren)\b/i;

const adapter = defineAdapter({
  id: 'generic',
  site: null,
  compose: 'form, [role="dialog"], [role="form"]',
  send: 'button, input[type="submit"], [role="button"]',
  keys: MAIL_KEYS,
});
adapter.matches = () => true;
adapter.channel = null;
adapter.sendButton = (target) => {
  const el = target?.closest?.('button, input[type="submit"], [role="button"]');
  if (!el || el.disabled) return null;
  const submit = el.getAttribute('type') === 'submit' && el.form;
  return submit || SEND_LABEL.test(labelOf(el) || el.value || '') ? el : null;
};

export default adapter;
