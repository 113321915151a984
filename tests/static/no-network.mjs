#!/usr/bin/env node
// Static check for the browser surfaces (`make test-static`, part of `make test`).
//
// Kladwacht's promise is that nothing the user types leaves the machine. This
// script reads the extension and demo sources (and the shared JS core) and
// fails, naming file:line, when it finds:
//
//   network     a network API: fetch of anything but the extension's own files
//               (chrome.runtime.getURL(...), relative URLs, new URL('x', import.meta.url)),
//               XMLHttpRequest, WebSocket, EventSource, sendBeacon, WebRTC,
//               WebTransport, native messaging, remote importScripts/import()/Worker,
//               `.src = 'https://…'` pixels, remote <script>/<link>/<img>/<iframe>/<form>,
//               remote CSS url()/@import, a manifest CSP that allows remote code
//   eval        eval, new Function / Function(), setTimeout/setInterval with a string
//   console     console.* called with draft text or findings (text, draft, findings, value, …)
//   storage     draft text or findings written to localStorage/sessionStorage,
//               chrome.storage/browser.storage, IndexedDB, the Cache API or cookies
//
// It is a line-aware scanner, not a JS parser: comments are skipped, string
// literals are read where they matter (URLs) and ignored where they do not
// (a console message that mentions "the draft"). A deliberate exception is
// written on the line (or the line before) as
//     // static-check: allow <rule> <reason>
// and is printed on every run, so exceptions stay visible in review.
//
// Every run first checks itself against tests/static/fixtures/: each line of
// fixtures/bad/ marked `expect: <rule>` must be flagged with that rule and no
// other line may be; nothing in fixtures/good/ may be flagged.
//
// Usage: node tests/static/no-network.mjs [--self-test] [DIR|FILE ...]

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const DEFAULT_ROOTS = ['extension', 'web-demo', 'crate/js'];
// Build outputs, vendored bundles, and tooling that never ships (tests, benchmarks).
const SKIP_DIRS = new Set([
  'node_modules', 'dist', 'pkg', 'vendor', 'vendored', 'third_party', 'third-party',
  '.git', 'coverage', 'artifacts', '.profiles', 'bench', 'test', 'tests', 'e2e',
]);
// A script that imports Node built-ins is build tooling run by node, not code
// the browser loads: it is listed, not checked.
const NODE_PROGRAM = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]node:/;
const JS_EXT = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.jsx', '.tsx']);
const HTML_EXT = new Set(['.html', '.htm']);
const CSS_EXT = new Set(['.css']);

// Identifiers that hold (or hold parts of) the draft or the findings. The
// console list is wider (a logged `value` or `result` is most likely the
// draft or a scan); the storage list leaves out what a settings page stores
// from its form fields (`input.value`).
const SENSITIVE_CONSOLE = /\b(?:text|texts|draft|drafts|finding|findings|result|results|value|values|body|content|contents|innerText|textContent|innerHTML|outerHTML|selection|snippet|snippets|excerpt|span|spans|html|input)\b/;
const SENSITIVE_STORAGE = /\b(?:text|texts|draft|drafts|finding|findings|body|content|contents|innerText|textContent|innerHTML|outerHTML|selection|snippet|snippets|excerpt|span|spans)\b/;

// ---------------------------------------------------------------- lexing ---

/**
 * Blanks comments in JS source, keeping offsets and line breaks. Returns
 * `code` (comments blanked, strings kept) and `bare` (strings' contents
 * blanked too, template `${…}` expressions kept).
 */
