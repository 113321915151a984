// Launches Firefox ESR through selenium-webdriver + geckodriver (Playwright's
// Firefox does not drive stock Firefox), optionally with the extension
// installed as a temporary add-on and all non-loopback traffic sent to the
// catch-all proxy (WebDriver BiDi misses the background script's requests).

import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  const cargo = path.join(os.homedir(), '.cargo/bin', cmd);
  return fs.existsSync(cargo) ? cargo : null;
}

export const FIREFOX = process.env.FIREFOX_PATH ?? which('firefox-esr') ?? which('firefox');
export const GECKODRIVER = process.env.GECKODRIVER ?? which('geckodriver');

/** A fixed internal UUID for the add-on, so tests can open its pages (moz-extension://UUID/options.html). */
export const FIREFOX_EXT_UUID = '6b1d5c0e-4a7e-4c3b-9d1e-6b6c1a9d0f11';
export const FIREFOX_EXT_ORIGIN = `moz-extension://${FIREFOX_EXT_UUID}`;

/** Returns { driver, addonId, close }. */
export async function launchFirefox({ extension, proxyPort } = {}) {
  const options = new firefox.Options().addArguments('-headless').setBinary(FIREFOX);
  const prefs = {
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'xpinstall.signatures.required': false,
    'extensions.webextensions.uuids': JSON.stringify({ 'kladwacht@kladwacht': FIREFOX_EXT_UUID }),
  };
  if (proxyPort) {
    Object.assign(prefs, {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
    });
  }
  for (const [k, v] of Object.entries(prefs)) options.setPreference(k, v);
  // --allow-system-access: openExtensionPage() opens the add-on's pages from the browser's chrome context.
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  let addonId = null;
  if (extension) addonId = await driver.installAddon(extension, true);
  return { driver, addonId, close: () => driver.quit() };
}

/**
 * Opens one of the add-on's own pages (options.html) in the current tab.
 * Marionette refuses to navigate a content tab to moz-extension:, so the
 * browser's chrome context loads it, with the system principal.
 */
export async function openExtensionPage(driver, page) {
  const url = `${FIREFOX_EXT_ORIGIN}/${page}`;
  // Mark the document we leave, to wait for the new one (the URL may be the same).
  await driver.executeScript('window.__kwLeaving = true').catch(() => {});
  await driver.setContext(firefox.Context.CHROME);
  try {
    await driver.executeScript(
      'gBrowser.selectedBrowser.loadURI(Services.io.newURI(arguments[0]), { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });',
      url,
    );
  } finally {
    await driver.setContext(firefox.Context.CONTENT);
  }
  for (let i = 0; i < 100; i += 1) {
    if ((await driver.getCurrentUrl()).startsWith(url) && !(await driver.executeScript('return window.__kwLeaving === true').catch(() => true))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not open`);
}
