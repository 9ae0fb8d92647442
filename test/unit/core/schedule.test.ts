import { describe, expect, it } from 'vitest';
import {
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  POLL_SECONDS,
  backoffDelayMs,
  baseIntervalMs,
  clampPollSeconds,
  describeDuration,
  initialPollState,
  jitterFactor,
  nextDelayMs,
  type PollState,
} from '../../../main/core/engine/schedule.js';
import { SOURCE_TYPES, type SourceType } from '../../../main/core/model.js';
import { isStale, staleAfterMs } from '../../../main/core/staleness.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** A roll of 1 gives the full interval (jitter only ever makes a poll earlier). */
const NO_JITTER = 1;

describe('baseIntervalMs', () => {
  it('uses 5 min for public pages and 1 min for the org feed by default', () => {
    expect(baseIntervalMs('statuspage', { hasOpenIncident: false })).toBe(300 * SECOND);
    expect(baseIntervalMs('microsoft-public', { hasOpenIncident: false })).toBe(300 * SECOND);
    expect(baseIntervalMs('org-feed', { hasOpenIncident: false })).toBe(60 * SECOND);
    expect(baseIntervalMs('statuspage', { hasOpenIncident: false, configuredSeconds: null })).toBe(300 * SECOND);
  });

  it('polls every 2 min while an incident is open on a public page', () => {
    expect(baseIntervalMs('statuspage', { hasOpenIncident: true })).toBe(120 * SECOND);
    expect(baseIntervalMs('microsoft-public', { hasOpenIncident: true })).toBe(120 * SECOND);
  });

  it('never polls less often because of an incident', () => {
    expect(baseIntervalMs('org-feed', { hasOpenIncident: true })).toBe(60 * SECOND);
    expect(baseIntervalMs('statuspage', { hasOpenIncident: true, configuredSeconds: 90 })).toBe(90 * SECOND);
    expect(baseIntervalMs('statuspage', { hasOpenIncident: true, configuredSeconds: 600 })).toBe(120 * SECOND);
  });

  it('uses a configured interval within bounds and clamps one outside them', () => {
    expect(baseIntervalMs('statuspage', { hasOpenIncident: false, configuredSeconds: 900 })).toBe(900 * SECOND);
    expect(baseIntervalMs('statuspage', { hasOpenIncident: false, configuredSeconds: 5 })).toBe(60 * SECOND);
    expect(baseIntervalMs('org-feed', { hasOpenIncident: false, configuredSeconds: 5 })).toBe(30 * SECOND);
    expect(baseIntervalMs('org-feed', { hasOpenIncident: false, configuredSeconds: 86_400 })).toBe(3600 * SECOND);
  });
});

describe('clampPollSeconds', () => {
  it('keeps public pages at 60 s or slower and the org feed at 30 s or slower, at most hourly', () => {
    expect(clampPollSeconds('statuspage', 59)).toBe(60);
    expect(clampPollSeconds('statuspage', 60)).toBe(60);
    expect(clampPollSeconds('microsoft-public', 1)).toBe(60);
    expect(clampPollSeconds('org-feed', 29)).toBe(30);
    expect(clampPollSeconds('org-feed', 30)).toBe(30);
    expect(clampPollSeconds('statuspage', 3600)).toBe(3600);
    expect(clampPollSeconds('statuspage', 3601)).toBe(3600);
    expect(clampPollSeconds('org-feed', -10)).toBe(30);
  });

  it('falls back to the default for a broken setting', () => {
    for (const type of SOURCE_TYPES) {
      expect(clampPollSeconds(type, Number.NaN)).toBe(POLL_SECONDS[type].default);
      expect(clampPollSeconds(type, Number.POSITIVE_INFINITY)).toBe(POLL_SECONDS[type].default);
      expect(clampPollSeconds(type, '60' as unknown as number)).toBe(POLL_SECONDS[type].default);
    }
  });

  it('has defaults that sit inside their own bounds', () => {
    for (const type of SOURCE_TYPES) {
      const bounds = POLL_SECONDS[type];
      expect(clampPollSeconds(type, bounds.default)).toBe(bounds.default);
    }
  });
});

