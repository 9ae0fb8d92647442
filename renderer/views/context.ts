/**
 * What a view gets to draw itself: the state, the time, and named actions. Views never call the
 * api directly for things that change state; they ask the app (app.ts), which keeps pending
 * flags, announces results and re-renders.
 */
import type { AdviceActionOutcome, AdviceTarget, LinkTarget, MutePreset, RestartOutcome, Route, ViewState } from '../../main/core/contract.js';

export interface ViewActions {
  /** Shows another view; Back returns here. */
  go(route: Route): void;
  back(): void;
  refresh(): void;
  runDiagnostics(): void;
  copyReport(): void;
  mute(preset: MutePreset): void;
  openLink(target: LinkTarget): void;
  /** "Restart <client>" for the client a `restart-client` advice item names. */
  restartClient(pid: number): void;
  /** The button of an advice item that opens something (web version, time settings, sign-in page). */
  runAdviceAction(target: AdviceTarget): void;
}

export interface ViewContext {
  readonly state: ViewState;
  readonly nowMs: number;
  readonly actions: ViewActions;
  /** A refresh asked for from this window has not answered yet. */
  readonly refreshPending: boolean;
  readonly diagnosticsPending: boolean;
  /** The outcome of the last "Copy report", shown until the view changes. */
  readonly copyOutcome: { readonly ok: boolean; readonly text: string } | null;
  /** The pid of a client restart that has not answered yet. */
  readonly restartPending: number | null;
  /** What the last "Restart <client>" did, shown under its advice until the view changes. */
  readonly restartOutcome: RestartOutcome | null;
  /** The advice item whose action has not answered yet. */
  readonly adviceActionPending: AdviceTarget | null;
  /** What the last advice action did, shown under its item until the view changes. */
  readonly adviceActionOutcome: AdviceActionOutcome | null;
  /** The last action that failed, in words ("Could not refresh: …"). */
  readonly actionError: string | null;
}
