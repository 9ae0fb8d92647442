/**
 * Keeps the tray from flickering: a new verdict is shown only after two consecutive runs agree on
 * it (same kind). `no-network` and `captive-portal` show at once, because the person needs to act
 * on them now and the signal behind them is strong (connectivity.md B5, "Hysteresis").
 * `provider-incident` shows at once too: it rests on an incident the provider posted, which is
 * proof in itself, not a measurement that may be a glitch. Leaving any of these states takes two
 * agreeing runs like any other change.
 */
import type { Verdict, VerdictKind } from '../verdict/connectivity-model.js';

export interface HysteresisState {
  /** What the tray and window show; null before the first run. */
  readonly shown: Verdict | null;
  /** A different verdict seen once, waiting for a second run to agree. */
  readonly pending: Verdict | null;
}

export interface HysteresisStep {
  readonly state: HysteresisState;
  readonly shown: Verdict;
  /** The shown verdict's kind changed with this run. */
  readonly changed: boolean;
}

export const INITIAL_HYSTERESIS: HysteresisState = { shown: null, pending: null };

const SHOWN_AT_ONCE: ReadonlySet<VerdictKind> = new Set(['no-network', 'captive-portal', 'provider-incident']);

function show(next: Verdict, changed: boolean): HysteresisStep {
  return { state: { shown: next, pending: null }, shown: next, changed };
}

/**
 * Feed one run's verdict; get what to display. While the kind stays the same the shown verdict is
 * refreshed with the latest summary and evidence (counts change), but `changed` stays false.
 */
export function applyHysteresis(state: HysteresisState, next: Verdict): HysteresisStep {
  const { shown, pending } = state;
  if (shown === null) return show(next, true);
  if (next.kind === shown.kind) return show(next, false);
  if (SHOWN_AT_ONCE.has(next.kind)) return show(next, true);
  if (pending !== null && pending.kind === next.kind) return show(next, true);
  return { state: { shown, pending: next }, shown, changed: false };
}
