// The checker's styles, adopted into its shadow root as a constructable
// stylesheet: no extra request, no flash of unstyled content, and host pages
// (Moodle, WordPress, Smartschool) cannot restyle it by accident. Colours
// are chosen for WCAG AA contrast (text ≥ 4.5:1, marks and borders ≥ 3:1).

export const CSS_TEXT = `
:host { display: block; color: #1a1a1a; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.kw { display: grid; gap: .75rem; min-width: 0; }
fieldset { border: 1px solid #6b7280; border-radius: 6px; margin: 0; padding: .4rem .75rem .6rem; min-width: 0; }
legend { font-weight: 600; padding: 0 .25rem; }
.options { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.options label, .media { display: inline-flex; align-items: center; gap: .35rem; cursor: pointer; }
input[type=radio], input[type=checkbox] { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: #1d4ed8; }
.fields { display: grid; gap: .5rem; }
.fields label { display: grid; gap: .15rem; font-weight: 600; }
.fields input { font: inherit; font-weight: 400; padding: .35rem .5rem; border: 1px solid #6b7280; border-radius: 4px; width: 100%; min-width: 0; }
.hint { color: #4b5563; font-size: .875rem; margin: 0; }
.label { font-weight: 600; }
.box { position: relative; background: #fff; border-radius: 6px; }
.text {
  font: inherit; line-height: 1.5; letter-spacing: normal; word-spacing: normal; tab-size: 4;
  padding: .6rem .75rem; margin: 0;
  white-space: pre-wrap; overflow-wrap: break-word; word-break: normal; text-align: start;
}
textarea.text, .rich {
  position: relative; z-index: 1; display: block; width: 100%; min-height: 10rem;
  color: #1a1a1a; background: transparent; border: 2px solid #6b7280; border-radius: 6px;
  resize: vertical; overflow: auto;
}
.rich { height: 12rem; }
textarea.text { height: 12rem; }
textarea.text:focus-visible, .rich:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.mirror { position: absolute; z-index: 0; overflow: hidden; color: transparent; border: 0; pointer-events: none; user-select: none; }
.overlay { position: absolute; inset: 0; z-index: 0; overflow: hidden; pointer-events: none; }
.overlay .hl { position: absolute; border-radius: 2px; }
[hidden] { display: none !important; }
mark, .hl { color: transparent; border-radius: 2px; text-decoration-thickness: 2px; text-underline-offset: 3px; }
mark[data-severity=block], .hl[data-severity=block] { background: rgb(225 29 72 / .24); text-decoration: underline wavy #be123c; }
mark[data-severity=warn], .hl[data-severity=warn] { background: rgb(245 158 11 / .32); text-decoration: underline #b45309; }
mark[data-severity=info], .hl[data-severity=info] { background: rgb(59 130 246 / .18); text-decoration: underline dotted #1d4ed8; }
.hl[data-severity=block] { box-shadow: inset 0 -2px #be123c; }
.hl[data-severity=warn] { box-shadow: inset 0 -2px #b45309; }
.hl[data-severity=info] { box-shadow: inset 0 -2px #1d4ed8; }
::highlight(kladwacht-block) { background-color: rgb(225 29 72 / .24); text-decoration: underline wavy #be123c; }
::highlight(kladwacht-warn) { background-color: rgb(245 158 11 / .32); text-decoration: underline #b45309; }
::highlight(kladwacht-info) { background-color: rgb(59 130 246 / .18); text-decoration: underline dotted #1d4ed8; }
.summary { margin: 0; font-weight: 600; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
.card { border: 1px solid #9ca3af; border-left: 6px solid var(--sev); border-radius: 6px; padding: .6rem .8rem; background: #fff; min-width: 0; overflow-wrap: anywhere; }
.card[data-severity=block] { --sev: #be123c; }
.card[data-severity=warn] { --sev: #b45309; }
.card[data-severity=info] { --sev: #1d4ed8; }
.card p, .card h3 { margin: .25rem 0; }
.card h3 { font-size: 1rem; font-weight: 600; }
.card-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 700; color: #fff; }
.badge[data-severity=block] { background: #9f1239; }
.badge[data-severity=warn] { background: #92400e; }
.badge[data-severity=info] { background: #1e40af; }
.category { color: #374151; font-weight: 600; }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: .4rem .9rem; border: 2px solid #1d4ed8; background: #fff; color: #1d4ed8; }
button:hover { background: #eff6ff; }
button:focus-visible, input:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
button.primary { background: #1d4ed8; color: #fff; }
button.primary:hover { background: #1e40af; }
.send-row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.send-result { border: 2px solid #374151; border-radius: 6px; padding: .6rem .8rem; }
.send-result[data-outcome=blocked] { border-color: #be123c; background: #fff1f2; }
.send-result[data-outcome=warn] { border-color: #b45309; background: #fffbeb; }
.send-result[data-outcome=clean] { border-color: #15803d; background: #f0fdf4; }
.send-result h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
.send-result:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.send-result ul { margin: .25rem 0; padding-left: 1.25rem; }
.privacy { color: #4b5563; font-size: .875rem; margin: 0; }
`;

let sheet = null;

/** One shared stylesheet object for every checker on the page. */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
  }
  return sheet;
}
