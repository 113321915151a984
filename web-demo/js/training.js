// Training mode: scenario cards (data in scenarios/*.json), a checker with
// the scenario's draft, and a score. The trainee edits the draft until no
// finding at or above the scenario's `clean` level is left and the message
// still does its job (the `keep` words are still there).

import { t, categoryName, policyRuleText } from './i18n.js';

const RANK = { info: 1, warn: 2, block: 3 };
const POINTS = { start: 100, perRetry: 15, perHint: 10, floor: 40 };

/** The scenario file for a set and language: scenarios/nl.json, or scenarios/NAME.en.json for ?set=NAME. */
export function scenarioUrl(set, lang) {
  const name = /^[a-z0-9][a-z0-9-]*$/i.test(set || '') ? `${set}.${lang}` : lang;
  return new URL(`../scenarios/${name}.json`, import.meta.url);
}

export async function loadScenarios(set, lang) {
  let res = await fetch(scenarioUrl(set, lang));
  if (!res.ok && lang !== 'nl') res = await fetch(scenarioUrl(set, 'nl'));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const data = await res.json();
  if (!Array.isArray(data.scenarios)) throw new Error('no "scenarios" list');
  return data;
}

/** Findings that still count against the draft, given the scenario's `clean` level (default `warn`). */
export function remaining(findings, clean = 'warn') {
  return findings.filter((f) => RANK[f.severity] >= RANK[clean]);
}

/** `keep` words missing from the text (case- and accent-insensitive). */
export function missingWords(text, keep = []) {
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const hay = fold(text);
  return keep.filter((w) => !hay.includes(fold(w)));
}

export function score(state) {
  const s = POINTS.start - POINTS.perRetry * state.retries - POINTS.perHint * state.hints;
  return Math.max(POINTS.floor, s);
}

function el(tag, props = {}, ...children) {
  const n = document.createElement(tag);
  Object.assign(n, props);
  n.append(...children.filter((c) => c != null));
  return n;
}

export class Training {
  /** `root`: the training panel; `lang()`: the current UI language; `set`: the scenario set name. */
  constructor(root, { lang, set }) {
    this.root = root;
    this.lang = lang;
    this.set = set;
    this.data = null;
    this.current = null;
    this.state = new Map(); // id → { retries, hints, done, score, rules }
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    this.check = $('kladwacht-check');
    $('.train-check').addEventListener('click', () => this.evaluate());
    $('.train-hint').addEventListener('click', () => this.hint());
    $('.train-reset').addEventListener('click', () => this.open(this.current.id));
    $('.train-back').addEventListener('click', () => this.showList());
  }

  async load() {
    try {
      this.data = await loadScenarios(this.set, this.lang());
    } catch (e) {
      this.$('.train-list').replaceChildren(el('li', { textContent: t(this.lang(), 'train.loadError', { error: e.message }) }));
      return;
    }
    this.renderList();
    if (this.current) this.renderScenario(false);
  }

  stateOf(id) {
    if (!this.state.has(id)) this.state.set(id, { retries: 0, hints: 0, done: false, score: 0, rules: [] });
    return this.state.get(id);
  }

  renderList() {
    const lang = this.lang();
    const items = this.data.scenarios.map((sc) => {
      const st = this.stateOf(sc.id);
      const status = st.done ? t(lang, 'train.done', { score: st.score }) : t(lang, 'train.todo');
      return el(
        'li',
        { className: 'scenario-card' },
        el('h3', { textContent: sc.title }),
        el('p', { className: 'meta', textContent: `${t(lang, 'train.channel', { channel: t(lang, `channel.${sc.channel}`) })} · ${status}` }),
        el('p', { textContent: sc.summary || '' }),
        el('button', {
          type: 'button',
          className: 'open-scenario',
          textContent: st.done ? t(lang, 'train.redo') : t(lang, 'train.open'),
          onclick: () => this.open(sc.id),
        }),
      );
    });
    items.forEach((li, i) => (li.dataset.scenario = this.data.scenarios[i].id));
    this.$('.train-list').replaceChildren(...items);
    const done = [...this.state.values()].filter((s) => s.done);
    this.$('.train-total').textContent = t(lang, 'train.total', {
      score: done.reduce((a, s) => a + s.score, 0),
      done: done.length,
      count: this.data.scenarios.length,
    });
  }

  scenario(id) {
    return this.data.scenarios.find((s) => s.id === id);
  }

