/**
 * When to poll a source next (DESIGN.md, "Polling rules"), as pure functions. Staleness is
 * decided once, in `engine/staleness.ts`.
 *
 * No timers and no randomness live here: the caller passes the jitter roll as a number in [0, 1)
 * and turns the returned delay into a timer. That keeps every rule testable at its exact edges.
 */
import type { SourceType } from '../model.js';

/** Limits and default for a user-configurable poll interval, in seconds. */
export interface PollBounds {
  readonly min: number;
  readonly default: number;
  readonly max: number;
}

/**
 * Poll interval bounds per source type. Public pages never go below 60 s (sources.md §0 rule 4:
 * no public source documents a rate limit, so we stay polite). The org feed is our own relay, so
 * it may go down to 30 s. Nothing polls less often than hourly: older data would be stale anyway.
 */
export const POLL_SECONDS: Readonly<Record<SourceType, PollBounds>> = {
  statuspage: { min: 60, default: 300, max: 3600 },
  'microsoft-public': { min: 60, default: 300, max: 3600 },
  'org-feed': { min: 30, default: 60, max: 3600 },
  statusio: { min: 60, default: 300, max: 3600 },
  rss: { min: 60, default: 300, max: 3600 },
  slack: { min: 60, default: 300, max: 3600 },
  // Google's incidents.json is the whole recent history (~400 KB): never more than every 2 minutes.
  'google-workspace': { min: 120, default: 300, max: 3600 },
  incidentio: { min: 60, default: 300, max: 3600 },
  instatus: { min: 60, default: 300, max: 3600 },
};

/** While an incident is open on a source we look more often, to show its progress promptly. */
export const OPEN_INCIDENT_POLL_SECONDS = 120;

/**
 * A Statuspage source configured by its page address is polled through its small status.json
 * (sources/statuspage-light.ts): a few hundred bytes, mostly a 304, so it is read this often
 * whatever the general interval, and an incident is seen within it. A configured interval below
 * it is kept.
 */
export const LIGHT_POLL_SECONDS = 120;

/**
 * Up to 20 % earlier, never later: spreads many clients of one office so they do not hit a status
 * page in lockstep, while the interval stays a bound. An incident posted just after a poll is seen
 * within one interval (300 s by default), not 1.2 intervals.
 */
export const JITTER_FRACTION = 0.2;

/** Exponential backoff never waits longer than this. */
export const MAX_BACKOFF_MS = 30 * 60_000;

/** A `Retry-After` beyond this is treated as this: a typo'd header must not silence a source for days. */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;

/** What one poll attempt produced, as far as scheduling cares. */
export type PollOutcome =
  | { readonly kind: 'success'; readonly hasOpenIncident: boolean }
  /** HTTP 304: the last result is confirmed current, so it counts as a success. */
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'failure'; readonly retryAfterMs?: number | null };

/** Scheduling memory for one source, carried from one attempt to the next. */
export interface PollState {
  readonly type: SourceType;
  /** The user's or policy's interval in seconds; null means the default for the type. */
  readonly configuredSeconds: number | null;
  readonly consecutiveFailures: number;
  /** From the last successful parse; a 304 or a failure tells us nothing new, so it is kept. */
  readonly hasOpenIncident: boolean;
  /** Read through a light status document (Statuspage status.json): see {@link LIGHT_POLL_SECONDS}. */
  readonly lightPolling?: boolean;
}

/** The decision for the next attempt. `reason` is plain words for logs and the "next check" hint. */
export interface PollDecision {
  readonly delayMs: number;
  readonly state: PollState;
  readonly reason: string;
}

/** A fresh state: no failures yet, no incident known. */
export function initialPollState(type: SourceType, configuredSeconds: number | null = null, lightPolling = false): PollState {
  return { type, configuredSeconds, consecutiveFailures: 0, hasOpenIncident: false, lightPolling };
}

/**
 * A configured interval forced into the safe bounds for its source type. Anything that is not a
 * finite number (a broken setting) falls back to the type's default rather than to an extreme.
 */
export function clampPollSeconds(type: SourceType, seconds: number): number {
  const bounds = POLL_SECONDS[type];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, seconds));
}

/**
 * The regular, un-jittered interval for a source: the configured (clamped) value or the type's
 * default, shortened to at most 120 s while an incident is open there. A configured value below
 * 120 s is kept during an incident: an incident never makes us poll less often.
 */
