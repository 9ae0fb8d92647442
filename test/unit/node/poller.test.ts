import { describe, expect, it } from 'vitest';
import { createPoller, REFRESH_COALESCE_MS, type PollReport, type PollTaskResult, type Timers } from '../../../main/node/poller.js';
import type { SourceType } from '../../../main/core/model.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = 1_700_000_000_000;

/** Hand-driven clock and timers: time moves only when the test says so. */
class ManualTime {
  now = T0;
  unrefCount = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  readonly clock = { now: (): number => this.now };

  readonly timers: Timers = {
    setTimeout: (callback, delayMs) => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.now + delayMs, callback });
      return { id, unref: () => void this.unrefCount++ };
    },
    clearTimeout: (handle) => {
      this.pending.delete((handle as { id: number }).id);
    },
  };

  get timerCount(): number {
    return this.pending.size;
  }

  /** Moves time forward, firing due timers in order and letting the async work they start settle. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.pending) if (entry[1].at <= target && (due === null || entry[1].at < due[1].at)) due = entry;
      if (due === null) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A task whose answers the test hands out one by one, so it can also hold a run in flight. */
class ScriptedTask {
  calls = 0;
  readonly signals: AbortSignal[] = [];
  private readonly waiting: Array<(result: PollTaskResult<string>) => void> = [];
  private readonly script: Array<PollTaskResult<string> | 'hold' | Error> = [];

  then(...results: Array<PollTaskResult<string> | 'hold' | Error>): this {
    this.script.push(...results);
    return this;
  }

  readonly run = (signal: AbortSignal): Promise<PollTaskResult<string>> => {
    this.calls++;
    this.signals.push(signal);
    const next = this.script.shift() ?? ok();
    if (next instanceof Error) return Promise.reject(next);
    if (next === 'hold') return new Promise((resolve) => this.waiting.push(resolve));
    return Promise.resolve(next);
  };

  async release(result: PollTaskResult<string>): Promise<void> {
    const resolve = this.waiting.shift();
    if (!resolve) throw new Error('no run is being held');
    resolve(result);
    await settle();
  }
}

const ok = (hasOpenIncident = false): PollTaskResult<string> => ({ kind: 'success', hasOpenIncident, value: 'snapshot' });
const fail = (retryAfterMs?: number): PollTaskResult<string> =>
  retryAfterMs === undefined ? { kind: 'failure' } : { kind: 'failure', retryAfterMs };

function setUp(options: { type?: SourceType; random?: number; configuredSeconds?: number | null } = {}) {
  const time = new ManualTime();
  const task = new ScriptedTask();
  const reports: Array<PollReport<string>> = [];
  const poller = createPoller<string>({
    type: options.type ?? 'statuspage',
    configuredSeconds: options.configuredSeconds ?? null,
    clock: time.clock,
    timers: time.timers,
    // A roll of 1 is the full interval: jitter only ever makes a poll earlier.
    random: () => options.random ?? 1,
    task: task.run,
    onResult: (report) => reports.push(report),
  });
  return { time, task, reports, poller };
}