function lexJs(src) {
  const code = src.split('');
  const bare = src.split('');
  const blank = (arr, i) => { if (arr[i] !== '\n') arr[i] = ' '; };
  let i = 0;
  const n = src.length;
  // Stack of open template literals: the brace depth at which each `${` opened.
  const templates = [];
  let depth = 0;
  let lastSignificant = ''; // last non-space char outside comments, for regex detection
  let lastWord = '';
  const regexAfter = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
  const regexAfterWords = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

  const readTemplate = () => {
    // At a backtick or right after a `}` closing a template expression.
    while (i < n) {
      const c = src[i];
      if (c === '\\') { blank(bare, i); blank(bare, i + 1); i += 2; continue; }
      if (c === '`') { i++; return 'closed'; }
      if (c === '$' && src[i + 1] === '{') { i += 2; templates.push(depth); depth++; return 'expr'; }
      blank(bare, i);
      i++;
    }
    return 'closed';
  };

  while (i < n) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') { blank(code, i); blank(bare, i); i++; }
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) { blank(code, i); blank(bare, i); }
      continue;
    }
    if (c === '\'' || c === '"') {
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') { blank(bare, i); i++; }
        blank(bare, i);
        i++;
      }
      i++;
      lastSignificant = c; lastWord = '';
      continue;
    }
    if (c === '`') {
      i++;
      readTemplate();
      lastSignificant = '`'; lastWord = '';
      continue;
    }
    if (c === '/' && (regexAfter.has(lastSignificant) && !lastWord || regexAfterWords.has(lastWord))) {
      // A regular-expression literal: skip to its closing slash (outside classes).
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') { j += 2; continue; }
        if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        else if (src[j] === '/' && !inClass) break;
        j++;
      }
      if (j < n && src[j] === '/') {
        for (let k = i + 1; k < j; k++) blank(bare, k);
        i = j + 1;
        lastSignificant = '/'; lastWord = 'regex';
        continue;
      }
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        i++;
        readTemplate();
        lastSignificant = '`'; lastWord = '';
        continue;
      }
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$]/.test(src[j])) j++;
      lastWord = src.slice(i, j);
      lastSignificant = 'w';
      i = j;
      continue;
    }
    if (!/\s/.test(c)) { lastSignificant = c; lastWord = ''; }
    i++;
  }
  return { code: code.join(''), bare: bare.join('') };
}

