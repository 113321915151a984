// Shared by the send-guard tests (Chromium and Firefox): the site fixture
// pages, a one-line draft with a password, and in-page readers of the send
// dialog in Kladwacht's <kladwacht-overlay> shadow root.

/** One fixture page per site adapter; `keys`: the send shortcut the page's own handler listens to. */
export const SITE_PAGES = [
  { id: 'gmail', keys: 'mail' },
  { id: 'outlook', keys: 'mail' },
  { id: 'smartschool', keys: null },
  { id: 'socialschools', keys: null },
  { id: 'facebook', keys: null },
  { id: 'instagram', keys: null },
  { id: 'x', keys: 'mail' },
  { id: 'linkedin', keys: 'mail' },
  { id: 'whatsapp', keys: 'chat' },
  { id: 'generic', keys: 'mail' },
].map((s) => ({ ...s, page: `site-${s.id}.html` }));

// One line: Enter sends in chat.
export const GUARD_DRAFT = 'Hoi Jan, het wachtwoord van de klas-iPad is Zonnebloem7! Groetjes';
export const CLEAN_DRAFT = 'Hoi Jan, de uitstap gaat door op vrijdag. Groetjes';

// ---- In-page functions (no closures). ----

/** The send dialog as the user sees it, or null. */
export function readGuard() {
  const host = document.querySelector('kladwacht-overlay');
  const box = host?.shadowRoot?.querySelector('.guard');
  if (!box) return null;
  const send = box.querySelector('[data-action="send"]');
  const active = host.shadowRoot.activeElement;
  return {
    role: box.getAttribute('role'),
    modal: box.getAttribute('aria-modal'),
    mode: box.dataset.mode,
    items: [...box.querySelectorAll('.remaining li')].map((li) => ({ category: li.dataset.category, rule: li.dataset.rule, severity: li.dataset.severity })),
    sendHidden: send.hidden,
    sendDisabled: send.disabled,
    focused: active ? active.dataset.action ?? active.dataset.field ?? active.tagName : null,
    hostFocused: document.activeElement === host,
  };
}

/** Clicks a control of the dialog: 'adjust', 'send', 'false-positive', or ticks [data-field=tick]. */
export function guardAct(action) {
  const box = document.querySelector('kladwacht-overlay').shadowRoot.querySelector('.guard');
  const el = box.querySelector(`[data-action="${action}"], [data-field="${action}"]`);
  el.click();
  return true;
}

/** Types a reason into the dialog (through the input event its validation listens to). */
export function guardReason(text) {
  const box = document.querySelector('kladwacht-overlay').shadowRoot.querySelector('.guard');
  const ta = box.querySelector('[data-field="reason"]');
  ta.focus();
  ta.value = text;
  ta.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

export function sentTexts() {
  return window.kwFixture.sent();
}

/** Whether focus is back in the draft's body. */
export function draftFocused() {
  const root = window.kwFixture.root();
  return root === document.activeElement || root.contains(document.activeElement);
}

/** Whole-message notes under the draft: [{ category, severity, rule }]. */
export function readNotes() {
  const host = document.querySelector('kladwacht-overlay');
  return [...(host?.shadowRoot?.querySelectorAll('.note[data-category]') ?? [])].map((n) => ({ category: n.dataset.category, severity: n.dataset.severity, rule: n.dataset.rule }));
}

// Drafts whose whole-message findings depend on what the adapter passes:
// Gmail's fixture has six external recipients in To and a gmail.com account
// (R7 BCC, R8 private account); Facebook's and Instagram's have a photo (R5).
export const CONTEXT_CASES = [
  { page: 'site-gmail.html', text: 'Beste ouders, morgen is de uitstap van groep 5 naar het bos. De leerlingen nemen een lunchpakket mee. Groetjes, juf Anja', rules: ['bcc.visible-recipients', 'private-account.school-business'] },
  { page: 'site-facebook.html', text: 'Wat een mooie dag op schoolreis met Emma en Liam!', rules: ['minor.photo-consent'] },
  { page: 'site-instagram.html', text: 'Wat een mooie dag op schoolreis met Emma en Liam!', rules: ['minor.photo-consent'] },
  { page: 'site-generic.html', text: 'Wat een mooie dag op schoolreis met Emma en Liam!', rules: [] },
];
