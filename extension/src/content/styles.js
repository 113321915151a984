// The overlay's stylesheet (a constructable sheet: a strict page CSP allows
// it). Colours carry meaning twice: a severity also has its own line style
// and its own words on the card, for colour-blind users.

export const OVERLAY_CSS = `
.root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; }
.marks, .mirrors, .cards { position: fixed; top: 0; left: 0; width: 0; height: 0; }
.clip { position: fixed; overflow: hidden; pointer-events: none; }
.mark { position: absolute; pointer-events: none; border-radius: 2px; }
.mark .seg { position: absolute; }
.mark[data-severity="block"] { --k: #c62828; }
.mark[data-severity="warn"] { --k: #b45309; }
.mark[data-severity="info"] { --k: #1d5fa8; }
/* Drawn by the overlay when the browser has no CSS Custom Highlight API, and for form fields. */
.draw .seg { border-bottom: 2px solid var(--k); background: color-mix(in srgb, var(--k) 10%, transparent); }
.draw .mark[data-severity="warn"] .seg { border-bottom-style: dashed; }
.draw .mark[data-severity="info"] .seg { border-bottom-style: dotted; }
.mark.active .seg { background: color-mix(in srgb, var(--k) 20%, transparent); }
.mirror { position: fixed; visibility: hidden; overflow: hidden; box-sizing: border-box; border: 0; margin: 0; }

.card {
  position: fixed; pointer-events: auto; box-sizing: border-box; display: flex; flex-direction: column;
  width: min(410px, calc(100vw - 16px)); max-height: min(460px, calc(100vh - 16px));
  background: #fff; color: #1b1b1b; border: 1px solid #b9b9b9; border-top: 4px solid var(--k, #1d5fa8);
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 12px 14px;
}
.card[data-severity="block"] { --k: #c62828; }
.card[data-severity="warn"] { --k: #b45309; }
.card[data-severity="info"] { --k: #1d5fa8; }
.card .body { overflow: auto; min-height: 0; flex: 1 1 auto; }
.card h2 { font-size: 15px; margin: 0 24px 6px 0; line-height: 1.3; }
.card .badge { display: inline-block; font-size: 12px; font-weight: 600; color: #fff; background: var(--k); border-radius: 10px; padding: 1px 8px; margin-bottom: 6px; }
.card p { margin: 6px 0; }
.card .label { font-weight: 600; }
.card .rule { color: #444; font-size: 13px; white-space: nowrap; }
.card .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; flex: none; }
.card button {
  font: inherit; font-size: 13px; cursor: pointer; border-radius: 6px; padding: 5px 10px;
  border: 1px solid #767676; background: #f4f4f4; color: #1b1b1b;
}
.card button.primary { background: #0b5cad; border-color: #0b5cad; color: #fff; }
.card button:hover { filter: brightness(0.95); }
.card button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
.card .close { position: absolute; top: 6px; right: 6px; border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 4px 8px; }
.card .private { color: #555; font-size: 12px; margin: 8px 0 0; flex: none; }
.visually-hidden { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.notes {
  position: fixed; pointer-events: none; box-sizing: border-box; font-size: 12.5px; line-height: 1.4;
  background: #fffbea; color: #1b1b1b; border: 1px solid #d9b44a; border-radius: 6px; padding: 4px 8px;
  box-shadow: 0 2px 8px rgba(0,0,0,.12);
}
.note + .note { margin-top: 3px; }
.note[data-severity="block"] strong { color: #a4161a; }
.note[data-severity="warn"] strong { color: #8a4b00; }
.guard-backdrop {
  position: fixed; inset: 0; width: 100vw; height: 100vh; pointer-events: auto;
  background: rgba(0,0,0,.38); display: flex; align-items: center; justify-content: center;
}
.guard {
  box-sizing: border-box; width: min(520px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto;
  background: #fff; color: #1b1b1b; border-radius: 10px; border-top: 5px solid #c62828;
  box-shadow: 0 12px 40px rgba(0,0,0,.3); padding: 16px 18px;
}
.guard h2 { font-size: 17px; margin: 0 0 6px; }
.guard .remaining { margin: 8px 0; padding-left: 20px; }
.guard .remaining li { margin: 6px 0; }
.guard .mode label { display: block; margin: 8px 0; }
.guard .mode textarea { display: block; box-sizing: border-box; width: 100%; margin-top: 4px; font: inherit; }
.guard .note, .guard .contact, .guard .private { color: #555; font-size: 12.5px; }
.guard .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
.guard button {
  font: inherit; font-size: 13.5px; cursor: pointer; border-radius: 6px; padding: 6px 12px;
  border: 1px solid #767676; background: #f4f4f4; color: #1b1b1b;
}
.guard button.primary { background: #0b5cad; border-color: #0b5cad; color: #fff; }
.guard button.fp { font-size: 12px; padding: 2px 8px; }
.guard button[disabled] { opacity: .5; cursor: not-allowed; }
.guard button:focus-visible, .guard textarea:focus-visible, .guard input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .guard { background: #1f1f1f; color: #f1f1f1; }
  .guard .note, .guard .contact, .guard .private { color: #c8c8c8; }
  .guard button { background: #2c2c2c; color: #f1f1f1; border-color: #8a8a8a; }
}
@media (prefers-color-scheme: dark) {
  .card { background: #1f1f1f; color: #f1f1f1; border-color: #555; }
  .card .rule, .card .private { color: #c8c8c8; }
  .card button { background: #2c2c2c; color: #f1f1f1; border-color: #8a8a8a; }
}
@media (prefers-reduced-motion: no-preference) { .card { animation: kw-in .12s ease-out; } }
@keyframes kw-in { from { opacity: 0; transform: translateY(2px); } }
`;
