#!/usr/bin/env node
// Builds the extension from src/ and the wasm package (crate/pkg, `make wasm`):
//   dist/chrome/, dist/firefox/      unpacked, loadable; the same files from one manifest source
//                                    (Firefox's copy leaves out background.service_worker, which it ignores)
//   dist/kladwacht-chrome.zip, dist/kladwacht-firefox.zip   for the Chrome Web Store and addons.mozilla.org
//   dist/chrome-test/, dist/firefox-test/   also run on http://127.0.0.1 and http://localhost
//                                    (channel email), for the end-to-end tests
// Bundles are not minified, so reviewers read what runs. `--lint` runs `web-ext lint` afterwards.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { DEFAULT_SITES, TEST_OPT_IN_PATTERNS, TEST_SITES, matchPatterns } from './src/shared/sites.js';
import { icon } from './build/icons.mjs';
import { zipDir } from './build/zip.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const dist = path.join(here, 'dist');
const pkg = path.resolve(here, '../crate/pkg');
const CORE_FILES = ['kladwacht.js', 'kladwacht_bg.wasm', 'kladwacht-core.js'];
// The public half of a throw-away RSA key, only in dist/chrome-test: Chromium
// derives the extension id from it (TEST_EXTENSION_ID in tests/e2e/lib).
const TEST_KEY = fs.readFileSync(path.join(here, 'build/test-key.pub.b64'), 'utf8').trim();

for (const f of CORE_FILES) {
  if (!fs.existsSync(path.join(pkg, f))) {
    console.error(`extension/build.mjs: ${path.join(pkg, f)} is missing; run \`make wasm\` first`);
    process.exit(1);
  }
}

// The core stays a separate, unbundled module: the same files as the demo's.
const coreExternal = {
  name: 'core-external',
  setup(build) {
    build.onResolve({ filter: /kladwacht(-core)?\.js$/ }, (args) => ({ path: `./core/${path.basename(args.path)}`, external: true }));
  },
};

async function bundle(out, test) {
  const common = {
    bundle: true,
    minify: false,
    legalComments: 'none',
    target: ['chrome120', 'firefox140'],
    define: { KLADWACHT_TEST_BUILD: String(test) },
    logLevel: 'warning',
    charset: 'utf8',
  };
  await esbuild.build({
    ...common,
    entryPoints: { background: path.join(src, 'background/main.js'), popup: path.join(src, 'popup/popup.js'), options: path.join(src, 'options/options.js') },
    outdir: out,
    format: 'esm',
    plugins: [coreExternal],
  });
  // Content scripts cannot be modules: one classic script.
  await esbuild.build({
    ...common,
    entryPoints: { content: path.join(src, 'content/main.js') },
    outdir: out,
    format: 'iife',
  });
}

function manifest(test, browser) {
  const m = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
  // Firefox runs background.scripts and ignores service_worker (web-ext lint warns about it).
  if (browser === 'firefox') delete m.background.service_worker;
  const sites = test ? [...DEFAULT_SITES, ...TEST_SITES] : DEFAULT_SITES;
  const patterns = matchPatterns(sites);
  m.content_scripts[0].matches = patterns;
  m.host_permissions = test ? [...patterns, ...TEST_OPT_IN_PATTERNS] : patterns;
  if (test) {
    m.name = 'Kladwacht (test)';
    // A fixed key gives the Chromium test build a stable id, so a test can
    // address it in a managed policy file (3rdparty.extensions.<id>).
    if (browser === 'chrome') m.key = TEST_KEY;
  }
  return m;
}

function copy(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

async function target(name, { test = false, browser = 'chrome' } = {}) {
  const out = path.join(dist, name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'core'), { recursive: true });
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  await bundle(out, test);
  for (const f of CORE_FILES) copy(path.join(pkg, f), path.join(out, 'core', f));
  copy(path.join(src, '_locales'), path.join(out, '_locales'));
  copy(path.join(src, 'popup/popup.html'), path.join(out, 'popup.html'));
  copy(path.join(src, 'popup/popup.css'), path.join(out, 'popup.css'));
  copy(path.join(src, 'content/content.css'), path.join(out, 'content.css'));
  copy(path.join(src, 'options/options.html'), path.join(out, 'options.html'));
  copy(path.join(src, 'options/options.css'), path.join(out, 'options.css'));
  copy(path.join(src, 'managed_schema.json'), path.join(out, 'managed_schema.json'));
  for (const size of [16, 32, 48, 128]) fs.writeFileSync(path.join(out, 'icons', `icon-${size}.png`), icon(size));
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest(test, browser), null, 2) + '\n');
  return out;
}

fs.mkdirSync(dist, { recursive: true });
const chrome = await target('chrome');
const firefox = await target('firefox', { browser: 'firefox' });
await target('chrome-test', { test: true });
await target('firefox-test', { test: true, browser: 'firefox' });
zipDir(chrome, path.join(dist, 'kladwacht-chrome.zip'));
zipDir(firefox, path.join(dist, 'kladwacht-firefox.zip'));
console.log(`extension: built ${path.relative(process.cwd(), dist)}/{chrome,firefox,chrome-test,firefox-test} and the two zips`);

if (process.argv.includes('--lint')) {
  const bin = path.join(here, 'node_modules/.bin/web-ext');
  const r = spawnSync(bin, ['lint', '--source-dir', firefox, '--warnings-as-errors'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