  /** Opens a scenario with its original draft. */
  open(id) {
    const sc = this.scenario(id);
    if (!sc) return;
    this.current = sc;
    const st = this.stateOf(id);
    Object.assign(st, { retries: 0, hints: 0, done: false, score: 0 });
    const ctx = sc.context || {};
    const c = this.check;
    c.setAttribute('channel', sc.channel || 'email');
    c.toggleAttribute('media', Boolean(ctx.mediaAttached ?? ctx.media_attached));
    c.consented = ctx.consented || [];
    c.recipients = ctx.recipients || [];
    c.value = sc.draft;
    this.$('.train-hints').replaceChildren();
    this.$('.train-result').replaceChildren();
    this.$('.train-result').dataset.outcome = '';
    // Which policy rules the original draft breaks: shown in the explanation.
    c.addEventListener(
      'kladwacht-findings',
      (e) => (st.rules = [...new Set(remaining(e.detail.findings, sc.clean).map((f) => f.policy_rule))].sort(ruleOrder)),
      { once: true },
    );
    c.check();
    this.renderScenario(true);
  }

  renderScenario(focus) {
    const sc = this.scenario(this.current.id);
    if (!sc) return this.showList();
    this.current = sc;
    const lang = this.lang();
    this.$('.train-list-view').hidden = true;
    this.$('.train-scenario').hidden = false;
    this.$('.train-title').textContent = sc.title;
    const meta = [t(lang, 'train.channel', { channel: t(lang, `channel.${sc.channel}`) })];
    if (sc.context?.mediaAttached) meta.push(t(lang, 'train.media'));
    this.$('.train-meta').textContent = meta.join(' · ');
    this.$('.train-situation').textContent = sc.situation || '';
    this.$('.train-task').textContent = sc.task || '';
    const st = this.stateOf(sc.id);
    if (st.done) this.showSuccess(st);
    if (focus) this.$('.train-title').focus();
  }

  showList() {
    this.$('.train-scenario').hidden = true;
    this.$('.train-list-view').hidden = false;
    this.renderList();
    const btn = this.current && this.$(`[data-scenario="${CSS.escape(this.current.id)}"] button`);
    (btn || this.$('.train-list button'))?.focus();
  }

  hint() {
    const lang = this.lang();
    const sc = this.current;
    const st = this.stateOf(sc.id);
    const hints = sc.hints || [];
    const box = this.$('.train-hints');
    if (st.hints >= hints.length) {
      box.append(el('p', { textContent: t(lang, 'train.noHints') }));
      return;
    }
    st.hints += 1;
    box.append(el('p', {}, el('strong', { textContent: `${t(lang, 'train.hintTitle', { n: st.hints })}: ` }), hints[st.hints - 1]));
  }

  async evaluate() {
    const lang = this.lang();
    const sc = this.current;
    const st = this.stateOf(sc.id);
    const findings = await this.check.check();
    const left = remaining(findings, sc.clean);
    const missing = missingWords(this.check.value, sc.keep);
    const result = this.$('.train-result');
    if (left.length || missing.length) {
      st.retries += 1;
      const parts = [];
      if (left.length) {
        const names = [...new Set(left.map((f) => categoryName(lang, f.category)))].join(', ');
        parts.push(el('p', { textContent: t(lang, 'train.notYet', { n: left.length, names }) }));
      }
      if (missing.length) parts.push(el('p', { textContent: t(lang, 'train.keep', { words: missing.join(', ') }) }));
      result.dataset.outcome = 'retry';
      result.replaceChildren(...parts);
      return;
    }
    st.done = true;
    st.score = score(st);
    this.showSuccess(st);
    result.focus();
  }

  showSuccess(st) {
    const lang = this.lang();
    const sc = this.current;
    const why = el('ul', {}, ...st.rules.map((r) => el('li', {}, el('strong', { textContent: `${r}: ` }), policyRuleText(lang, r))));
    const next = this.nextScenario();
    const result = this.$('.train-result');
    result.dataset.outcome = 'done';
    const parts = [
      el('h3', { textContent: t(lang, 'train.success') }),
      el('p', { className: 'train-score', textContent: t(lang, 'train.score', { score: st.score, checks: st.retries + 1, hints: st.hints }) }),
      el('h4', { textContent: t(lang, 'train.why') }),
      el('p', { textContent: sc.explain || '' }),
      st.rules.length ? why : null,
      sc.example ? el('h4', { textContent: t(lang, 'train.example') }) : null,
      sc.example ? el('blockquote', { className: 'example', textContent: sc.example }) : null,
      next
        ? el('button', { type: 'button', className: 'train-next', textContent: t(lang, 'train.next'), onclick: () => this.open(next.id) })
        : null,
    ];
    result.replaceChildren(...parts.filter(Boolean));
  }

  nextScenario() {
    const list = this.data.scenarios;
    const i = list.findIndex((s) => s.id === this.current.id);
    return list.slice(i + 1).find((s) => !this.stateOf(s.id).done) || list.find((s) => !this.stateOf(s.id).done);
  }
}

function ruleOrder(a, b) {
  return Number(a.slice(1)) - Number(b.slice(1));
}
