// The wasm Scanner in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): per-scan latency on the native bench's drafts, cold
// instantiation (init + new Scanner), memory after 1,000 and 10,000 scans,
// and — once the extension is built — the extra cost per keystroke with the
// extension loaded.
//
//   node tests/bench/browser.mjs --pkg crate/pkg --drafts target/bench/drafts.json \
//     --out target/bench/browser.json [--extension extension/dist/chrome-test] [--budget 1]
//
// Everything is served by a static server on 127.0.0.1 (random port) started
// here, with COOP/COEP headers so the page is cross-origin isolated and
// performance.now() has 5 µs resolution instead of 100 µs, and with
// `Cache-Control: no-store` so each instantiation compiles the wasm afresh.
// The browser makes no other requests than to that server.

import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const args = parseArgs(process.argv.slice(2));
const PKG = path.resolve(args.pkg ?? 'crate/pkg');
const DRAFTS = path.resolve(args.drafts ?? 'target/bench/drafts.json');
const OUT = path.resolve(args.out ?? 'target/bench/browser.json');
const EXT = path.resolve(args.extension ?? 'extension/dist/chrome-test');
const BUDGET_MS = 1000 * Number(args.budget ?? 1);
const CHROMIUM = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const DEMO = path.resolve(args.demo ?? 'web-demo');
const LOADS = 7; // cold instantiations
const KEYS = Number(args.keys ?? 200); // characters typed per field
const KEY_DELAY_MS = 30; // between keystrokes, like a fast typist

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      out[k] = v ?? argv[++i];
    }
  }
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>kladwacht bench</title>
<p>kladwacht wasm bench</p>`;

const TYPE_PAGE = `<!doctype html><meta charset="utf-8"><title>kladwacht typing bench</title>
<style>textarea,div[contenteditable]{width:600px;height:300px;overflow:auto;border:1px solid #888;white-space:pre-wrap;font:14px sans-serif}</style>
<textarea id="ta"></textarea>
<div id="ce" contenteditable="true"></div>`;

function serve() {
  const drafts = fs.readFileSync(DRAFTS);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let body;
    let type;
    if (url.pathname === '/' || url.pathname === '/index.html') {
      [body, type] = [PAGE, TYPES['.html']];
    } else if (url.pathname === '/type.html') {
      [body, type] = [TYPE_PAGE, TYPES['.html']];
    } else if (url.pathname === '/drafts.json') {
      [body, type] = [drafts, TYPES['.json']];
    } else if (url.pathname.startsWith('/demo/')) {
      // The demo page as `make demo` serves it (its pkg/ is a copy of crate/pkg).
      const file = path.join(DEMO, path.normalize(url.pathname.slice(6)).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(DEMO) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        [body, type] = [fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream'];
      }
    } else if (url.pathname.startsWith('/pkg/')) {
      const file = path.join(PKG, path.normalize(url.pathname.slice(5)).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(PKG) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        [body, type] = [fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream'];
      }
    }
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function median(xs) {
  return quantile(xs, 0.5);
}

function quantile(xs, p) {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil(p * s.length)));
  return s[rank - 1];
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// --- in the page -----------------------------------------------------------

async function instantiate(page, base) {
  return page.evaluate(async (base) => {
    const t0 = performance.now();
    const mod = await import(`${base}/pkg/kladwacht.js`);
    const t1 = performance.now();
    const exports = await mod.default();
    const t2 = performance.now();
    const s = new mod.Scanner();
    const t3 = performance.now();
    window.__kw = { mod, scanner: s, memory: exports.memory };
    return {
      import_ms: t1 - t0,
      init_ms: t2 - t1,
      new_scanner_ms: t3 - t2,
      isolated: self.crossOriginIsolated,
    };
  }, base);
}

async function scanCases(page, budgetMs) {
  return page.evaluate(async (budgetMs) => {
    const drafts = await (await fetch('/drafts.json')).json();
    const { scanner } = window.__kw;
    const ctx = { channel: 'email' };
    const out = [];
    const enc = new TextEncoder();
    for (const kind of Object.keys(drafts).sort()) {
      const sizes = Object.keys(drafts[kind])
        .map((size) => [size, enc.encode(drafts[kind][size][0]).length])
        .sort((a, b) => a[1] - b[1]);
      for (const [size, bytes] of sizes) {
        const variants = drafts[kind][size];
        for (const d of variants) scanner.scan(d, ctx); // warm-up
        const samples = [];
        let findings = 0;
        let i = 0;
        const start = performance.now();
        while (samples.length < 20 || (performance.now() - start < budgetMs && samples.length < 200000)) {
          const d = variants[i++ % variants.length];
          const t = performance.now();
          const f = scanner.scan(d, ctx);
          samples.push(performance.now() - t);
          findings += f.length;
        }
        out.push({ kind, size, bytes, variants: variants.length, samples, findings });
      }
    }
    return out;
  }, budgetMs);
}

async function scanMany(page, n) {
  return page.evaluate(async (n) => {
    const drafts = await (await fetch('/drafts.json')).json();
    const variants = drafts.dense['5 KB'];
    const { scanner } = window.__kw;
    const ctx = { channel: 'email' };
    let findings = 0;
    for (let i = 0; i < n; i++) findings += scanner.scan(variants[i % variants.length], ctx).length;
    return findings;
  }, n);
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__kw.memory.buffer.byteLength);
  return { js_heap_used: heap.usedSize, js_heap_total: heap.totalSize, wasm_memory: wasm };
}

// --- keystrokes ------------------------------------------------------------

async function typingCost(context, base, draft) {
  const page = await context.newPage();
  await page.goto(`${base}/type.html`);
  await page.evaluate((draft) => {
    document.getElementById('ta').value = draft;
    document.getElementById('ce').textContent = draft;
  }, draft);
  // Give a content script time to attach (and its worker to load the scanner).
  await page.waitForTimeout(1500);
  const result = {};
  for (const [field, selector] of [['textarea', '#ta'], ['contenteditable', '#ce']]) {
    await page.evaluate((selector) => {
      const el = document.querySelector(selector);
      el.focus();
      if (el.setSelectionRange) {
        el.setSelectionRange(el.value.length, el.value.length);
      } else {
        const r = document.createRange();
        r.selectNodeContents(el);
        r.collapse(false);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
      }
      // Keydown (its event time, so queueing delay counts) to the next
      // animation frame after the input event.
      window.__keys = [];
      let down = null;
      const onDown = (e) => { down = e.timeStamp; };
      const onInput = () => {
        const t0 = down;
        if (t0 === null) return;
        down = null;
        requestAnimationFrame(() => window.__keys.push(performance.now() - t0));
      };
      window.__detach?.();
      window.addEventListener('keydown', onDown, true);
      el.addEventListener('input', onInput, true);
      window.__detach = () => {
        window.removeEventListener('keydown', onDown, true);
        el.removeEventListener('input', onInput, true);
      };
    }, selector);
    const text = 'Beste ouders, de uitstap naar het museum gaat door op vrijdag. ';
    let typed = '';
    while (typed.length < KEYS) typed += text;
    await page.keyboard.type(typed.slice(0, KEYS), { delay: KEY_DELAY_MS });
    await page.waitForTimeout(200);
    const samples = await page.evaluate(() => window.__keys);
    result[field] = { keys: samples.length, median_ms: round(median(samples), 2), p99_ms: round(quantile(samples, 0.99), 2) };
  }
  await page.close();
  return result;
}

async function keystrokes(base, drafts) {
  if (!fs.existsSync(EXT) || !fs.statSync(EXT).isDirectory()) {
    return { measured: false, note: `not measured: extension not built (${path.relative(process.cwd(), EXT)} is missing)` };
  }
  const draft = drafts.dense['5 KB'][0];
  const profile = (name) => fs.mkdtempSync(path.join(os.tmpdir(), `kladwacht-bench-${name}-`));
  const runs = {};
  for (const withExt of [false, true]) {
    const dir = profile(withExt ? 'ext' : 'plain');
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      ...(withExt ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
      args: withExt ? [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, ...FLAGS] : FLAGS,
    });
    try {
      if (withExt) {
        // An MV3 extension's worker shows up right after launch.
        let workers = context.serviceWorkers();
        if (!workers.length) {
          await context.waitForEvent('serviceworker', { timeout: 5000 }).catch(() => {});
          workers = context.serviceWorkers();
        }
        runs.extension_worker = workers.map((w) => w.url());
      }
      runs[withExt ? 'with' : 'without'] = await typingCost(context, base, draft);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const extra = {};
  for (const field of ['textarea', 'contenteditable']) {
    extra[field] = round(runs.with[field].median_ms - runs.without[field].median_ms, 2);
  }
  return {
    measured: true,
    method: `page.keyboard.type of ${KEYS} characters (${KEY_DELAY_MS} ms apart) at the end of a 5 KB draft; per keystroke, keydown event time to the next requestAnimationFrame after input; median`,
    extension: path.relative(process.cwd(), EXT),
    ...runs,
    extra_median_ms: extra,
  };
}

// The demo page on a cold load (no HTTP cache): when its compose box takes
// typing, the longest task that held the page's main thread, and when the
// scanner (built in the page's worker) gave its first findings.
async function demoLoads(context, base) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}/demo/index.html`);
    await page.waitForSelector('#try-check[ready]', { state: 'attached', timeout: 30000 });
    loads.push(
      await page.evaluate(() => {
        const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const tasks = window.__longtasks;
        return {
          interactive_ms: mark('kladwacht:interactive'),
          ready_ms: mark('kladwacht:ready'),
          longest_task_ms: Math.max(0, ...tasks.map((t) => t.duration)),
          main_thread_free_ms: Math.max(mark('kladwacht:interactive'), ...tasks.map((t) => t.start + t.duration)),
        };
      }),
    );
    await page.close();
  }
  const med = (k) => round(median(loads.map((l) => l[k])), 1);
  return {
    loads: LOADS,
    interactive_median_ms: med('interactive_ms'),
    main_thread_free_median_ms: med('main_thread_free_ms'),
    longest_task_median_ms: med('longest_task_ms'),
    ready_median_ms: med('ready_ms'),
    note: 'web-demo/index.html, no HTTP cache; times from navigation start; long tasks = main-thread tasks over 50 ms',
  };
}

