#!/usr/bin/env node
// What typing costs with Kladwacht: headless Chromium types into a 5 KB
// draft (textarea and contenteditable) with and without the extension, and
// the page measures each keystroke from keydown to the end of the next frame.
// Prints one JSON object: median and p95 per field, with and without, and
// the difference of the medians (the budget: under 4 ms).
//
//   node extension/bench/keystroke.mjs [--keys 200]
// Needs `make build` (extension/dist/chrome-test) and tests/e2e's node_modules.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.resolve(here, '../../tests/e2e');
const { launchChromium } = await import(path.join(e2e, 'lib/chromium.mjs'));
const { startFixtureServer, CHROME_TEST, readMarkers, until } = await import(path.join(e2e, 'lib/extension-harness.mjs'));

const KEYS = Number(process.argv[process.argv.indexOf('--keys') + 1]) || 200;
const PARAGRAPH =
  'Beste ouders, volgende week gaan we met de klas naar het museum. We vertrekken om half negen aan de schoolpoort en zijn rond drie uur terug. Geef je kind een lunchpakket en een drinkbus mee. ';
let base = '';
for (let i = 0; base.length < 5000; i++) base += (i % 4 === 3 ? 'het wachtwoord: Zonnebloem7! ' : '') + PARAGRAPH + '\n\n';

async function measure(browser, server, page, selector) {
  const p = await browser.context.newPage();
  await p.goto(`${server.url}/fixtures/${page}`);
  await p.waitForSelector('html[data-ready="true"]');
  await p.evaluate(([sel, text]) => {
    const el = document.querySelector(sel);
    if ('value' in el && el.tagName === 'TEXTAREA') el.value = text;
    else el.replaceChildren(...text.split('\n').map((line) => Object.assign(document.createElement('div'), { textContent: line || '\u200b' })));
    window.kwTimes = [];
    el.addEventListener(
      'keydown',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.kwTimes.push(performance.now() - t0), 0));
      },
      true,
    );
  }, [selector, base]);
  await p.click(selector);
  await p.keyboard.press('Control+End');
  if (browser.worker) await until(() => p.evaluate(readMarkers).then((m) => m.length > 0), { message: 'the first scan' });
  const words = 'en wie wil helpen met rijden laat het even weten ';
  for (let i = 0; i < KEYS; i++) await p.keyboard.type(words[i % words.length]);
  await until(() => p.evaluate((n) => window.kwTimes.length >= n, KEYS));
  const times = (await p.evaluate(() => window.kwTimes)).sort((a, b) => a - b);
  await p.close();
  const q = (f) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
  return { median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2) };
}

const server = await startFixtureServer();
const result = { draftChars: base.length, keys: KEYS };
for (const [label, opts] of [['without', {}], ['with', { extension: CHROME_TEST }]]) {
  const b = await launchChromium(opts);
  result[label] = {
    textarea: await measure(b, server, 'textarea.html', '#editor'),
    contenteditable: await measure(b, server, 'contenteditable.html', '#editor'),
  };
  await b.close();
}
result.addedMedianMs = {
  textarea: +(result.with.textarea.median - result.without.textarea.median).toFixed(2),
  contenteditable: +(result.with.contenteditable.median - result.without.contenteditable.median).toFixed(2),
};
await server.close();
console.log(JSON.stringify(result, null, 2));
