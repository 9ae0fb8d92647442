/**
 * Runs one source's fetch on the schedule that `main/core/schedule.ts` decides.
 *
 * The clock, the timers and the jitter roll are injected so tests can drive time by hand. The
 * poller guarantees that the task never runs twice at once, and that after `stop()` nothing runs,
 * nothing is reported and no timer is left behind.
 */
import type { SourceType } from '../core/model.js';
import type { Clock } from '../core/ports.js';
import {
  baseIntervalMs,
  effectiveRetryAfterMs,
  initialPollState,
  nextDelayMs,
  type PollOutcome,
  type PollState,
} from '../core/schedule.js';

/** Why someone asked for a check outside the schedule. */
export type RefreshReason = 'resume' | 'unlock' | 'network-change' | 'user';

/** What started a run: the first run, the schedule, or a refresh request. */
export type RunTrigger = 'start' | 'timer' | RefreshReason;

/** What `refreshNow` did, so the caller can tell the user (e.g. "the source asked us to wait"). */
export type RefreshResult =
  /** A run began at once. */
  | 'started'
  /** A run is in flight; its result answers the request. */
  | 'already-running'
  /** The last run succeeded under 10 s ago; its result is fresh enough. */
  | 'coalesced'
  /** The last run failed under 10 s ago; another run is scheduled for 10 s after it. */
  | 'deferred'
  /** The source sent `Retry-After` and that time has not come yet. */
  | 'retry-after'
  /** The poller is not started. */
  | 'stopped';

/**
 * Automatic refreshes (resume, unlock, network change) closer than this to the end of the last
 * run are merged: a laptop waking up fires all three within a second or two.
 */
export const REFRESH_COALESCE_MS = 10_000;

/** The part of the timer API the poller uses; Node's globals by default. */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the task returns: how the attempt went, and the parsed value when there is a new one. */
export type PollTaskResult<T> = PollOutcome & { readonly value?: T };

/** Handed to `onResult` after every completed run. */
export interface PollReport<T> {
  readonly trigger: RunTrigger;
  readonly outcome: PollOutcome;
  /** The task's value; absent on a 304 (the previous value still holds) and usually on failure. */
  readonly value: T | undefined;
  /** Set when the task threw or returned something that is not an outcome: a bug, in words. */
  readonly error: string | null;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** When the next scheduled run is due (epoch ms). */
  readonly nextRunAt: number;
  /** Plain words for why the next run is then. */
  readonly reason: string;
  /** The regular un-jittered interval now in force; staleness is measured against it. */
  readonly intervalMs: number;
}

export interface PollerOptions<T> {
  readonly type: SourceType;
  /** The user's or policy's interval in seconds; clamped to safe bounds. Null or absent: default. */
  readonly configuredSeconds?: number | null;
  readonly clock: Clock;
  readonly timers?: Timers;
  /** A roll in [0, 1) for jitter. */
  readonly random?: () => number;
  /**
   * One fetch-and-parse. Must finish on its own (the Http adapter has a 10 s limit) and should
   * stop early when the signal aborts. A throw is treated as a failure, never as a crash.
   */
  readonly task: (signal: AbortSignal) => Promise<PollTaskResult<T>>;
  readonly onResult: (report: PollReport<T>) => void;
  /** Receives errors thrown by `onResult`; they must not stop polling. Defaults to console.error. */
  readonly onError?: (error: unknown) => void;
}

export interface Poller {
  /** Runs at once, then keeps to the schedule. A second call does nothing. */
  start(): void;
  /** Cancels the timer and aborts a run in flight; nothing is reported or scheduled afterwards. */
  stop(): void;
  /**
   * Runs at once if allowed. A user request skips any backoff; automatic ones are merged when the
   * last run finished under 10 s ago. Nothing overrides a server's `Retry-After` or runs twice at once.
   */
  refreshNow(reason: RefreshReason): RefreshResult;
  /** When the next scheduled run is due (epoch ms); null while a run is in flight or when stopped. */
  nextRunAt(): number | null;
  /** Whether a run is in flight. */
  isRunning(): boolean;
  /** The regular un-jittered interval now in force, for staleness checks. */
  intervalMs(): number;
}

