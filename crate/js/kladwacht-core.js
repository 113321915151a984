// kladwacht-core.js — the thin JavaScript side of the core, shared by the
// demo page and the extension. It loads the wasm package once, keeps one
// Scanner, and survives a trap: a Rust panic aborts (we build with
// panic = "abort" for size), the call throws a WebAssembly.RuntimeError, and
// we build a fresh Scanner so the next keystroke works. The old Scanner is
// dropped without calling into it (its borrow state is unknown after a trap).
//
// Nothing here touches the network: the wasm file is loaded from the
// extension's or page's own files.

import init, { Scanner, version } from './kladwacht.js';

let loading = null;

/** Loads the wasm module once. `wasmUrl` defaults to kladwacht_bg.wasm beside this file. */
export function loadCore(wasmUrl) {
  loading ??= init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
  return loading;
}

export class Checker {
  /** Loads the core and builds a checker for `policyJson` (a JSON string, or null for the built-in policy). */
  static async create(policyJson = null, wasmUrl) {
    await loadCore(wasmUrl);
    return new Checker(policyJson);
  }

  constructor(policyJson = null) {
    this.policyJson = policyJson || null;
    this.scanner = new Scanner(this.policyJson);
    this.rebuilds = 0;
  }

  /**
   * Findings for `text` in `context` ({channel, recipients, account, mediaAttached, consented}).
   * Throws an Error for a bad context (its message names the field); after an
   * internal failure it rebuilds the scanner and throws once.
   */
  scan(text, context = {}) {
    try {
      return this.scanner.scan(String(text), context);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        this.rebuild();
        throw new Error('Kladwacht: internal error in the scanner; it has been restarted', { cause: e });
      }
      throw e;
    }
  }

  /** Replaces the scanner, e.g. after a trap or when the policy changes. */
  rebuild(policyJson = this.policyJson) {
    this.policyJson = policyJson || null;
    this.scanner = new Scanner(this.policyJson);
    this.rebuilds += 1;
  }

  rules() {
    return this.scanner.rules();
  }

  policy() {
    return this.scanner.policy();
  }

  overrideMode(category) {
    return this.scanner.overrideMode(category);
  }
}

export { version };
