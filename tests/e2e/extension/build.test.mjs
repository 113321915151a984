// The extension's build: what `make build` writes, the manifest's promises
// (minimal permissions, no <all_urls>, a CSP without remote code, one
// manifest source for Chrome and Firefox), the store zips, and `web-ext lint`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { EXT_DIST, REPO, requireExtensionBuild } from '../lib/extension-harness.mjs';

const read = (dir, f) => fs.readFileSync(path.join(EXT_DIST, dir, f), 'utf8');
const manifest = (dir) => JSON.parse(read(dir, 'manifest.json'));

test('make build wrote the unpacked extensions and the store zips', () => {
  requireExtensionBuild();
  for (const dir of ['chrome', 'firefox', 'chrome-test', 'firefox-test']) {
    for (const f of ['manifest.json', 'background.js', 'content.js', 'content.css', 'popup.html', 'popup.js', 'core/kladwacht_bg.wasm', 'core/kladwacht.js', 'core/kladwacht-core.js', '_locales/nl/messages.json', '_locales/en/messages.json', 'icons/icon-128.png']) {
      assert.ok(fs.existsSync(path.join(EXT_DIST, dir, f)), `${dir}/${f}`);
    }
  }
  for (const [zip, dir] of [['kladwacht-chrome.zip', 'chrome'], ['kladwacht-firefox.zip', 'firefox']]) {
    const buf = fs.readFileSync(path.join(EXT_DIST, zip));
    assert.equal(buf.readUInt32LE(0), 0x04034b50, `${zip} is a zip`);
    // The manifest inside the zip is the unpacked one (first entry in name order after _locales).
    const names = [];
    for (let i = 0; i + 30 < buf.length && buf.readUInt32LE(i) === 0x04034b50; ) {
      const method = buf.readUInt16LE(i + 8);
      const size = buf.readUInt32LE(i + 18);
      const nameLen = buf.readUInt16LE(i + 26);
      const extra = buf.readUInt16LE(i + 28);
      const name = buf.toString('utf8', i + 30, i + 30 + nameLen);
      const body = buf.subarray(i + 30 + nameLen + extra, i + 30 + nameLen + extra + size);
      if (name === 'manifest.json') {
        const text = (method === 8 ? zlib.inflateRawSync(body) : body).toString('utf8');
        assert.deepEqual(JSON.parse(text), manifest(dir), `${zip} holds ${dir}/manifest.json`);
      }
      names.push(name);
      i += 30 + nameLen + extra + size;
    }
    assert.ok(names.includes('core/kladwacht_bg.wasm') && names.includes('content.js'), `${zip}: ${names.join(', ')}`);
  }
});

test('one manifest source: Chrome and Firefox builds differ only where Firefox ignores a key', () => {
  const c = manifest('chrome');
  const f = manifest('firefox');
  assert.equal(c.manifest_version, 3);
  assert.deepEqual(c.background, { service_worker: 'background.js', scripts: ['background.js'], type: 'module' });
  assert.deepEqual(f.background, { scripts: ['background.js'], type: 'module' });
  assert.deepEqual({ ...c, background: null }, { ...f, background: null });
  const gecko = c.browser_specific_settings.gecko;
  assert.ok(gecko.id);
  assert.ok(parseFloat(gecko.strict_min_version) >= 140);
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
});

