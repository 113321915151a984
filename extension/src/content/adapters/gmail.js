// Gmail (mail.google.com), channel email.
//
// Selectors this adapter relies on (ARIA and Gmail's stable attributes first):
//   compose window   div[role="dialog"] (pop-out and inline reply alike; a reply
//                    sits in div[role="region"] — both are tried)
//   message body     div[contenteditable][aria-label="Message Body"] (nl "Berichttekst"):
//                    found by the generic field finder
//   not a draft      textarea[name="to"|"cc"|"bcc"], input[aria-label$="recipients"],
//                    input[name="subjectbox"], the search box (form[role="search"])
//   recipients       per row: the [name="to"|"cc"|"bcc"] box's row ([role="group"], tr);
//                    chips span[email] / [data-hovercard-id*="@"]
//   send             div[role="button"][data-tooltip^="Send"] (nl "Verzenden"), Ctrl/Cmd+Enter
//   account          a[aria-label^="Google Account:"] (nl "Google-account:"), "(address)" in the label
//   media            input[name="attach"] (one per attached file), [aria-label^="Attachment"]

import { MAIL_KEYS, chipAddresses, defineAdapter, emailIn } from './base.js';

const FIELDS = ['to', 'cc', 'bcc'];

export default defineAdapter({
  id: 'gmail',
  site: 'Gmail',
  ignore: 'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"], input[aria-label$="recipients"], input[name="subjectbox"], [role="search"]',
  compose: 'div[role="dialog"], div[role="region"]',
  send: '[role="button"][data-tooltip], button[data-tooltip]',
  sendLabel: /^(send|verzenden|versturen)\b/i,
  keys: MAIL_KEYS,
  recipients(compose) {
    const out = [];
    for (const field of FIELDS) {
      const box = compose.querySelector(`[name="${field}"]`);
      const row = box?.closest('[role="group"], tr') ?? box?.parentElement;
      for (const address of chipAddresses(row, 'span[email], [data-hovercard-id*="@"]')) out.push({ address, field });
    }
    return out;
  },
  account: (doc) => emailIn(doc.querySelector('a[aria-label^="Google Account:"], a[aria-label^="Google-account:"]')?.getAttribute('aria-label')),
  media: (compose) => Boolean(compose.querySelector('input[name="attach"], [aria-label^="Attachment"], [aria-label^="Bijlage"]')),
});