// --- main ------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(PKG, 'kladwacht.js'))) {
    throw new Error(`${PKG}/kladwacht.js is missing: run \`make wasm\` first`);
  }
  const drafts = JSON.parse(fs.readFileSync(DRAFTS, 'utf8'));
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const version = browser.version();
  const result = {
    command: 'node tests/bench/browser.mjs (tests/bench/run.sh, step browser)',
    browser: `Chromium ${version} (headless, ${CHROMIUM}), playwright-core`,
    channel: 'email',
  };
  try {
    const context = await browser.newContext();
    // Cold instantiation: a fresh page (new module map, no HTTP cache) each time.
    const loads = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      loads.push(await instantiate(page, base));
      await page.close();
    }
    result.cross_origin_isolated = loads.every((l) => l.isolated);
    const total = loads.map((l) => l.init_ms + l.new_scanner_ms);
    result.instantiation = {
      loads: LOADS,
      median_ms: round(median(total), 2),
      init_median_ms: round(median(loads.map((l) => l.init_ms)), 2),
      new_scanner_median_ms: round(median(loads.map((l) => l.new_scanner_ms)), 2),
      import_median_ms: round(median(loads.map((l) => l.import_ms)), 2),
      note: 'init() (fetch + compile + instantiate kladwacht_bg.wasm, no HTTP cache) + new Scanner(); the JS glue import is listed apart',
    };
    console.log(`instantiation: init + new Scanner median ${result.instantiation.median_ms} ms over ${LOADS} cold loads`);
    if (fs.existsSync(path.join(DEMO, 'pkg', 'kladwacht_bg.wasm'))) {
      result.demo_load = await demoLoads(context, base);
      const d = result.demo_load;
      console.log(`demo page: interactive ${d.interactive_median_ms} ms, main thread free ${d.main_thread_free_median_ms} ms, first findings ${d.ready_median_ms} ms`);
    }

    // Scans.
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await instantiate(page, base);
    const cases = await scanCases(page, BUDGET_MS);
    result.scan = cases.map((c) => {
      const totalMs = c.samples.reduce((a, b) => a + b, 0);
      return {
        kind: c.kind,
        size: c.size,
        bytes: c.bytes,
        variants: c.variants,
        runs: c.samples.length,
        median_us: round(1000 * median(c.samples)),
        p99_us: round(1000 * quantile(c.samples, 0.99)),
        mb_per_s: totalMs ? round((c.bytes * c.samples.length) / 2 ** 20 / (totalMs / 1000)) : 0,
        findings_per_scan: round(c.findings / c.samples.length, 2),
      };
    });
    for (const s of result.scan) {
      console.log(`scan ${s.kind} ${s.size}: median ${s.median_us} µs, p99 ${s.p99_us} µs, ${s.mb_per_s} MB/s (${s.runs} runs)`);
    }
    await page.close();

    // Memory: a fresh scanner, 1,000 then 10,000 scans of the dense 5 KB drafts.
    const mpage = await context.newPage();
    await mpage.goto(`${base}/`);
    await instantiate(mpage, base);
    const cdp = await context.newCDPSession(mpage);
    const before = await memory(mpage, cdp);
    await scanMany(mpage, 1000);
    const after1k = await memory(mpage, cdp);
    await scanMany(mpage, 9000);
    const after10k = await memory(mpage, cdp);
    const growth = after10k.js_heap_used - after1k.js_heap_used;
    const wasmGrowth = after10k.wasm_memory - after1k.wasm_memory;
    result.memory = {
      draft: 'dense 5 KB (cycling its variants)',
      method: 'CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage (JS heap) and the wasm memory buffer size',
      before,
      after_1000: after1k,
      after_10000: after10k,
      js_heap_growth_bytes: growth,
      wasm_memory_growth_bytes: wasmGrowth,
      // A few hundred KB of JS heap come and go with V8's own caches.
      grows: wasmGrowth > 0 || growth > 256 * 1024,
    };
    console.log(`memory after 1,000 / 10,000 scans: JS heap ${after1k.js_heap_used} / ${after10k.js_heap_used} B, wasm ${after1k.wasm_memory} / ${after10k.wasm_memory} B`);
    await cdp.detach();
    await mpage.close();
    await context.close();
  } finally {
    await browser.close();
  }

  result.keystroke = await keystrokes(base, drafts);
  console.log(result.keystroke.measured
    ? `keystroke extra (median): ${JSON.stringify(result.keystroke.extra_median_ms)} ms`
    : result.keystroke.note);
  server.close();
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(result, null, 2));
  console.log(`wrote ${OUT}`);
}

main().catch((e) => {
  console.error(`browser bench: ${e.stack ?? e}`);
  process.exit(1);
});
