/**
 * The relay's rhythm when it runs as a service: poll, then wait 60-120 s (jittered, so relays
 * restarted together do not poll Graph in step), longer when Graph asked for more with
 * `Retry-After`. Clock-free: timers and randomness are injected so tests drive it with a fake clock.
 */
import type { PollReport } from './relay.js';

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  readonly poll: () => Promise<PollReport>;
  readonly timers: SchedulerTimers;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  readonly minIntervalMs?: number;
  readonly maxIntervalMs?: number;
  /** Called after each poll with the wait chosen before the next one. */
  readonly onPolled?: (report: PollReport, nextInMs: number) => void;
}

export interface Scheduler {
  /** Polls now, then on schedule until `stop()`. */
  start(): void;
  /** No poll starts after this; resolves once a poll in flight has finished. */
  stop(): Promise<void>;
}

export const POLL_INTERVAL_MS = { min: 60_000, max: 120_000 } as const;

export function nextPollDelay(report: PollReport, random: number, minMs: number = POLL_INTERVAL_MS.min, maxMs: number = POLL_INTERVAL_MS.max): number {
  const jittered = minMs + Math.floor(random * (maxMs - minMs));
  return report.ok || report.retryAfterMs === null ? jittered : Math.max(jittered, report.retryAfterMs);
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  let stopped = false;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;

  function run(): void {
    timer = null;
    if (stopped) return;
    inFlight = options.poll().then((report) => {
      inFlight = null;
      const wait = nextPollDelay(report, options.random(), options.minIntervalMs, options.maxIntervalMs);
      options.onPolled?.(report, wait);
      if (!stopped) timer = options.timers.setTimeout(run, wait);
    });
  }

  return {
    start: () => {
      if (!stopped && timer === null && inFlight === null) run();
    },
    stop: async () => {
      stopped = true;
      if (timer !== null) options.timers.clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
