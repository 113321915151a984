// The sites Kladwacht watches out of the box, and the channel each one is:
// the channel decides how strict a finding is (see the policy's severity
// matrix). build.mjs turns this list into the manifest's match patterns, so
// this file is the one place to add a site.

/* global KLADWACHT_TEST_BUILD */

export const DEFAULT_SITES = [
  { name: 'Gmail', hosts: ['mail.google.com'], channel: 'email' },
  {
    name: 'Outlook',
    hosts: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
    channel: 'email',
  },
  { name: 'Smartschool', hosts: ['*.smartschool.be'], channel: 'school' },
  { name: 'Social Schools', hosts: ['*.socialschools.nl', '*.socialschools.eu'], channel: 'school' },
  { name: 'ParnasSys', hosts: ['*.parnassys.net'], channel: 'school' },
  { name: 'Facebook', hosts: ['www.facebook.com', 'web.facebook.com', 'm.facebook.com'], channel: 'social' },
  { name: 'Instagram', hosts: ['www.instagram.com'], channel: 'social' },
  { name: 'X', hosts: ['x.com', 'twitter.com'], channel: 'social' },
  { name: 'LinkedIn', hosts: ['www.linkedin.com'], channel: 'social' },
  { name: 'WhatsApp', hosts: ['web.whatsapp.com'], channel: 'chat' },
  { name: 'Teams', hosts: ['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft'], channel: 'chat' },
];

// Only in the end-to-end test builds (dist/*-test): the local test server.
export const TEST_SITES = [{ name: 'Testpagina', hosts: ['127.0.0.1', 'localhost'], channel: 'email', scheme: 'http' }];
// Test builds may also reach this loopback host but do not run there until
// the user switches it on from the popup: it stands in for "any other site"
// (its permission is granted at install, so no browser prompt in the tests).
export const TEST_OPT_IN_PATTERNS = ['http://127.0.0.2/*'];

export const SITES = typeof KLADWACHT_TEST_BUILD !== 'undefined' && KLADWACHT_TEST_BUILD
  ? [...DEFAULT_SITES, ...TEST_SITES]
  : DEFAULT_SITES;

/** A site the user switched on from the popup is treated as webmail. */
export const USER_SITE_CHANNEL = 'email';

function hostMatches(pattern, host) {
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith('.' + base);
  }
  return host === pattern;
}

/** The built-in site for `host`, or null. */
export function defaultSite(host, sites = SITES) {
  return sites.find((s) => s.hosts.some((p) => hostMatches(p, host))) ?? null;
}

/** Manifest match patterns for a list of sites. */
export function matchPatterns(sites) {
  return sites.flatMap((s) => s.hosts.map((h) => `${s.scheme ?? 'https'}://${h}/*`));
}