describe('createPoller: the schedule', () => {
  it('checks at once on start and reports the value', async () => {
    const { time, task, reports, poller } = setUp();
    poller.start();
    expect(task.calls).toBe(1);
    await settle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ trigger: 'start', value: 'snapshot', error: null, nextRunAt: T0 + 5 * MINUTE });
    expect(poller.nextRunAt()).toBe(T0 + 5 * MINUTE);
    expect(time.timerCount).toBe(1);
    poller.start();
    expect(task.calls).toBe(1);
  });

  it('checks again at the jittered interval, not before', async () => {
    const { time, task, poller } = setUp({ random: 0 });
    poller.start();
    await settle();
    expect(poller.nextRunAt()).toBe(T0 + 4 * MINUTE);
    await time.advance(4 * MINUTE - 1);
    expect(task.calls).toBe(1);
    await time.advance(1);
    expect(task.calls).toBe(2);
    await time.advance(4 * MINUTE);
    expect(task.calls).toBe(3);
  });

  it('polls every 2 min while an incident is open, and keeps that on a 304', async () => {
    const { time, task, reports, poller } = setUp();
    task.then(ok(true), { kind: 'not-modified' }, ok(false));
    poller.start();
    await settle();
    expect(poller.nextRunAt()).toBe(T0 + 2 * MINUTE);
    await time.advance(2 * MINUTE);
    expect(reports[1]?.outcome).toEqual({ kind: 'not-modified' });
    expect(reports[1]?.value).toBeUndefined();
    expect(poller.nextRunAt()).toBe(T0 + 4 * MINUTE);
    expect(poller.intervalMs()).toBe(2 * MINUTE);
    await time.advance(2 * MINUTE);
    expect(poller.nextRunAt()).toBe(T0 + 9 * MINUTE);
    expect(poller.intervalMs()).toBe(5 * MINUTE);
  });

  it('never polls a public page faster than once a minute, whatever is configured', async () => {
    const { time, task, poller } = setUp({ configuredSeconds: 5, random: 0 });
    poller.start();
    await settle();
    await time.advance(5 * MINUTE);
    // 0.8 × 60 s = 48 s between runs at the fastest jitter: 6 runs in 5 min plus the first.
    expect(task.calls).toBe(7);
  });

  it('backs off after consecutive failures up to 30 min, and recovers on success', async () => {
    const { time, task, reports, poller } = setUp();
    task.then(fail(), fail(), fail(), fail(), ok());
    poller.start();
    await settle();
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = time.now;
      const next = poller.nextRunAt();
      if (next === null) throw new Error('nothing scheduled');
      await time.advance(next - before);
      gaps.push((time.now - before) / MINUTE);
    }
    expect(gaps).toEqual([10, 20, 30, 30]);
    expect(task.calls).toBe(5);
    expect(reports.at(-1)?.outcome.kind).toBe('success');
    expect(poller.nextRunAt()).toBe(time.now + 5 * MINUTE);
  });

  it('waits as long as Retry-After asks and refuses refreshes until then', async () => {
    const { time, task, reports, poller } = setUp();
    task.then(fail(60 * MINUTE));
    poller.start();
    await settle();
    expect(reports[0]?.reason).toMatch(/Retry-After/);
    expect(poller.nextRunAt()).toBe(T0 + 60 * MINUTE);
    expect(poller.refreshNow('user')).toBe('retry-after');
    expect(poller.refreshNow('network-change')).toBe('retry-after');
    await time.advance(60 * MINUTE - 1);
    expect(task.calls).toBe(1);
    await time.advance(1);
    expect(task.calls).toBe(2);
  });

  it('treats a task that throws as a failed check and keeps polling', async () => {
    const { time, task, reports, poller } = setUp();
    task.then(new Error('parser exploded'));
    poller.start();
    await settle();
    expect(reports[0]).toMatchObject({ outcome: { kind: 'failure' }, value: undefined });
    expect(reports[0]?.error).toMatch(/parser exploded/);
    expect(poller.nextRunAt()).toBe(T0 + 10 * MINUTE);
    await time.advance(10 * MINUTE);
    expect(task.calls).toBe(2);
    expect(reports[1]?.error).toBeNull();
  });

  it('keeps polling when the result handler throws', async () => {
    const time = new ManualTime();
    const task = new ScriptedTask();
    const errors: unknown[] = [];
    const poller = createPoller<string>({
      type: 'org-feed',
      clock: time.clock,
      timers: time.timers,
      random: () => 0.5,
      task: task.run,
      onResult: () => {
        throw new Error('renderer gone');
      },
      onError: (error) => errors.push(error),
    });
    poller.start();
    await settle();
    await time.advance(MINUTE);
    expect(task.calls).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('does not keep the process alive for a scheduled check', async () => {
    const { time, poller } = setUp();
    poller.start();
    await settle();
    expect(time.timerCount).toBe(1);
    expect(time.unrefCount).toBe(1);
  });
  it('works with the real timers when none are injected', async () => {
    const reports: Array<PollReport<string>> = [];
    let reported: () => void = () => undefined;
    const firstReport = new Promise<void>((resolve) => (reported = resolve));
    const poller = createPoller<string>({
      type: 'org-feed',
      clock: { now: () => Date.now() },
      task: async () => ok(),
      onResult: (report) => {
        reports.push(report);
        reported();
      },
    });
    poller.start();
    await firstReport;
    const next = poller.nextRunAt();
    expect(next).not.toBeNull();
    expect(next! - reports[0]!.finishedAt).toBeGreaterThanOrEqual(48 * SECOND);
    expect(next! - reports[0]!.finishedAt).toBeLessThan(72 * SECOND);
    poller.stop();
    expect(poller.nextRunAt()).toBeNull();
  });
});

