// The scanner's own thread. Building a Scanner takes a few hundred
// milliseconds on a cold page (the lexicons and keyword automata are built in
// wasm that the browser has not optimised yet); here that happens beside the
// page, which takes typing at once. One worker serves every checker of the
// page (one wasm module). Messages: {id, op, args} in,
// {id, result} or {id, error} out, answered in order.

import { Checker, loadCore } from '../pkg/kladwacht-core.js';

// Fetch and compile the wasm now, while the page is still loading its own
// modules; `create` then waits only for the scanner itself.
loadCore().catch(() => {}); // a failure is reported by `create`

// One checker per policy; `create` answers with its handle.
const checkers = [];

const ops = {
  async create(policyJson) {
    const checker = await Checker.create(policyJson);
    checkers.push(checker);
    const categories = new Set(checker.rules().map((r) => r.category));
    const overrideModes = Object.fromEntries([...categories].map((c) => [c, checker.overrideMode(c)]));
    return { handle: checkers.length - 1, policy: checker.policy(), overrideModes };
  },
  scan(handle, text, context) {
    return checkers[handle].scan(text, context);
  },
};

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    self.postMessage({ id, result: await ops[op](...args) });
  } catch (e) {
    self.postMessage({ id, error: e?.message || String(e) });
  }
};