describe('jitter', () => {
  it('maps the roll 0..1 onto 0.8..1.0: a poll may come early, never late', () => {
    expect(jitterFactor(0)).toBeCloseTo(0.8, 10);
    expect(jitterFactor(0.5)).toBeCloseTo(0.9, 10);
    expect(jitterFactor(0.999)).toBeCloseTo(0.9998, 10);
    expect(jitterFactor(1)).toBe(1);
  });

  it.each<[SourceType, number]>([
    ['statuspage', 300],
    ['microsoft-public', 300],
    ['org-feed', 60],
  ])('keeps the regular %s delay between 80 and 100 percent of %i s, never more', (type, seconds) => {
    const state = initialPollState(type);
    const success = { kind: 'success', hasOpenIncident: false } as const;
    expect(nextDelayMs(state, success, 0).delayMs).toBe(seconds * 0.8 * SECOND);
    const high = nextDelayMs(state, success, 0.999).delayMs;
    expect(high).toBeLessThanOrEqual(seconds * SECOND);
    expect(high).toBeGreaterThanOrEqual(Math.floor(seconds * 0.999 * SECOND));
    for (let roll = 0; roll < 1; roll += 0.01) expect(nextDelayMs(state, success, roll).delayMs).toBeLessThanOrEqual(seconds * SECOND);
    expect(nextDelayMs(state, success, NO_JITTER).delayMs).toBe(seconds * SECOND);
  });

  it('treats an out-of-range roll as within range rather than producing a wild delay', () => {
    const state = initialPollState('statuspage');
    const success = { kind: 'success', hasOpenIncident: false } as const;
    expect(nextDelayMs(state, success, -5).delayMs).toBe(240 * SECOND);
    expect(nextDelayMs(state, success, 7).delayMs).toBe(300 * SECOND);
    expect(nextDelayMs(state, success, Number.NaN).delayMs).toBe(270 * SECOND);
  });
});

describe('nextDelayMs after success', () => {
  it('switches to the incident interval when the source reports an open incident, and back', () => {
    const calm = initialPollState('statuspage');
    const busy = nextDelayMs(calm, { kind: 'success', hasOpenIncident: true }, NO_JITTER);
    expect(busy.delayMs).toBe(120 * SECOND);
    expect(busy.state.hasOpenIncident).toBe(true);
    expect(busy.reason).toMatch(/incident/);
    const over = nextDelayMs(busy.state, { kind: 'success', hasOpenIncident: false }, NO_JITTER);
    expect(over.delayMs).toBe(300 * SECOND);
    expect(over.state.hasOpenIncident).toBe(false);
  });

  it('resets the failure count', () => {
    const failing: PollState = { ...initialPollState('statuspage'), consecutiveFailures: 4 };
    const decision = nextDelayMs(failing, { kind: 'success', hasOpenIncident: false }, NO_JITTER);
    expect(decision.state.consecutiveFailures).toBe(0);
    expect(decision.delayMs).toBe(300 * SECOND);
  });

  it('uses the configured interval carried in the state', () => {
    const state = initialPollState('statuspage', 900);
    expect(nextDelayMs(state, { kind: 'success', hasOpenIncident: false }, NO_JITTER).delayMs).toBe(900 * SECOND);
    const tooFast = initialPollState('statuspage', 10);
    expect(nextDelayMs(tooFast, { kind: 'success', hasOpenIncident: false }, 0).delayMs).toBe(48 * SECOND);
  });
});

describe('nextDelayMs after 304 Not Modified', () => {
  it('counts as a success: failures reset, regular interval', () => {
    const failing: PollState = { ...initialPollState('statuspage'), consecutiveFailures: 2 };
    const decision = nextDelayMs(failing, { kind: 'not-modified' }, NO_JITTER);
    expect(decision.state.consecutiveFailures).toBe(0);
    expect(decision.delayMs).toBe(300 * SECOND);
    expect(decision.reason).toMatch(/304/);
  });

  it('keeps the incident cadence the last full answer set', () => {
    const busy: PollState = { ...initialPollState('statuspage'), hasOpenIncident: true };
    const decision = nextDelayMs(busy, { kind: 'not-modified' }, NO_JITTER);
    expect(decision.state.hasOpenIncident).toBe(true);
    expect(decision.delayMs).toBe(120 * SECOND);
  });
});

