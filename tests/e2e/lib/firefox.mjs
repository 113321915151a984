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
  const service = new firefox.ServiceBuilder(GECKODRIVER);
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  let addonId = null;
  if (extension) addonId = await driver.installAddon(extension, true);
  return { driver, addonId, close: () => driver.quit() };
}
