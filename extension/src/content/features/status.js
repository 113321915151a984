// Tells the toolbar popup how many findings the focused draft has, and
// screen-reader users the same in a polite live region.

import { api } from '../../shared/api.js';
import { categoryLabel, t } from '../i18n.js';

export default {
  id: 'status',
  start(app) {
    let last = '';
    function report() {
      const draft = app.focused;
      const findings = draft && !draft.destroyed ? draft.findings : [];
      const count = { block: 0, warn: 0, info: 0 };
      for (const f of findings) count[f.severity] = (count[f.severity] ?? 0) + 1;
      const status = { focused: Boolean(draft), total: findings.length, ...count, channel: app.site.channel };
      const key = JSON.stringify(status);
      if (key === last) return;
      last = key;
      api.runtime.sendMessage({ type: 'draft-status', status }).catch(() => {});
      if (draft) {
        const cats = [...new Set(findings.map((f) => categoryLabel(f.category)))].join(', ');
        app.overlay.announce(findings.length ? t('summary_some', [String(findings.length), cats]) : '');
      }
    }
    app.on('focus', report);
    app.on('findings', (draft) => {
      if (draft === app.focused) report();
    });
    app.on('stop', () => api.runtime.sendMessage({ type: 'draft-status', status: { focused: false, total: 0, block: 0, warn: 0, info: 0, stopped: true } }).catch(() => {}));
  },
};