test('minimal permissions, the listed sites only, and no remote code', () => {
  const m = manifest('chrome');
  assert.deepEqual(m.permissions.sort(), ['activeTab', 'scripting', 'storage']);
  assert.deepEqual(m.optional_host_permissions, ['https://*/*', 'http://*/*']);
  assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'");
  const all = JSON.stringify(m);
  assert.ok(!all.includes('<all_urls>') && !m.host_permissions.some((h) => h.startsWith('*://*') || h.includes('://*/')), 'no blanket host access up front');
  for (const host of ['mail.google.com', 'outlook.office.com', 'outlook.office365.com', 'outlook.live.com', '*.smartschool.be', 'www.facebook.com', 'www.instagram.com', 'x.com', 'www.linkedin.com', 'web.whatsapp.com', 'teams.microsoft.com']) {
    assert.ok(m.host_permissions.includes(`https://${host}/*`), host);
    assert.ok(m.content_scripts[0].matches.includes(`https://${host}/*`), host);
  }
  const cs = m.content_scripts[0];
  assert.equal(cs.all_frames, true);
  assert.equal(cs.match_about_blank, true);
  assert.equal(cs.match_origin_as_fallback, true);
  assert.ok(!all.includes('127.0.0.1') && !all.includes('localhost'), 'the test hosts stay out of the store build');
  const t = manifest('chrome-test');
  assert.ok(t.content_scripts[0].matches.includes('http://127.0.0.1/*') && t.content_scripts[0].matches.includes('http://localhost/*'));

  for (const dir of ['chrome', 'firefox']) {
    for (const f of ['background.js', 'content.js', 'popup.js', 'core/kladwacht.js', 'core/kladwacht-core.js']) {
      const code = read(dir, f);
      assert.ok(!/\beval\s*\(|new\s+Function\s*\(/.test(code), `${dir}/${f}: no eval / new Function`);
      assert.ok(!/\b(XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b/.test(code), `${dir}/${f}: no network APIs`);
      assert.ok(!/\bimport\s*\(/.test(code), `${dir}/${f}: no dynamic import`);
      assert.ok(!/(127\.0\.0\.1|localhost)/.test(code), `${dir}/${f}: no test hosts`);
    }
    // The only fetch is wasm-bindgen's load of the extension's own .wasm file.
    const fetches = ['background.js', 'content.js', 'popup.js', 'core/kladwacht-core.js'].filter((f) => /\bfetch\s*\(/.test(read(dir, f)));
    assert.deepEqual(fetches, [], `${dir}: no fetch outside the wasm loader`);
  }
  const html = read('chrome', 'popup.html');
  assert.ok(!/<script(?![^>]*\bsrc=)/.test(html) && !/(https?:)?\/\/[a-z]/i.test(html.replace(/<!doctype[^>]*>/i, '')), 'popup: no inline or remote scripts, no remote assets');
});

test('web-ext lint is clean (no errors, no warnings)', () => {
  const bin = path.join(REPO, 'extension/node_modules/.bin/web-ext');
  assert.ok(fs.existsSync(bin), 'web-ext is installed (npm ci in extension/)');
  const r = spawnSync(bin, ['lint', '--source-dir', path.join(EXT_DIST, 'firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 120000 });
  const report = JSON.parse(r.stdout);
  const issues = [...report.errors, ...report.warnings, ...report.notices].map((i) => `${i.code}: ${i.message} (${i.file ?? ''})`);
  assert.deepEqual(issues, []);
});

test('Dutch and English labels: the same keys, and every key the code uses exists', () => {
  const nl = JSON.parse(read('chrome', '_locales/nl/messages.json'));
  const en = JSON.parse(read('chrome', '_locales/en/messages.json'));
  assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
  assert.equal(manifest('chrome').default_locale, 'nl');
  const code = ['content.js', 'popup.js', 'popup.html'].map((f) => read('chrome', f)).join('\n');
  const used = new Set([...code.matchAll(/\bt\(\s*['"`]([a-z_A-Z0-9]+)['"`]/g), ...code.matchAll(/data-i18n="([a-zA-Z_0-9]+)"/g)].map((m) => m[1]));
  for (const key of used) assert.ok(key in nl, `missing label ${key}`);
  for (let r = 1; r <= 14; r++) assert.ok(`rule_R${r}` in nl, `policy rule R${r} explained`);
  for (const c of ['password', 'identifier', 'medical', 'psychosocial', 'family', 'financial', 'minor', 'offensive']) assert.ok(`cat_${c}` in nl, c);
});
