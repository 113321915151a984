// One card per finding: what was found, why (the school-policy rule), and
// what to do instead. Built with DOM calls, never innerHTML: the draft's own
// text ends up in the cards.

import { t, categoryName, policyRuleText, findingText } from './i18n.js';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A short excerpt of the flagged text for the card (long spans are cut in the middle). */
function excerpt(text) {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 80 ? `${s.slice(0, 38)} … ${s.slice(-38)}` : s;
}

/** The card for finding number `index`; `onShow(index)` selects it in the editor. */
export function card(lang, f, index, onShow) {
  const { message, advice } = findingText(lang, f);
  const rule = policyRuleText(lang, f.policy_rule);
  const hasSpan = f.end > f.start;
  return el(
    'li',
    { className: 'card', dataset: { severity: f.severity, category: f.category, rule: f.rule, policyRule: f.policy_rule } },
    el(
      'p',
      { className: 'card-head' },
      el('span', { className: 'badge', dataset: { severity: f.severity } }, t(lang, `severity.${f.severity}`)),
      ' ',
      el('span', { className: 'category' }, categoryName(lang, f.category)),
    ),
    el('h3', { className: 'card-message' }, message),
    hasSpan
      ? el('p', { className: 'card-found' }, `${t(lang, 'card.found')} `, el('q', {}, excerpt(f.text)))
      : el('p', { className: 'card-found' }, t(lang, 'card.whole')),
    el(
      'p',
      { className: 'card-why' },
      el('strong', {}, `${t(lang, 'card.why')} `),
      `${t(lang, 'card.rule', { rule: f.policy_rule })} ${rule}`,
    ),
    el('p', { className: 'card-advice' }, el('strong', {}, `${t(lang, 'card.advice')} `), advice),
    hasSpan ? el('button', { type: 'button', className: 'show', onclick: () => onShow(index) }, t(lang, 'card.show')) : null,
  );
}

/** What the summary line says about `findings`. */
export function summary(lang, findings) {
  if (!findings.length) return t(lang, 'status.clean');
  const head = findings.length === 1 ? t(lang, 'status.count.one') : t(lang, 'status.count.many', { n: findings.length });
  const blocks = findings.filter((f) => f.severity === 'block').length;
  return blocks ? `${head} ${t(lang, 'status.blocks', { n: blocks })}` : head;
}
