// One name for the WebExtension API: Firefox has `browser` (and `chrome`),
// Chromium has `chrome`. Both return promises in Manifest V3.
export const api = globalThis.browser ?? globalThis.chrome;
