/**
 * Status and decision codes as the words a user reads. Stored data, the contract and the CLI's JSON keep the
 * codes (ACCEPTED_FOR_PROPOSAL, ENTER_LONG, live_dry_run …); only the screen says "Accepted for proposal".
 * Known codes have hand-written labels; any other code is humanised ("SOME_NEW_CODE" → "Some new code"), so a
 * code added in core shows up readable without a change here. Where a power user needs the raw code (audit,
 * activity feed) the screen keeps it in a title tooltip (see CodeLabel).
 */

const LABELS: Readonly<Record<string, string>> = {
  // Go/No-Go verdicts: the same words as the reports' (core/research/gonogo VERDICT_LABEL; a test keeps them equal —
  // not imported, so this module stays free of zod for the main bundle)
  GO: 'Go',
  NO_GO: 'No-Go',
  INCONCLUSIVE: 'Inconclusive',
  // governance: decision and patch statuses, modes, override actions (core/governance/model)
  PENDING: 'Pending',
  ACCEPTED_FOR_PROPOSAL: 'Accepted for proposal',
  REJECTED_BY_POLICY: 'Rejected by policy',
  REJECTED_BY_SANITY_CHECK: 'Rejected by sanity check',
  PROPOSED: 'Proposed',
  APPLIED_OFFLINE: 'Applied offline',
  PROMOTED: 'Promoted',
  REJECTED: 'Rejected',
  RETIRED: 'Retired',
  disabled: 'Disabled',
  manual_only: 'Manual only',
  bounded_auto: 'Bounded auto',
  auto_applied: 'Auto-applied',
  'auto-apply': 'Auto-apply',
  // environments (safety model)
  live_dry_run: 'Live dry run',
  // drills: recommended actions, user actions, reaction categories, outcomes (core/drills/wire)
  ENTER_LONG: 'Enter long',
  ENTER_SHORT: 'Enter short',
  EXIT: 'Exit',
  NONE: 'None',
  EXECUTED: 'Executed',
  SKIPPED: 'Skipped',
  FOMO: 'FOMO',
  RULE_BREAK: 'Rule break',
  OVERSIZE: 'Oversize',
  OVERSIZED: 'Oversized',
  MISSED: 'Missed',
  IMPULSIVE: 'Impulsive',
  LATE: 'Late',
  ON_TIME: 'On time',
  HIT: 'Hit',
  OTHER: 'Other',
  // live: trading states (kill switch), decision actions, alert levels
  ACTIVE: 'Active',
  REDUCING: 'Reducing',
  HALTED: 'Halted',
  EXECUTE: 'Execute',
  ALERT: 'Alert',
  SKIP: 'Skip',
  INFO: 'Info',
  WARNING: 'Warning',
  CRITICAL: 'Critical',
  RISK_BLOCKED: 'Blocked by risk limits',
  KILL_SWITCH: 'Kill switch',
  PNL_DROP: 'PnL drop',
  PNL_DIVERGENCE: 'PnL divergence',
  // run kinds (runs table): research helpers store their own
  backtest: 'Backtest',
  walkforward: 'Walk-forward',
  montecarlo: 'Monte-Carlo',
  stress: 'Stress',
  portfolio: 'Portfolio',
  // trade exits (core/engine)
  stop_loss: 'Stop loss',
  take_profit: 'Take profit',
  trailing_stop: 'Trailing stop',
  end_of_data: 'End of data',
};

/** Acronyms and names kept in their usual capitals when a code is humanised. */
const PROPER: Readonly<Record<string, string>> = {
  pnl: 'PnL', fomo: 'FOMO', oos: 'OOS', dsr: 'DSR', psr: 'PSR', pbo: 'PBO', api: 'API', id: 'ID', utc: 'UTC', wf: 'WF', p0: 'P0', ok: 'OK',
  sharpe: 'Sharpe', sortino: 'Sortino', calmar: 'Calmar',
};

/** A code looks like UPPER_SNAKE, lower_snake or kebab-case: letters and digits joined by _ or -, no spaces. */
const CODE = /^[A-Za-z][A-Za-z0-9]*([_-][A-Za-z0-9]+)*$/;

/** "SOME_NEW_CODE" / "some-new_code" → "Some new code" (acronyms such as PnL kept). */
export function humanizeCode(code: string): string {
  const words = code.split(/[_-]+/).filter(Boolean).map((w) => PROPER[w.toLowerCase()] ?? w.toLowerCase());
  if (words.length === 0) return code;
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** Governance safety flags that carry a tag (core/governance/policy safetyFlags): the tag reads as the subject. */
const P0_FLAGS: readonly [RegExp, (tag: string) => string][] = [
  [/^P0_OUT_OF_BOUNDS_(\w+)$/, (t) => `${t} out of bounds`],
  [/^P0_STEP_TOO_LARGE_(\w+)$/, (t) => `${t} step too large`],
  [/^P0_NO_STEP_BASE_(\w+)$/, (t) => `no step base for ${t}`],
  [/^P0_BLACKLISTED_TAG_(\w+)$/, (t) => `blacklisted tag ${t}`],
];

/**
 * The words for a code. Safety flags built with a P0 prefix read "P0: …" ("P0_OUT_OF_BOUNDS_LEVERAGE" →
 * "P0: leverage out of bounds", "P0_NOT_NUMERIC" → "P0: Not numeric"). Text that is not a code (has spaces, punctuation) is returned unchanged, so a
 * free-text reason passed by mistake is never mangled.
 */
export function codeLabel(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  if (Object.hasOwn(LABELS, code)) return LABELS[code];
  if (!CODE.test(code)) return code;
  for (const [re, say] of P0_FLAGS) {
    const m = re.exec(code);
    if (m) return `P0: ${say(m[1].toLowerCase())}`; // the tag as the patch card's tag chips show it (r_and_d)
  }
  const p0 = /^P0_(.+)$/.exec(code);
  if (p0) return `P0: ${humanizeCode(p0[1])}`;
  return humanizeCode(code);
}

/** The label inside a sentence: "This proposal is auto-applied" (acronyms such as FOMO or P0 keep their capitals). */
export function codePhrase(code: string | null | undefined): string {
  const l = codeLabel(code);
  const first = l.split(' ')[0];
  return first.length > 1 && first === first.toUpperCase() ? l : l.charAt(0).toLowerCase() + l.slice(1);
}
