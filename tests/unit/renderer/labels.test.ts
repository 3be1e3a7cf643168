import { describe, expect, it } from 'vitest';
import { codeLabel, codePhrase, humanizeCode } from '../../../src/renderer/src/lib/labels';
import { VERDICT_LABEL } from '../../../src/core/research/gonogo';
import { DECISION_STATUSES, MODES, PATCH_STATUSES, PROPOSAL_STATUSES } from '../../../src/core/governance/model';

describe('status codes as words', () => {
  it('names the known codes by hand', () => {
    expect(codeLabel('ACCEPTED_FOR_PROPOSAL')).toBe('Accepted for proposal');
    expect(codeLabel('ENTER_LONG')).toBe('Enter long');
    expect(codeLabel('NO_GO')).toBe('No-Go');
    expect(codeLabel('GO')).toBe('Go');
    expect(codeLabel('INCONCLUSIVE')).toBe('Inconclusive');
    expect(codeLabel('REJECTED')).toBe('Rejected');
    expect(codeLabel('HALTED')).toBe('Halted');
    expect(codeLabel('RISK_BLOCKED')).toBe('Blocked by risk limits');
    expect(codeLabel('live_dry_run')).toBe('Live dry run');
    expect(codeLabel('bounded_auto')).toBe('Bounded auto');
    expect(codeLabel('stop_loss')).toBe('Stop loss');
  });

  it('humanises unknown codes, keeping acronyms', () => {
    expect(codeLabel('SOME_CODE')).toBe('Some code');
    expect(codeLabel('RISK_LIMIT_VIOLATION_ORDERS')).toBe('Risk limit violation orders');
    expect(codeLabel('SCHEDULED_JOB_FAILED')).toBe('Scheduled job failed');
    expect(codeLabel('PNL_SPIKE')).toBe('PnL spike');
    expect(codeLabel('cycle-skipped')).toBe('Cycle skipped');
    expect(humanizeCode('OOS_SHARPE_LOW')).toBe('OOS Sharpe low');
  });

  it('reads P0 safety flags as "P0: …"', () => {
    expect(codeLabel('P0_OUT_OF_BOUNDS_LEVERAGE')).toBe('P0: leverage out of bounds');
    expect(codeLabel('P0_STEP_TOO_LARGE_LEVERAGE')).toBe('P0: leverage step too large');
    expect(codeLabel('P0_BLACKLISTED_TAG_R_AND_D')).toBe('P0: blacklisted tag r_and_d');
    expect(codeLabel('P0_BLACKLISTED_TARGET')).toBe('P0: Blacklisted target');
    expect(codeLabel('P0_NOT_NUMERIC')).toBe('P0: Not numeric');
  });

  it('capitalises one-word codes and leaves free text alone', () => {
    expect(codeLabel('open')).toBe('Open');
    expect(codeLabel('rollback')).toBe('Rollback');
    expect(codeLabel('max drawdown below -20 %')).toBe('max drawdown below -20 %');
    expect(codeLabel('')).toBe('—');
    expect(codeLabel(null)).toBe('—');
  });

  it('says a code inside a sentence in lower case, acronyms kept', () => {
    expect(codePhrase('auto_applied')).toBe('auto-applied');
    expect(codePhrase('live_dry_run')).toBe('live dry run');
    expect(codePhrase('FOMO')).toBe('FOMO');
    expect(codePhrase('P0_NOT_NUMERIC')).toBe('P0: Not numeric');
  });

  it('says verdicts with the same words as the reports', () => {
    for (const [code, words] of Object.entries(VERDICT_LABEL)) expect(codeLabel(code)).toBe(words);
  });

  it('gives every governance status and mode a label without underscores', () => {
    for (const c of [...DECISION_STATUSES, ...PATCH_STATUSES, ...MODES, ...PROPOSAL_STATUSES]) {
      expect(codeLabel(c)).not.toMatch(/_/);
      expect(codeLabel(c).charAt(0)).toMatch(/[A-Z]/);
    }
  });
});