/** Blanks HTML comments, keeping offsets. */
function blankHtmlComments(src) {
  return src.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Blanks CSS comments, keeping offsets. */
function blankCssComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The JS inside an HTML file's inline <script> elements, at the same offsets; the rest blank. */
function inlineScripts(html) {
  const out = html.replace(/[^\n]/g, ' ').split('');
  const re = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let m;
  while ((m = re.exec(html))) {
    const start = m.index + m[0].indexOf('>') + 1;
    for (let k = 0; k < m[1].length; k++) out[start + k] = m[1][k];
  }
  return out.join('');
}

/** Index of the `)` matching the `(` at `open` in `s` (strings already blanked), or -1. */
function matchParen(s, open) {
  let depth = 0;
  const limit = Math.min(s.length, open + 4000);
  for (let k = open; k < limit; k++) {
    if (s[k] === '(' || s[k] === '[' || s[k] === '{') depth++;
    else if (s[k] === ')' || s[k] === ']' || s[k] === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** The first argument of the call whose `(` is at `open`: [start, end) offsets. */
function firstArg(bare, open) {
  const close = matchParen(bare, open);
  const stop = close < 0 ? Math.min(bare.length, open + 400) : close;
  let depth = 0;
  for (let k = open + 1; k < stop; k++) {
    const c = bare[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return [open + 1, k];
  }
  return [open + 1, stop];
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Whether a string-literal source text (quotes included) is a relative URL.
 * A template literal with `${…}` counts when the text before the first
 * substitution is already a path (`../scenarios/${name}.json`, `/api/${x}`
 * but not `//${host}` or `h${rest}`): whatever is substituted, it stays on
 * the same origin.
 */
function relativeLiteral(lit) {
  const m = /^(['"`])([\s\S]*)\1$/.exec(lit.trim());
  if (!m) return false;
  if (m[1] === '`' && m[2].includes('${')) {
    const prefix = m[2].slice(0, m[2].indexOf('${'));
    return /^(?:\.{1,2}\/|\/(?!\/)|[\w.-]+\/)/.test(prefix) && !REMOTE.test(prefix);
  }
  return !REMOTE.test(m[2].trim());
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const escapeRe = (s) => s.replace(/[$.*+?^(){}[\]|\\]/g, '\\$&');

/**
 * Whether an expression is (or is built from) one of the extension's own
 * files: a relative URL, `runtime.getURL(…)`, `new URL(<relative>, import.meta.url)`,
 * a `const` initialised with one of those, a call of a function in the same
 * file whose every `return` is one, or a variable checked against
 * `location.origin` just before (`if (u.origin !== location.origin) throw …`).
 */
function ownFile(expr, code, depth = 0, at = -1) {
  const e = expr.trim().replace(/^await\s+/, '');
  if (e === '') return false;
  if (relativeLiteral(e)) return true;
  if (/^[\w$.()?\s]*\.runtime\s*\.\s*getURL\s*\(/.test(e)) return true;
  if (/^import\.meta\.url$/.test(e)) return true;
  const u = /^new\s+URL\s*\(\s*(['"`](?:[^'"`\\]|\\.)*['"`])\s*,\s*import\.meta\.url\s*\)$/.exec(e);
  if (u && relativeLiteral(u[1])) return true;
  if (depth >= 2) return false;
  if (IDENT.test(e)) {
    // Checked against this page's origin in the lines just before the call.
    if (at >= 0) {
      const before = code.slice(Math.max(0, code.lastIndexOf('\n', Math.max(0, at - 1200))), at);
      const guard = new RegExp(`\\b${escapeRe(e)}\\.origin\\s*!==?\\s*(?:(?:self|window|globalThis)\\.)?location\\.origin[^\\n]*\\)\\s*(?:\\{\\s*)?(?:throw|return)\\b`);
      if (guard.test(before)) return true;
    }
    // Its `const x = …` initialiser in the same file.
    const decl = new RegExp(`\\b(?:const|let|var)\\s+${escapeRe(e)}\\s*=\\s*([^;\\n]+)`).exec(code);
    if (decl) return ownFile(decl[1], code, depth + 1);
    return false;
  }
  // A call of a function defined in the same file: every `return` must be own files.
  const call = /^([A-Za-z_$][\w$]*)\s*\(/.exec(e);
  if (call && !/^(?:fetch|String|decodeURIComponent|encodeURIComponent)$/.test(call[1])) {
    const def = new RegExp(`\\bfunction\\s+${escapeRe(call[1])}\\s*\\(`).exec(code);
    if (def) {
      const open = code.indexOf('{', def.index);
      const close = open < 0 ? -1 : matchParen(code, open);
      const body = close < 0 ? '' : code.slice(open + 1, close);
      const returns = [...body.matchAll(/\breturn\b\s*([^;\n]*)/g)].map((r) => r[1]);
      return returns.length > 0 && returns.every((r) => ownFile(r, code, depth + 1));
    }
  }
  return false;
}

// ---------------------------------------------------------------- checks ---

function lineOf(src, offset) {
  let line = 1;
  for (let k = 0; k < offset && k < src.length; k++) if (src.charCodeAt(k) === 10) line++;
  return line;
}

/** Finds problems in JS code (already lexed). Returns [{offset, rule, message}]. */
function checkJs({ code, bare }) {
  const out = [];
  const add = (offset, rule, message) => out.push({ offset, rule, message });
  const each = (re, f, on = bare) => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let m;
    while ((m = g.exec(on))) {
      f(m);
      if (m[0] === '') g.lastIndex++;
    }
  };

  // fetch: only the extension's own files.
  each(/(?<![\w$])fetch\b/, (m) => {
    const after = bare.slice(m.index + 5);
    const call = /^\s*\(/.exec(after);
    if (!call) {
      add(m.index, 'network', 'fetch used indirectly (aliased or passed on): call fetch() directly on the extension\'s own files');
      return;
    }
    const open = m.index + 5 + call[0].length - 1;
    const [s, e] = firstArg(bare, open);
    const arg = code.slice(s, e);
    if (!ownFile(arg, code, 0, m.index)) {
      add(m.index, 'network', `fetch(${arg.trim().slice(0, 60)}) may leave the machine: fetch only the extension's own files (chrome.runtime.getURL(…), a relative URL)`);
    }
  });
  for (const [re, what] of [
    [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
    [/\bWebSocket\b/, 'WebSocket'],
    [/\bEventSource\b/, 'EventSource'],
    [/\bsendBeacon\b/, 'sendBeacon'],
    [/\b(?:webkit)?RTCPeerConnection\b/, 'WebRTC (RTCPeerConnection)'],
    [/\bRTCDataChannel\b/, 'WebRTC (RTCDataChannel)'],
    [/\bWebTransport\b/, 'WebTransport'],
    [/\b(?:connectNative|sendNativeMessage)\b/, 'native messaging'],
  ]) {
    each(re, (m) => add(m.index, 'network', `${what} sends data off the page: not allowed`));
  }
  // importScripts / import() / Worker: own files only.
  each(/(?<![\w$.])(importScripts|import|(?:new\s+)(?:Shared)?Worker)\s*\(/, (m) => {
    const open = m.index + m[0].length - 1;
    const [s, e] = firstArg(bare, open);
    const arg = code.slice(s, e);
    if (!ownFile(arg, code)) {
      add(m.index, 'network', `${m[1].replace(/\s+/g, ' ')}(${arg.trim().slice(0, 60)}) may load remote code: load only the extension's own files`);
    }
  });
  // Static imports from remote URLs.
  each(/\b(?:import|export)\b[^;'"`]*?\bfrom\s*(['"`])((?:https?:|wss?:|ftp:|\/\/)[^'"`]*)\1/i, (m) => {
    add(m.index, 'network', `import from ${m[2]} loads remote code`);
  }, code);
  each(/\bimport\s*(['"`])((?:https?:|\/\/)[^'"`]*)\1/i, (m) => {
    add(m.index, 'network', `import ${m[2]} loads remote code`);
  }, code);
  // Tracking pixels and remote resources assigned from script.
  // (`.href =` is left alone: following a link is the user's own navigation.)
  each(/\.(?:src|srcset|action|data|poster)\s*=\s*(['"`])\s*(?:https?:|\/\/)/i, (m) => {
    add(m.index, 'network', 'a remote URL assigned to a resource attribute loads it (and leaks that it was loaded)');
  }, code);
  each(/\b(?:setAttribute)\s*\(\s*(['"`])(?:src|action|data|poster)\1\s*,\s*(['"`])\s*(?:https?:|\/\/)/i, (m) => {
    add(m.index, 'network', 'a remote URL set as a resource attribute loads it');
  }, code);

  // Code from strings.
  each(/(?<![\w$])eval\s*\(/, (m) => add(m.index, 'eval', 'eval() runs a string as code: not allowed'));
  each(/(?<![\w$])(?:new\s+)?Function\s*\(/, (m) => {
    add(m.index, 'eval', 'Function() builds code from a string: not allowed');
  });
  each(/(?<![\w$])(?:set(?:Timeout|Interval)|setImmediate|execScript)\s*\(\s*['"`]/, (m) => {
    add(m.index, 'eval', `${m[0].replace(/\s*\(.*$/, '')} with a string runs it as code: pass a function`);
  }, code);

  // Console: never the draft or the findings.
  each(/\bconsole\s*(?:\.\s*|\[\s*['"`]?)(log|info|debug|warn|error|trace|dir|dirxml|table|group|groupCollapsed|assert|count|timeLog)\b[^(\n]*\(/, (m) => {
    const open = m.index + m[0].length - 1;
    const close = matchParen(bare, open);
    const args = bare.slice(open + 1, close < 0 ? open + 400 : close);
    const hit = SENSITIVE_CONSOLE.exec(args);
    if (hit) {
      add(m.index, 'console', `console.${m[1]}(…${hit[0]}…) may print the draft or its findings to the console`);
    }
  }, code);

  // Storage: never the draft or the findings.
  const storageCalls = [
    /\b(?:localStorage|sessionStorage)\s*\.\s*setItem\s*\(/,
    /\bstorage\s*\.\s*(?:local|sync|session|managed)\s*\.\s*set\s*\(/,
    /\bcaches?\s*\.\s*(?:put|add|addAll)\s*\(/,
  ];
  if (/\bindexedDB\b/.test(bare)) {
    storageCalls.push(/\.\s*(?:put|add)\s*\(/);
  }
  for (const re of storageCalls) {
    each(re, (m) => {
      const open = m.index + m[0].length - 1;
      const close = matchParen(bare, open);
      const args = bare.slice(open + 1, close < 0 ? open + 400 : close);
      const hit = SENSITIVE_STORAGE.exec(args);
      if (hit) add(m.index, 'storage', `storage write with …${hit[0]}… may keep the draft or its findings on disk`);
    });
  }
  each(/\b(?:localStorage|sessionStorage)\s*(?:\.\s*[\w$]+|\[[^\]]*\])\s*=(?!=)([^;\n]*)/, (m) => {
    const hit = SENSITIVE_STORAGE.exec(bare.slice(m.index, m.index + m[0].length).replace(/^[^=]*=/, ''));
    if (hit) add(m.index, 'storage', `storage write with …${hit[0]}… may keep the draft or its findings on disk`);
  });
  each(/\bdocument\s*\.\s*cookie\s*=(?!=)/, (m) => add(m.index, 'storage', 'cookies travel with requests: do not write them'));
  return out;
}

/** Remote resources in HTML markup (comments already blanked). */
function checkMarkup(html) {
  const out = [];
  const tag = /<(script|link|img|iframe|frame|audio|video|source|track|embed|object|input|form|base|meta)\b[^>]*>/gi;
  let m;
  while ((m = tag.exec(html))) {
    const name = m[1].toLowerCase();
    const attrs = /\b(src|href|srcset|data|poster|action|formaction|content|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
    let a;
    while ((a = attrs.exec(m[0]))) {
      const attr = a[1].toLowerCase();
      const value = (a[2] ?? a[3] ?? a[4] ?? '').trim();
      if (name === 'meta') {
        if (attr === 'content' && /http-equiv\s*=\s*["']?refresh/i.test(m[0]) && /url\s*=\s*(?:https?:|\/\/)/i.test(value)) {
          out.push({ offset: m.index, rule: 'network', message: 'a meta refresh to a remote URL' });
        }
        continue;
      }
      if (attr === 'content') continue;
      if (name === 'link' && attr === 'href' && !/rel\s*=\s*["']?(?:stylesheet|preload|prefetch|modulepreload|icon|manifest|dns-prefetch|preconnect)/i.test(m[0])) continue;
      const remote = attr === 'srcset'
        ? value.split(',').some((part) => REMOTE.test(part.trim()) && !/^data:/i.test(part.trim()))
        : REMOTE.test(value) && !/^(?:data|blob|chrome-extension|moz-extension|about|javascript):/i.test(value);
      if (remote) {
        out.push({ offset: m.index, rule: 'network', message: `<${name} ${attr}="${value.slice(0, 60)}"> loads from the network` });
      }
      if (/^javascript:/i.test(value) && /\beval\s*\(/.test(value)) {
        out.push({ offset: m.index, rule: 'eval', message: 'eval in a javascript: URL' });
      }
    }
  }
  // Inline event handlers that eval.
  const handler = /\bon[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  while ((m = handler.exec(html))) {
    if (/(?<![\w$])(?:eval|Function)\s*\(/.test(m[1] ?? m[2] ?? '')) {
      out.push({ offset: m.index, rule: 'eval', message: 'eval/Function in an inline event handler' });
    }
  }
  return out;
}

/** Remote CSS loads: url(http…), @import of a remote sheet. Works on CSS and on JS/HTML text. */
function checkCss(text) {
  const out = [];
  const re = /\burl\(\s*(['"]?)\s*(?:https?:|\/\/)|@import\s+(?:url\(\s*)?['"]?\s*(?:https?:|\/\/)/gi;
  let m;
  while ((m = re.exec(text))) {
    out.push({ offset: m.index, rule: 'network', message: 'a remote URL in CSS (url()/@import) loads from the network' });
  }
  return out;
}

/** An extension manifest whose CSP would allow remote or string-built code. */
function checkManifest(text) {
  const out = [];
  const re = /"content_security_policy"/g;
  let m;
  while ((m = re.exec(text))) {
    const tail = text.slice(m.index, m.index + 2000);
    const end = tail.search(/\n\s*[}\]]\s*,?\s*\n|\n\s*"[a-z_]+"\s*:\s*[[{]/);
    const csp = end > 0 ? tail.slice(0, end) : tail;
    if (/(?<!wasm-)unsafe-eval|https?:|\bwss?:|(?<![\w-])\*(?![\w.])/.test(csp)) {
      out.push({ offset: m.index, rule: 'network', message: 'the manifest CSP allows remote sources or unsafe-eval' });
    }
  }
  return out;
}

// ------------------------------------------------------------- running ---

function isNodeProgram(path) {
  return JS_EXT.has(extname(path).toLowerCase()) && NODE_PROGRAM.test(readFileSync(path, 'utf8'));
}

function checkFile(path) {
  const src = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  let found = [];
  if (JS_EXT.has(ext)) {
    const lexed = lexJs(src);
    found = checkJs(lexed).concat(checkCss(lexed.code));
  } else if (HTML_EXT.has(ext)) {
    const html = blankHtmlComments(src);
    found = checkMarkup(html).concat(checkCss(html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, (m) => m.replace(/[^\n]/g, ' '))));
    const lexed = lexJs(inlineScripts(html));
    found = found.concat(checkJs(lexed), checkCss(lexed.code));
  } else if (CSS_EXT.has(ext)) {
    found = checkCss(blankCssComments(src));
  } else if (/^manifest.*\.json$/i.test(basename(path))) {
    found = checkManifest(src);
  }
  const lines = src.split('\n');
  const results = [];
  const seen = new Set();
  for (const f of found) {
    const line = lineOf(src, f.offset);
    const key = `${line}:${f.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const here = lines[line - 1] ?? '';
    const before = lines[line - 2] ?? '';
    const allow = new RegExp(`static-check:\\s*allow\\s+${f.rule}\\b\\s*(.*?)\\s*(?:\\*/|-->)?\\s*$`);
    const a = allow.exec(here) ?? allow.exec(before);
    results.push({ line, rule: f.rule, message: f.message, code: here.trim(), allowed: a ? (a[1] || '(no reason given)') : null });
  }
  return results.sort((x, y) => x.line - y.line || x.rule.localeCompare(y.rule));
}

function walk(path, out = []) {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isFile()) {
    out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(path, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, out);
    else if (JS_EXT.has(extname(name)) || HTML_EXT.has(extname(name)) || CSS_EXT.has(extname(name)) || /^manifest.*\.json$/i.test(name)) {
      // Minified third-party bundles that live beside our code.
      if (/\.min\.(?:js|css)$/.test(name)) continue;
      out.push(p);
    }
  }
  return out;
}

/** Checks the checker: fixtures/bad lines marked `expect: <rule>` are flagged, nothing else is. */
function selfTest() {
  const problems = [];
  const fixtures = join(HERE, 'fixtures');
  let expected = 0;
  for (const file of walk(join(fixtures, 'bad'))) {
    const src = readFileSync(file, 'utf8');
    const want = new Set();
    src.split('\n').forEach((l, i) => {
      for (const m of l.matchAll(/expect:\s*([a-z-]+)/g)) want.add(`${i + 1}:${m[1]}`);
    });
    expected += want.size;
    const got = new Set(checkFile(file).map((r) => `${r.line}:${r.rule}`));
    const rel = relative(ROOT, file);
    for (const w of want) if (!got.has(w)) problems.push(`${rel}:${w.replace(':', ': not flagged as ')}`);
    for (const g of got) if (!want.has(g)) problems.push(`${rel}:${g.replace(':', ': flagged but not expected: ')}`);
  }
  for (const file of walk(join(fixtures, 'good'))) {
    if (isNodeProgram(file)) continue;
    for (const r of checkFile(file)) {
      if (!r.allowed) problems.push(`${relative(ROOT, file)}:${r.line}: false alarm [${r.rule}] ${r.message}`);
    }
  }
  if (expected < 20) problems.push(`only ${expected} expectations in fixtures/bad: the self-test has lost its teeth`);
  return { problems, expected };
}

function main(argv) {
  const selfOnly = argv.includes('--self-test');
  const targets = argv.filter((a) => !a.startsWith('--'));
  const { problems, expected } = selfTest();
  if (problems.length) {
    console.error('static check: the self-test failed (the checker itself is wrong):');
    for (const p of problems) console.error(`  ${p}`);
    return 1;
  }
  console.log(`static check: self-test ok (${expected} deliberate problems in tests/static/fixtures/bad found, none in good/)`);
  if (selfOnly) return 0;

  const roots = targets.length ? targets : DEFAULT_ROOTS.map((r) => join(ROOT, r));
  const all = roots.flatMap((r) => walk(r));
  const tooling = all.filter(isNodeProgram);
  const files = all.filter((f) => !tooling.includes(f));
  for (const f of tooling) console.log(`${relative(ROOT, f)}: skipped (node build tooling: imports node: built-ins)`);
  const missing = roots.filter((r) => !existsSync(r)).map((r) => relative(ROOT, r) || r);
  let failures = 0;
  let allowed = 0;
  for (const file of files) {
    for (const r of checkFile(file)) {
      const where = `${relative(ROOT, file)}:${r.line}`;
      if (r.allowed) {
        allowed++;
        console.log(`${where}: allowed [${r.rule}] ${r.allowed}`);
      } else {
        failures++;
        console.error(`${where}: [${r.rule}] ${r.message}\n    ${r.code.slice(0, 160)}`);
      }
    }
  }
  const note = missing.length ? ` (not present yet: ${missing.join(', ')})` : '';
  if (failures) {
    console.error(`static check: ${failures} problem(s) in ${files.length} files${note}`);
    return 1;
  }
  console.log(`static check: ${files.length} files clean, ${allowed} allowed exception(s)${note}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
