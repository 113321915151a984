// Outlook on the web (outlook.office.com, outlook.office365.com,
// outlook.live.com), channel email.
//
// Selectors this adapter relies on:
//   compose window   [role="main"] holding the compose form; a pop-out is its own document
//   message body     div[role="textbox"][contenteditable][aria-label="Message body"]
//                    (nl "Berichttekst"): found by the generic field finder
//   not a draft      the recipient wells div[role="textbox"][aria-label="To"|"Cc"|"Bcc"]
//                    (nl "Aan"), input[aria-label="Add a subject"] (nl "Onderwerp toevoegen"),
//                    the search box ([role="search"])
//   recipients       persona chips inside each well: [data-lpc-hover-target], span[title*="@"],
//                    [aria-label*="@"] (the address is in the title or label)
//   send             button[aria-label="Send"] (nl "Verzenden"), Ctrl/Cmd+Enter
//   account          button[aria-label^="Account manager for"] (nl "Accountbeheer voor"),
//                    "(address)" in the label; the From button when shown
//   media            the attachment well [aria-label="Attachments"|"Bijlagen"] with [role="listitem"]

import { MAIL_KEYS, chipAddresses, defineAdapter, emailIn } from './base.js';

const WELLS = { to: ['To', 'Aan'], cc: ['Cc'], bcc: ['Bcc'] };
const WELL_SELECTOR = Object.values(WELLS)
  .flat()
  .map((l) => `[role="textbox"][aria-label="${l}"]`)
  .join(', ');

export default defineAdapter({
  id: 'outlook',
  site: 'Outlook',
  ignore: `${WELL_SELECTOR}, input[aria-label="Add a subject"], input[aria-label="Onderwerp toevoegen"], [role="search"]`,
  compose: '[role="main"], [role="dialog"]',
  send: 'button[aria-label]',
  sendLabel: /^(send|verzenden)$/i,
  keys: MAIL_KEYS,
  recipients(compose) {
    const out = [];
    for (const [field, labels] of Object.entries(WELLS)) {
      for (const label of labels) {
        const well = compose.querySelector(`[role="textbox"][aria-label="${label}"]`);
        for (const address of chipAddresses(well, '[data-lpc-hover-target], span[title*="@"], [aria-label*="@"]')) out.push({ address, field });
      }
    }
    return out;
  },
  account(doc) {
    const from = doc.querySelector('button[aria-label^="From"], button[aria-label^="Van"]');
    return emailIn(from?.textContent) ?? emailIn(doc.querySelector('button[aria-label^="Account manager for"], button[aria-label^="Accountbeheer voor"]')?.getAttribute('aria-label'));
  },
  media: (compose) => Boolean(compose.querySelector('[aria-label="Attachments"] [role="listitem"], [aria-label="Bijlagen"] [role="listitem"]')),
});