export function baseIntervalMs(
  type: SourceType,
  opts: { readonly hasOpenIncident: boolean; readonly configuredSeconds?: number | null; readonly lightPolling?: boolean },
): number {
  const configured = opts.configuredSeconds;
  const chosen = configured === null || configured === undefined ? POLL_SECONDS[type].default : clampPollSeconds(type, configured);
  const seconds = opts.lightPolling === true ? Math.min(chosen, LIGHT_POLL_SECONDS) : chosen;
  const effective = opts.hasOpenIncident ? Math.min(seconds, OPEN_INCIDENT_POLL_SECONDS) : seconds;
  return Math.round(effective * 1000);
}

/** The jitter factor for a roll in [0, 1): 0 gives 0.8, 0.5 gives 0.9, just under 1 gives just under 1.0; never above 1. */
export function jitterFactor(random: number): number {
  const roll = Number.isFinite(random) ? Math.min(1, Math.max(0, random)) : 0.5;
  return 1 - JITTER_FRACTION + JITTER_FRACTION * roll;
}

/**
 * A server's `Retry-After` in milliseconds, made safe: null for absent, zero, negative or
 * non-numeric values (nothing to honour), capped at {@link MAX_RETRY_AFTER_MS}.
 */
export function effectiveRetryAfterMs(retryAfterMs: number | null | undefined): number | null {
  if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.round(retryAfterMs));
}

/**
 * Backoff after `failures` consecutive failures: base × 2^failures, capped at 30 min, then
 * jittered. Jitter is applied after the cap, so the cap is never exceeded and clients that have
 * all hit the cap still spread out (between 24 and 30 min).
 */
export function backoffDelayMs(baseMs: number, failures: number, random: number): number {
  // Past 2^20 every realistic base is far beyond the cap; stopping there avoids Infinity.
  const exponent = Math.min(Math.max(0, Math.floor(failures)), 20);
  const capped = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** exponent);
  return Math.min(MAX_BACKOFF_MS, Math.round(capped * jitterFactor(random)));
}

/**
 * The next delay and state after an attempt.
 *
 * - success: failures reset; the incident flag is taken from the outcome; regular interval, jittered.
 * - not-modified (304): a success that confirms the last result, so the incident flag is kept.
 * - failure: failures + 1; jittered exponential backoff. A `Retry-After` is a floor the server
 *   set, so the delay is the larger of it and the backoff: we never come back earlier than asked,
 *   and a short `Retry-After` does not undo the backoff that repeated failures earned.
 */
export function nextDelayMs(state: PollState, outcome: PollOutcome, random: number): PollDecision {
  switch (outcome.kind) {
    case 'success':
    case 'not-modified': {
      const hasOpenIncident = outcome.kind === 'success' ? outcome.hasOpenIncident : state.hasOpenIncident;
      const next: PollState = { ...state, consecutiveFailures: 0, hasOpenIncident };
      const base = baseIntervalMs(state.type, next);
      const why = hasOpenIncident ? 'an incident is open' : 'regular interval';
      const what = outcome.kind === 'not-modified' ? 'unchanged (304)' : 'ok';
      return {
        delayMs: Math.round(base * jitterFactor(random)),
        state: next,
        reason: `${what}; ${why}, every ${describeDuration(base)} (up to 20 % sooner)`,
      };
    }
    case 'failure': {
      const failures = state.consecutiveFailures + 1;
      const next: PollState = { ...state, consecutiveFailures: failures };
      const backoff = backoffDelayMs(baseIntervalMs(state.type, next), failures, random);
      const retryAfter = effectiveRetryAfterMs(outcome.retryAfterMs);
      const plural = failures === 1 ? 'failure' : 'failures';
      if (retryAfter !== null && retryAfter > backoff) {
        return {
          delayMs: retryAfter,
          state: next,
          reason: `${failures} ${plural} in a row; the source asked us to wait ${describeDuration(retryAfter)} (Retry-After)`,
        };
      }
      return {
        delayMs: backoff,
        state: next,
        reason: `${failures} ${plural} in a row; backing off ${describeDuration(backoff)}`,
      };
    }
    default: {
      const never: never = outcome;
      return { delayMs: baseIntervalMs(state.type, state), state, reason: `unknown outcome ${JSON.stringify(never)}` };
    }
  }
}

/** "5 min", "2 min 30 s", "45 s", "6 h": short, for the reason strings. */
export function describeDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds} s`);
  return parts.join(' ');
}
