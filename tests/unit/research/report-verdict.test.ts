import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/node/files/reports/html';
import { renderMarkdown } from '../../../src/node/files/reports/markdown';
import type { Report } from '../../../src/node/files/reports/model';
import { criterionText } from '../../../src/core/research/gonogo';

const report: Report = {
  title: 'Go/No-Go', kind: 'gonogo', runId: 7, seed: 1, configHash: 'abc', createdAt: Date.UTC(2026, 0, 2), dataset: 'd',
  sections: [{ type: 'verdict', title: 'Go/No-Go (moderate)', verdict: 'NO_GO', reasons: ['Sharpe 0.4 fails ≥ 1.5'],
    checks: [{ criterion: 'oos_sharpe', status: 'missing', message: 'walk-forward OOS Sharpe: missing' }, { criterion: 'new_thing', status: 'pass', message: 'ok' }] }],
  data: { verdict: 'NO_GO' },
};

describe('report verdict in words', () => {
  it('names the verdict and the criteria as the app does; the code stays in the HTML tooltip', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('**No-Go**');
    expect(md).toContain('| Walk-forward OOS Sharpe | missing |');
    expect(md).not.toContain('NO-GO');
    const html = renderHtml(report, null);
    expect(html).toContain('>No-Go</div>');
    expect(html).toContain('<td title="oos_sharpe">Walk-forward OOS Sharpe</td>');
    expect(html).toContain('<td title="new_thing">New_thing</td>'); // an unknown criterion: its code, capitalised
  });
  it('criterionText capitalises core\'s labels', () => {
    expect(criterionText('mc_drawdown_p5')).toBe('Monte-Carlo p5 max drawdown');
    expect(criterionText('pbo')).toBe('PBO');
  });
});
