// The extension's pure helpers, in Node (no browser): paragraphs, fixes,
// site switches. The browser-facing parts are covered end to end.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';

let paragraphs;
let fixFor;
let initials;
let siteState;
let defaultSite;

before(async () => {
  ({ paragraphs } = await import('../../../extension/src/content/text-model.js'));
  ({ fixFor, initials } = await import('../../../extension/src/content/fixes.js'));
  ({ siteState } = await import('../../../extension/src/shared/settings.js'));
  ({ defaultSite } = await import('../../../extension/src/shared/sites.js'));
});

test('paragraphs split at blank lines and keep their offsets', () => {
  const text = 'Beste collega,\nregel twee\n\n  \nwachtwoord: x\n\n\nGroet';
  const ps = paragraphs(text);
  assert.deepEqual(ps.map((p) => p.text.trim()), ['Beste collega,\nregel twee', 'wachtwoord: x', 'Groet']);
  for (const p of ps) assert.equal(text.slice(p.start, p.start + p.text.length), p.text);
  assert.deepEqual(paragraphs(''), []);
  assert.deepEqual(paragraphs('\n\n'), []);
});

test('fixes: a password is masked after its label, a name becomes initials, others get none', () => {
  assert.equal(fixFor({ category: 'password', text: 'Zonnebloem7!' }).replacement, '••••••••');
  assert.equal(fixFor({ category: 'password', text: 'wachtwoord: Zonnebloem7!' }).replacement, 'wachtwoord: ••••••••');
  assert.equal(fixFor({ category: 'minor', text: 'Emma' }).replacement, 'E.');
  assert.equal(fixFor({ category: 'minor', text: 'Emma' }).label, 'Vervang door E.');
  assert.equal(fixFor({ category: 'password', text: 'x1' }).label, 'Vervang door puntjes');
  assert.equal(fixFor({ category: 'minor', text: 'Emma van den Berg' }).replacement, 'E.v.d.B.');
  assert.equal(initials('Noah De Smet'), 'N.D.S.');
  assert.equal(fixFor({ category: 'minor', text: '@emma_2012' }), null, 'a handle is not a name');
  assert.equal(fixFor({ category: 'medical', text: 'ziekenhuis' }), null);
  assert.equal(fixFor({ category: 'identifier', text: 'NL91ABNA0417164300' }), null);
});

test('labels: Dutch by default, English on request, placeholders filled', async () => {
  const { t, setLang } = await import('../../../extension/src/shared/i18n.js');
  assert.equal(t('sev_block'), 'Niet versturen');
  assert.equal(t('popup_findings', ['3']), '3 aandachtspunten in dit bericht.');
  setLang('en');
  assert.equal(t('sev_block'), 'Do not send');
  assert.equal(t('popup_active', ['mail.google.com']), 'Active on mail.google.com');
  setLang('fr');
  assert.equal(t('sev_block'), 'Niet versturen', 'an unknown language falls back to Dutch');
});

test('site switches: built-in sites on by default, pause wins, other sites only when switched on', () => {
  const now = 1_000_000;
  assert.equal(defaultSite('mail.google.com').channel, 'email');
  assert.equal(defaultSite('school.smartschool.be').channel, 'school');
  assert.equal(defaultSite('web.whatsapp.com').channel, 'chat');
  assert.equal(defaultSite('www.linkedin.com').channel, 'social');
  assert.equal(defaultSite('smartschool.be.evil.example'), null);
  assert.equal(defaultSite('127.0.0.1'), null, 'test hosts only in the test build');
  const base = { pausedUntil: 0, sites: {}, fieldsOff: {} };
  assert.equal(siteState(base, 'mail.google.com', now).active, true);
  assert.equal(siteState({ ...base, sites: { 'mail.google.com': false } }, 'mail.google.com', now).active, false);
  assert.equal(siteState({ ...base, pausedUntil: now + 1 }, 'mail.google.com', now).active, false);
  assert.equal(siteState({ ...base, pausedUntil: now - 1 }, 'mail.google.com', now).active, true);
  assert.equal(siteState(base, 'intranet.school.example', now).active, false);
  const on = siteState({ ...base, sites: { 'intranet.school.example': true } }, 'intranet.school.example', now);
  assert.deepEqual([on.active, on.channel, on.builtin], [true, 'email', false]);
});
