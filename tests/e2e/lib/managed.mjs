// Managed policies for the tests, written where each browser reads them at
// start-up and removed afterwards:
//   Chromium (Debian): /etc/chromium/policies/managed/*.json, the extension's
//     settings under 3rdparty.extensions.<id> (the test build has a fixed key,
//     so a fixed id)
//   Firefox ESR (Debian): policies.json in the distribution directory, under
//     3rdparty.Extensions.<add-on id>
// Both need root (as in CI); tests skip with a reason otherwise.

import fs from 'node:fs';
import path from 'node:path';

export const TEST_EXTENSION_ID = 'edcaoohncjdogdgddgkpfglldepnekig';
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
export const FIREFOX_POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';

/** Why a managed-policy test cannot run here, or null. */
export function cannotWritePolicies() {
  return process.getuid?.() === 0 ? null : 'writing a browser policy file needs root (CI runs as root)';
}

/** Writes a Chromium policy file for the test build; returns a function that removes it. */
export function writeChromiumPolicy(settings) {
  fs.mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  const file = path.join(CHROMIUM_POLICY_DIR, 'kladwacht-e2e.json');
  fs.writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [TEST_EXTENSION_ID]: settings } } }, null, 2));
  return () => fs.rmSync(file, { force: true });
}

/** Writes Firefox's policies.json (refuses to overwrite one the machine already has); returns a remover. */
export function writeFirefoxPolicy(settings) {
  if (fs.existsSync(FIREFOX_POLICY_FILE)) throw new Error(`${FIREFOX_POLICY_FILE} exists already; not overwriting it`);
  fs.writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { 'kladwacht@kladwacht': settings } } } }, null, 2));
  return () => fs.rmSync(FIREFOX_POLICY_FILE, { force: true });
}

/** The managed settings both browser tests push: a school name, a stricter password mode, English. */
export const MANAGED = {
  school: { name: 'Basisschool De Klimop', domains: ['deklimop.nl'] },
  privacy_contact: { name: 'Functionaris gegevensbescherming', email: 'privacy@deklimop.nl' },
  overrides: { password: 'never' },
  lang: 'en',
};
