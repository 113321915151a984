// One wasm core per page, one checker per policy, shared by every
// <kladwacht-check> on the page. The core runs in a worker
// (js/core-worker.js), so building the scanner never blocks the page; where
// a worker cannot start (an embedding page's CSP, a cross-origin script), it
// runs here instead (a plain Checker, whose `scan` answers at once; callers
// await either).
// kladwacht-core.js (a build output copied from crate/js/) loads
// kladwacht_bg.wasm from beside itself, once.

import { Checker } from '../pkg/kladwacht-core.js';

const checkers = new Map();

/**
 * The checker for a policy file (a URL on the page's or this script's own
 * origin), or for the built-in policy when `policyUrl` is empty.
 */
export function getChecker(policyUrl = '') {
  if (!checkers.has(policyUrl)) {
    checkers.set(
      policyUrl,
      (async () => {
        const policyJson = policyUrl ? await loadPolicy(policyUrl) : null;
        return (await WorkerChecker.create(policyJson)) ?? Checker.create(policyJson);
      })(),
    );
  }
  return checkers.get(policyUrl);
}

/** The page's one scanner worker, started on first use (null when it cannot start). */
let coreWorker;

function startWorker() {
  if (coreWorker === undefined) {
    try {
      coreWorker = new CoreWorker(new Worker(new URL('./core-worker.js', import.meta.url), { type: 'module' }));
    } catch {
      coreWorker = null;
    }
  }
  return coreWorker;
}

/** Calls into the worker: {id, op, args} out, {id, result | error} back. */
class CoreWorker {
  constructor(worker) {
    this.worker = worker;
    this.calls = new Map();
    this.next = 0;
    worker.onmessage = ({ data }) => {
      const call = this.calls.get(data.id);
      this.calls.delete(data.id);
      if ('error' in data) call?.reject(Object.assign(new Error(data.error), { fromScanner: true }));
      else call?.resolve(data.result);
    };
    // A worker that fails to load or crashes: every pending call fails.
    worker.onerror = (e) => {
      e.preventDefault?.();
      for (const call of this.calls.values()) call.reject(new Error(e.message || 'Kladwacht: the scanner worker stopped'));
      this.calls.clear();
    };
  }

  call(op, ...args) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}

/** A scanner in the worker; `create` gives null when no worker can run it. */
class WorkerChecker {
  static async create(policyJson) {
    const worker = startWorker();
    if (!worker) return null;
    try {
      return new WorkerChecker(worker, await worker.call('create', policyJson));
    } catch (e) {
      if (e.fromScanner) throw e; // a bad policy: the same error on the page's thread
      coreWorker = null;
      worker.worker.terminate();
      return null;
    }
  }

  constructor(worker, { handle, policy, overrideModes }) {
    this.worker = worker;
    this.handle = handle;
    this._policy = policy;
    this._overrideModes = overrideModes;
  }

  /** Findings for `text` in `context` (a promise). */
  scan(text, context) {
    return this.worker.call('scan', this.handle, String(text), context);
  }

  policy() {
    return this._policy;
  }

  overrideMode(category) {
    return this._overrideModes[category] ?? 'tick';
  }
}

async function loadPolicy(url) {
  const u = new URL(url, document.baseURI);
  // Policies are the site's own files; never fetch anything from elsewhere.
  if (u.origin !== location.origin && u.origin !== new URL(import.meta.url).origin) {
    throw new Error(`policy ${u.href} is not on this site`);
  }
  const res = await fetch(u, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`policy ${u.pathname}: HTTP ${res.status}`);
  return res.text();
}

// The worker starts with this module, before any <kladwacht-check> is
// connected, so it loads the wasm while the page finishes loading.
startWorker();
