/**
 * SafetyGuard: the one door an order would have to pass to reach an exchange. In this version the door is
 * welded shut — ensureMayPlaceOrder throws in EVERY mode, including a fully armed live environment (then with
 * gate `live_executor_locked`): the executor is dry-run only. Every attempt is reported to the audit sink,
 * allowed or not, so the hash-chained audit log records each decision.
 */
import { PeakError } from '../errors';
import { isLiveExecutionAllowed, type EnvironmentConfig, type GateName, type LiveDecision } from './environment';

export type BlockingGate = GateName | 'paper_mode' | 'live_executor_locked';

export const LIVE_LOCKED_REASON = 'LIVE LOCKED: this version has no order-sending executor; live orders are dry-run only (logged, never sent)';

/** Thrown for every refused order; `gate` names the first gate that blocked, `reasons` lists them all. */
export class OrderBlockedError extends PeakError {
  readonly gate: BlockingGate;
  readonly reasons: string[];
  constructor(gate: BlockingGate, reasons: string[]) {
    super('UNSAFE', `order refused by gate ${gate}: ${reasons.join('; ')}`, { gate, reasons });
    this.name = 'OrderBlockedError';
    this.gate = gate;
    this.reasons = reasons;
  }
}

export interface OrderIntent {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  /** reference price the notional is quoted at */
  price: number;
}

export interface GateAuditRecord {
  action: 'ensure_may_place_order';
  allowed: false;
  gate: BlockingGate;
  reasons: string[];
  mode: EnvironmentConfig['mode'];
  effectiveMode: LiveDecision['effectiveMode'];
  order: OrderIntent | null;
}

export class SafetyGuard {
  constructor(private readonly audit: (rec: GateAuditRecord) => void) {}

  /** Never returns in this version. */
  ensureMayPlaceOrder(env: EnvironmentConfig, order: OrderIntent | null = null): never {
    const d = isLiveExecutionAllowed(env);
    let gate: BlockingGate;
    let reasons: string[];
    if (env.mode === 'paper') {
      gate = 'paper_mode';
      reasons = ['paper mode: orders go to the paper broker, never to an exchange', ...d.reasons];
    } else if (!d.allowed) {
      gate = d.gates.find((g) => !g.pass)?.gate ?? 'environment';
      reasons = d.reasons;
    } else {
      gate = 'live_executor_locked';
      reasons = [LIVE_LOCKED_REASON];
    }
    this.audit({ action: 'ensure_may_place_order', allowed: false, gate, reasons, mode: env.mode, effectiveMode: d.effectiveMode, order });
    throw new OrderBlockedError(gate, reasons);
  }
}