const DEFAULT_TIMERS: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates a stopped poller for one source; call `start()` to begin. */
export function createPoller<T>(options: PollerOptions<T>): Poller {
  const { clock, task, onResult } = options;
  const timers = options.timers ?? DEFAULT_TIMERS;
  const random = options.random ?? Math.random;
  const onError = options.onError ?? ((error: unknown) => console.error('poller: onResult failed', error));

  let pollState: PollState = initialPollState(options.type, options.configuredSeconds ?? null);
  let started = false;
  // Bumped by stop(): a run that finishes after it belongs to an old generation and is ignored.
  let generation = 0;
  let timer: { readonly handle: unknown; readonly at: number } | null = null;
  let inFlight: AbortController | null = null;
  let pendingAutoRefresh: RefreshReason | null = null;
  let lastRun: { readonly finishedAt: number; readonly succeeded: boolean } | null = null;
  let retryAfterUntil: number | null = null;

  const clearTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer.handle);
    timer = null;
  };

  const scheduleAt = (at: number, trigger: RunTrigger): void => {
    clearTimer();
    const handle = timers.setTimeout(
      () => {
        timer = null;
        void run(trigger);
      },
      Math.max(0, at - clock.now()),
    );
    // A tray app or CLI must be able to exit while a check is merely scheduled.
    if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') handle.unref();
    timer = { handle, at };
  };

  const inRetryAfterWindow = (now: number): boolean => retryAfterUntil !== null && now < retryAfterUntil;

  /** After a failed run, an automatic refresh runs no sooner than 10 s after it (rate limit), and not during Retry-After. */
  const scheduleRetryForAutoRefresh = (reason: RefreshReason, now: number): void => {
    if (lastRun === null || inRetryAfterWindow(now)) return;
    const at = Math.max(now, lastRun.finishedAt + REFRESH_COALESCE_MS);
    if (timer === null || at < timer.at) scheduleAt(at, reason);
  };

  const run = async (trigger: RunTrigger): Promise<void> => {
    if (!started || inFlight !== null) return;
    clearTimer();
    const controller = new AbortController();
    const myGeneration = generation;
    inFlight = controller;
    const startedAt = clock.now();

    let raw: unknown;
    let error: string | null = null;
    try {
      raw = await task(controller.signal);
    } catch (thrown) {
      error = `the check failed unexpectedly: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    }
    if (myGeneration !== generation) return;
    inFlight = null;

    const read = error === null ? readTaskResult<T>(raw) : { outcome: { kind: 'failure' } as const, value: undefined, problem: null };
    const { outcome, value } = read;
    error ??= read.problem;
    const decision = nextDelayMs(pollState, outcome, random());
    pollState = decision.state;
    const finishedAt = clock.now();
    const succeeded = outcome.kind !== 'failure';
    lastRun = { finishedAt, succeeded };
    const retryAfter = outcome.kind === 'failure' ? effectiveRetryAfterMs(outcome.retryAfterMs) : null;
    retryAfterUntil = retryAfter === null ? null : finishedAt + retryAfter;
    scheduleAt(finishedAt + decision.delayMs, 'timer');

    // A network change during a run that then failed (e.g. Wi-Fi came up just after wake) deserves
    // another try soon, not a 10-minute backoff. A success already answers it.
    const pending = pendingAutoRefresh;
    pendingAutoRefresh = null;
    if (pending !== null && !succeeded) scheduleRetryForAutoRefresh(pending, finishedAt);

    const report: PollReport<T> = {
      trigger,
      outcome,
      value,
      error,
      startedAt,
      finishedAt,
      nextRunAt: timer?.at ?? finishedAt,
      reason: decision.reason,
      intervalMs: baseIntervalMs(pollState.type, pollState),
    };
    try {
      onResult(report);
    } catch (thrown) {
      onError(thrown);
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      const now = clock.now();
      if (retryAfterUntil !== null && now < retryAfterUntil) scheduleAt(retryAfterUntil, 'start');
      else void run('start');
    },

    stop() {
      if (!started) return;
      started = false;
      generation += 1;
      clearTimer();
      pendingAutoRefresh = null;
      const controller = inFlight;
      inFlight = null;
      controller?.abort();
    },

    refreshNow(reason) {
      if (!started) return 'stopped';
      const now = clock.now();
      if (inRetryAfterWindow(now)) return 'retry-after';
      if (inFlight !== null) {
        if (reason !== 'user') pendingAutoRefresh = reason;
        return 'already-running';
      }
      if (reason !== 'user' && lastRun !== null && now - lastRun.finishedAt < REFRESH_COALESCE_MS) {
        if (lastRun.succeeded) return 'coalesced';
        scheduleRetryForAutoRefresh(reason, now);
        return 'deferred';
      }
      void run(reason);
      return 'started';
    },

    nextRunAt() {
      return started && inFlight === null ? (timer?.at ?? null) : null;
    },

    isRunning() {
      return inFlight !== null;
    },

    intervalMs() {
      return baseIntervalMs(pollState.type, pollState);
    },
  };
}

/** Turns whatever the task returned into a well-formed outcome; anything else is a failure. */
function readTaskResult<T>(raw: unknown): { outcome: PollOutcome; value: T | undefined; problem: string | null } {
  const noOutcome = { outcome: { kind: 'failure' } as const, value: undefined, problem: 'the check returned no outcome' };
  if (typeof raw !== 'object' || raw === null) return noOutcome;
  const result = raw as { kind?: unknown; hasOpenIncident?: unknown; retryAfterMs?: unknown; value?: T };
  switch (result.kind) {
    case 'success':
      return { outcome: { kind: 'success', hasOpenIncident: result.hasOpenIncident === true }, value: result.value, problem: null };
    case 'not-modified':
      return { outcome: { kind: 'not-modified' }, value: undefined, problem: null };
    case 'failure': {
      const retryAfterMs = typeof result.retryAfterMs === 'number' ? result.retryAfterMs : null;
      return { outcome: { kind: 'failure', retryAfterMs }, value: result.value, problem: null };
    }
    default:
      return noOutcome;
  }
}