describe('createPoller: refreshNow', () => {
  it('runs at once on request, even in the middle of a backoff', async () => {
    const { time, task, reports, poller } = setUp();
    task.then(fail(), ok());
    poller.start();
    await settle();
    expect(poller.nextRunAt()).toBe(T0 + 10 * MINUTE);
    await time.advance(MINUTE);
    expect(poller.refreshNow('user')).toBe('started');
    expect(task.calls).toBe(2);
    await settle();
    expect(reports[1]).toMatchObject({ trigger: 'user', value: 'snapshot' });
    expect(poller.nextRunAt()).toBe(T0 + 6 * MINUTE);
    // The old backoff timer is gone: only the new regular one remains.
    expect(time.timerCount).toBe(1);
  });

  it('never starts a second run while one is in flight', async () => {
    const { time, task, reports, poller } = setUp();
    task.then('hold');
    poller.start();
    expect(poller.isRunning()).toBe(true);
    expect(poller.nextRunAt()).toBeNull();
    expect(poller.refreshNow('user')).toBe('already-running');
    expect(poller.refreshNow('resume')).toBe('already-running');
    await time.advance(30 * MINUTE);
    expect(task.calls).toBe(1);
    await task.release(ok());
    expect(reports).toHaveLength(1);
    expect(poller.isRunning()).toBe(false);
    // The in-flight success answered the resume: nothing extra runs.
    await time.advance(5 * MINUTE - 1);
    expect(task.calls).toBe(1);
  });

  it('merges resume, unlock and network change arriving within 10 s of a good check', async () => {
    const { time, task, poller } = setUp();
    poller.start();
    await settle();
    await time.advance(2 * SECOND);
    expect(poller.refreshNow('resume')).toBe('coalesced');
    expect(poller.refreshNow('unlock')).toBe('coalesced');
    await time.advance(REFRESH_COALESCE_MS - 2 * SECOND - 1);
    expect(poller.refreshNow('network-change')).toBe('coalesced');
    expect(task.calls).toBe(1);
    await time.advance(1);
    expect(poller.refreshNow('unlock')).toBe('started');
    expect(task.calls).toBe(2);
  });

  it('does not merge a user request', async () => {
    const { task, poller } = setUp();
    poller.start();
    await settle();
    expect(poller.refreshNow('user')).toBe('started');
    await settle();
    expect(task.calls).toBe(2);
  });

  it('retries 10 s after a failed check when the network changes, instead of backing off for 10 min', async () => {
    // Waking a laptop: the resume check fails before Wi-Fi is up, then the network comes back.
    const { time, task, reports, poller } = setUp();
    task.then(fail(), ok());
    poller.start();
    await settle();
    await time.advance(3 * SECOND);
    expect(poller.refreshNow('network-change')).toBe('deferred');
    expect(poller.nextRunAt()).toBe(T0 + REFRESH_COALESCE_MS);
    await time.advance(REFRESH_COALESCE_MS - 3 * SECOND);
    expect(task.calls).toBe(2);
    expect(reports[1]).toMatchObject({ trigger: 'network-change', value: 'snapshot' });
  });

  it('retries soon when a network change arrives during a check that then fails', async () => {
    const { time, task, reports, poller } = setUp();
    task.then('hold', ok());
    poller.start();
    expect(poller.refreshNow('network-change')).toBe('already-running');
    await time.advance(4 * SECOND);
    await task.release(fail());
    expect(poller.nextRunAt()).toBe(T0 + 4 * SECOND + REFRESH_COALESCE_MS);
    await time.advance(REFRESH_COALESCE_MS);
    expect(task.calls).toBe(2);
    expect(reports[1]?.trigger).toBe('network-change');
    expect(poller.nextRunAt()).toBe(time.now + 5 * MINUTE);
  });
});

describe('createPoller: stop', () => {
  it('aborts the check in flight, reports nothing and schedules nothing more', async () => {
    const { time, task, reports, poller } = setUp();
    task.then('hold');
    poller.start();
    const signal = task.signals[0];
    expect(signal?.aborted).toBe(false);
    poller.stop();
    expect(signal?.aborted).toBe(true);
    expect(poller.isRunning()).toBe(false);
    await task.release(ok());
    expect(reports).toHaveLength(0);
    expect(time.timerCount).toBe(0);
    expect(poller.nextRunAt()).toBeNull();
    expect(poller.refreshNow('user')).toBe('stopped');
    await time.advance(2 * 60 * MINUTE);
    expect(task.calls).toBe(1);
  });

  it('cancels the scheduled check', async () => {
    const { time, task, poller } = setUp();
    poller.start();
    await settle();
    expect(time.timerCount).toBe(1);
    poller.stop();
    expect(time.timerCount).toBe(0);
    await time.advance(60 * MINUTE);
    expect(task.calls).toBe(1);
  });

  it('can start again after a stop, without the aborted run interfering', async () => {
    const { task, reports, poller } = setUp();
    task.then('hold', ok());
    poller.start();
    poller.stop();
    poller.start();
    expect(task.calls).toBe(2);
    await settle();
    await task.release(fail());
    expect(reports).toHaveLength(1);
    expect(reports[0]?.outcome.kind).toBe('success');
  });
});
