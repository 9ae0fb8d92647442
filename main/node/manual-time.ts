/**
 * Time that moves only when told: a clock and timers for driving the engine (or a poller) through
 * hours of polling in milliseconds, in tests and in the footprint benchmark. Real I/O (loopback
 * HTTP, the file system) still happens in real time; `advance` waits for it through `settle`.
 */
import type { Clock } from '../core/ports.js';
import type { Timers } from './app-engine.js';

export interface ManualTime {
  readonly clock: Clock;
  readonly timers: Timers;
  /** Current time (epoch ms). */
  now(): number;
  /** Timers waiting to fire. */
  pending(): number;
  /**
   * Moves time forward by `ms`, firing due timers in order; after each one `settle` runs (e.g.
   * `engine.whenIdle`) so that the work it started finishes before time moves on.
   */
  advance(ms: number, settle?: () => Promise<void>): Promise<void>;
}

async function turns(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createManualTime(startMs: number): ManualTime {
  let now = startMs;
  let nextId = 1;
  const waiting = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout: (callback, delayMs) => {
      const id = nextId++;
      waiting.set(id, { at: now + Math.max(0, delayMs), callback });
      return { id };
    },
    clearTimeout: (handle) => {
      if (typeof handle === 'object' && handle !== null && 'id' in handle) waiting.delete((handle as { id: number }).id);
    },
  };
  return {
    clock: { now: () => now },
    timers,
    now: () => now,
    pending: () => waiting.size,
    async advance(ms, settle = turns) {
      const target = now + ms;
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | null = null;
        for (const entry of waiting) if (entry[1].at <= target && (due === null || entry[1].at < due[1].at)) due = entry;
        if (due === null) break;
        waiting.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
        await turns();
        await settle();
      }
      now = target;
      await turns();
      await settle();
    },
  };
}

/** The part of the engine a poll-cycle driver needs. */
export interface DrivableEngine {
  whenIdle(): Promise<void>;
}

/**
 * Runs `cycles` poll cycles: each moves time by `stepMs` (long enough that every source polls at
 * least once, e.g. 1.25 × the longest interval) and waits until the engine is idle.
 */
export async function runPollCycles(engine: DrivableEngine, time: ManualTime, cycles: number, stepMs: number): Promise<void> {
  for (let i = 0; i < cycles; i++) await time.advance(stepMs, () => engine.whenIdle());
}