describe('nextDelayMs after failure', () => {
  const failOnce = (state: PollState, random = NO_JITTER, retryAfterMs?: number | null) =>
    nextDelayMs(state, retryAfterMs === undefined ? { kind: 'failure' } : { kind: 'failure', retryAfterMs }, random);

  it('doubles from the public interval until it hits the 30 min cap', () => {
    let state = initialPollState('statuspage');
    const delays: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const decision = failOnce(state);
      expect(decision.state.consecutiveFailures).toBe(n);
      delays.push(decision.delayMs / MINUTE);
      state = decision.state;
    }
    expect(delays).toEqual([10, 20, 30, 30, 30, 30]);
  });

  it('doubles from the org feed interval until it hits the 30 min cap', () => {
    let state = initialPollState('org-feed');
    const delays: number[] = [];
    for (let n = 1; n <= 7; n++) {
      const decision = failOnce(state);
      delays.push(decision.delayMs / SECOND);
      state = decision.state;
    }
    expect(delays).toEqual([120, 240, 480, 960, 1800, 1800, 1800]);
  });

  it('backs off from the incident interval when an incident was open', () => {
    const busy: PollState = { ...initialPollState('statuspage'), hasOpenIncident: true };
    const decision = failOnce(busy);
    expect(decision.delayMs).toBe(240 * SECOND);
    expect(decision.state.hasOpenIncident).toBe(true);
  });

  it('jitters the backoff but never exceeds 30 min', () => {
    const capped: PollState = { ...initialPollState('statuspage'), consecutiveFailures: 10 };
    expect(failOnce(capped, 0.999).delayMs).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(failOnce(capped, 0.999).delayMs).toBeGreaterThan(0.999 * MAX_BACKOFF_MS);
    expect(failOnce(capped, 1).delayMs).toBe(MAX_BACKOFF_MS);
    expect(failOnce(capped, 0).delayMs).toBe(0.8 * MAX_BACKOFF_MS);
    const first = initialPollState('statuspage');
    expect(failOnce(first, 0).delayMs).toBe(480 * SECOND);
    expect(failOnce(first, 0.999).delayMs).toBeLessThan(600 * SECOND);
    expect(failOnce(first, 0.999).delayMs).toBeGreaterThan(599 * SECOND);
  });

  it('survives an absurd failure count without overflowing', () => {
    expect(backoffDelayMs(300 * SECOND, 10_000, NO_JITTER)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(300 * SECOND, Number.MAX_SAFE_INTEGER, NO_JITTER)).toBe(MAX_BACKOFF_MS);
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', () => {
    const decision = failOnce(initialPollState('statuspage'), NO_JITTER, 45 * MINUTE);
    expect(decision.delayMs).toBe(45 * MINUTE);
    expect(decision.reason).toMatch(/Retry-After/);
    expect(decision.state.consecutiveFailures).toBe(1);
  });

  it('keeps the longer backoff when Retry-After is shorter', () => {
    const decision = failOnce(initialPollState('statuspage'), NO_JITTER, 30 * SECOND);
    expect(decision.delayMs).toBe(10 * MINUTE);
    expect(decision.reason).not.toMatch(/Retry-After/);
  });

  it('caps an extreme Retry-After at 6 h', () => {
    expect(failOnce(initialPollState('statuspage'), NO_JITTER, 30 * 24 * 60 * MINUTE).delayMs).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(6 * 60 * MINUTE);
  });

  it('ignores a Retry-After that is zero, negative or not a number', () => {
    for (const bad of [0, -60_000, Number.NaN, null]) {
      expect(failOnce(initialPollState('statuspage'), NO_JITTER, bad).delayMs).toBe(10 * MINUTE);
    }
  });

  it('starts over from the regular interval once a poll succeeds again', () => {
    let state = initialPollState('statuspage');
    for (let n = 0; n < 5; n++) state = failOnce(state).state;
    const recovered = nextDelayMs(state, { kind: 'success', hasOpenIncident: false }, NO_JITTER);
    expect(recovered.delayMs).toBe(5 * MINUTE);
    expect(failOnce(recovered.state).delayMs).toBe(10 * MINUTE);
  });
});

describe('staleness', () => {
  const interval = 300 * SECOND;

  it('is three poll intervals', () => {
    expect(staleAfterMs(interval)).toBe(15 * MINUTE);
    expect(staleAfterMs(60 * SECOND)).toBe(3 * MINUTE);
  });

  it('keeps a result fresh up to exactly three intervals and stale one millisecond later', () => {
    const fetchedAt = 1_700_000_000_000;
    expect(isStale(fetchedAt, fetchedAt, interval)).toBe(false);
    expect(isStale(fetchedAt, fetchedAt + 3 * interval, interval)).toBe(false);
    expect(isStale(fetchedAt, fetchedAt + 3 * interval + 1, interval)).toBe(true);
  });

  it('treats never fetched as stale', () => {
    expect(isStale(null, 0, interval)).toBe(true);
    expect(isStale(Number.NaN, 0, interval)).toBe(true);
  });
});

describe('describeDuration', () => {
  it('reads naturally', () => {
    expect(describeDuration(0)).toBe('0 s');
    expect(describeDuration(45 * SECOND)).toBe('45 s');
    expect(describeDuration(150 * SECOND)).toBe('2 min 30 s');
    expect(describeDuration(MAX_RETRY_AFTER_MS)).toBe('6 h');
  });
});
