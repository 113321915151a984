// Node unit tests (no browser) for the part-2 helpers: the own-password
// matcher (fires on the registered password, on nothing in the dev corpus)
// and the managed-over-user merge of school settings. (The consent CSV
// reader is the core's parseConsentCsv, tested in crate/tests/wasm.rs.)

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../lib/extension-harness.mjs';

const CORPUS = process.env.KLADWACHT_CORPUS ?? path.resolve(REPO, '../shared/corpus/dev.jsonl');

let registerPassword;
let findOwnPassword;
let candidates;
let mergeSchool;
let corePolicy;

before(async () => {
  ({ registerPassword, findOwnPassword, candidates } = await import('../../../extension/src/shared/own-password.js'));
  ({ mergeSchool, corePolicy } = await import('../../../extension/src/shared/school.js'));
});

const OWN = 'Zonnebloem7!';

test('own password: only salt, truncated hash and length are kept', { timeout: 10_000 }, async () => {
  const reg = await registerPassword(OWN);
  assert.deepEqual(Object.keys(reg).sort(), ['hash', 'length', 'salt']);
  assert.equal(reg.length, OWN.length);
  assert.match(reg.hash, /^[0-9a-f]{10}$/);
  assert.ok(!JSON.stringify(reg).includes(OWN));
  const again = await registerPassword(OWN);
  assert.notEqual(again.salt, reg.salt, 'a fresh salt each time');
  assert.notEqual(again.hash, reg.hash);
});

test('own password: found with or without a keyword, in punctuation and after a label', { timeout: 10_000 }, async () => {
  const reg = await registerPassword(OWN);
  for (const text of [
    `Zonnebloem7!`,
    `Hier is het: ${OWN} groetjes`,
    `wachtwoord:${OWN}`,
    `pw=${OWN}.`,
    `(${OWN})`,
    `"${OWN}",`,
    `Je kunt inloggen met anja en ${OWN}\nTot morgen`,
  ]) {
    const hits = await findOwnPassword(text, reg);
    assert.equal(hits.length, 1, text);
    assert.equal(text.slice(hits[0].start, hits[0].end), OWN, text);
  }
  for (const text of ['Zonnebloem7', 'Zonnebloem8!', 'zonnebloem7!', 'Zonnebloem7!x', 'Het is Zonne bloem7!']) {
    assert.deepEqual(await findOwnPassword(text, reg), [], text);
  }
});

test('own password: nothing in the dev corpus fires, and the matcher stays linear', { timeout: 60_000 }, async () => {
  assert.ok(fs.existsSync(CORPUS), `${CORPUS} is missing (the shared folder must sit beside the checkout)`);
  const texts = fs
    .readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l).text);
  assert.ok(texts.length > 100);
  // Passwords of common lengths, one of them a word the corpus is full of.
  const regs = await Promise.all([OWN, 'Welkom2024', 'Tulpenveld#2931', 'wachtwoord', 'Klimop-4b'].map(registerPassword));
  let hashed = 0;
  let wordHits = 0;
  for (const text of texts) {
    for (const reg of regs) {
      const c = candidates(text, reg.length);
      assert.ok(c.length <= 4 * (text.split(/\s+/).length + 1), 'a few candidates per token at most');
      hashed += c.length;
      const hits = await findOwnPassword(text, reg);
      if (reg !== regs[3]) assert.deepEqual(hits, [], `no own-password hit in: ${text.slice(0, 80)}`);
      // A "password" the corpus is full of: every hit is exactly that word.
      else for (const h of hits) assert.equal(text.slice(h.start, h.end), 'wachtwoord');
      if (reg === regs[3]) wordHits += hits.length;
    }
  }
  assert.ok(hashed > 100, `candidates were hashed (${hashed})`);
  assert.ok(wordHits >= 3, `the registered word is found where it stands (${wordHits})`);
});

test('school settings: managed fields win, cell by cell, and are reported locked', () => {
  const local = {
    school: { name: 'Mijn school', platform: 'Smartschool' },
    severity: { password: { email: 'warn', chat: 'warn' } },
    overrides: { password: 'warn', medical: 'tick' },
    site_channels: { 'mail.google.com': 'school' },
    lang: 'nl',
  };
  const managed = { school: { name: 'De Klimop' }, severity: { password: { email: 'block' } }, overrides: { password: 'not-allowed' }, lang: 'en' };
  const { effective, locked } = mergeSchool(local, managed);
  assert.deepEqual(effective.school, { name: 'De Klimop', platform: 'Smartschool' });
  assert.deepEqual(effective.severity.password, { email: 'block', chat: 'warn' });
  assert.deepEqual(effective.overrides, { password: 'never', medical: 'tick' });
  assert.equal(effective.lang, 'en');
  assert.deepEqual(effective.site_channels, { 'mail.google.com': 'school' });
  assert.deepEqual([...locked].sort(), ['lang', 'overrides.password', 'school.name', 'severity.password.email']);
  const policy = corePolicy(effective, [{ name: 'Emma', consent: true }]);
  assert.deepEqual(Object.keys(policy).sort(), ['consent', 'overrides', 'school', 'severity']);
});
