/**
 * Waiting out 429 Too Many Requests and 503 Service Unavailable the way Graph asks (`Retry-After`,
 * in seconds or as a date), within a budget for the whole poll: `--once` waits at most 60 s in all,
 * then gives up with the reason instead of hanging a scheduled task.
 */
import { parseRetryAfter } from '../../core/sources/retry-after.js';
import type { RelayResponse } from './relay-http.js';

/** Waits shared by every request of one poll. */
export interface WaitBudget {
  remainingMs: number;
}

export interface ThrottleDeps {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly budget: WaitBudget;
}

/** When Graph throttles without saying how long: 5 s, then 10, 20, … */
const FALLBACK_WAIT_MS = 5_000;

export type ThrottledOutcome =
  | { readonly ok: true; readonly response: Extract<RelayResponse, { ok: true }> }
  | { readonly ok: false; readonly error: string; readonly retryAfterMs: number | null };

/**
 * Sends until the answer is neither 429 nor 503, sleeping as asked in between. A wait that would
 * overrun the budget is not started: the outcome then says what the server asked for.
 */
export async function sendThrottled(send: () => Promise<RelayResponse>, what: string, deps: ThrottleDeps): Promise<ThrottledOutcome> {
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    if (!response.ok) return { ok: false, error: response.error, retryAfterMs: null };
    if (response.status !== 429 && response.status !== 503) return { ok: true, response };
    const asked = parseRetryAfter(response.header('retry-after'), deps.now());
    const waitMs = asked ?? FALLBACK_WAIT_MS * 2 ** Math.min(attempt, 4);
    const reason = response.status === 429 ? 'throttled (HTTP 429)' : 'unavailable (HTTP 503)';
    if (waitMs > deps.budget.remainingMs) {
      const spent = attempt === 0 ? '' : ` after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}`;
      return { ok: false, error: `${what} answered ${reason}${spent} and asks to wait ${Math.ceil(waitMs / 1000)} s more, beyond the ${Math.round(deps.budget.remainingMs / 1000)} s left to wait`, retryAfterMs: waitMs };
    }
    deps.budget.remainingMs -= waitMs;
    await deps.sleep(waitMs);
  }
}
