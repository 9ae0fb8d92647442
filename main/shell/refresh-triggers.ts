/**
 * Refresh at once on resume, unlock and network change (DESIGN.md, "Polling rules").
 *
 * Resume and unlock come from `powerMonitor`. Electron's main process has no network-change
 * event (`online`/`offline` exist only in renderers, and our window is usually destroyed), so
 * `net.isOnline()` is sampled every few seconds and a flip in either direction triggers a
 * refresh: coming online should clear "no network" quickly, going offline should show it. The
 * engine merges bursts (a laptop waking fires all three within seconds).
 */
import type { RefreshReason } from './handlers.js';

export interface PowerEvents {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export interface TriggerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RefreshTriggerOptions {
  readonly power: PowerEvents;
  /** `net.isOnline`. */
  readonly isOnline: () => boolean;
  readonly refresh: (reason: RefreshReason) => void;
  /** How often the link state is sampled. */
  readonly sampleMs?: number;
  readonly timers?: TriggerTimers;
}

export const DEFAULT_LINK_SAMPLE_MS = 5_000;

const NODE_TIMERS: TriggerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Sampling must never keep the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts listening; returns a function that stops everything. */
export function watchRefreshTriggers(options: RefreshTriggerOptions): () => void {
  const timers = options.timers ?? NODE_TIMERS;
  const sampleMs = options.sampleMs ?? DEFAULT_LINK_SAMPLE_MS;
  const onResume = (): void => options.refresh('resume');
  const onUnlock = (): void => options.refresh('unlock');
  options.power.on('resume', onResume);
  options.power.on('unlock-screen', onUnlock);

  const sample = (): boolean | null => {
    try {
      return options.isOnline();
    } catch {
      return null;
    }
  };
  let last = sample();
  let stopped = false;
  let timer: unknown = null;
  const tick = (): void => {
    if (stopped) return;
    const now = sample();
    if (now !== null && last !== null && now !== last) options.refresh('network-change');
    if (now !== null) last = now;
    timer = timers.setTimeout(tick, sampleMs);
  };
  timer = timers.setTimeout(tick, sampleMs);

  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
    options.power.removeListener('resume', onResume);
    options.power.removeListener('unlock-screen', onUnlock);
  };
}
