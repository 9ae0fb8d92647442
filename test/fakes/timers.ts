/**
 * Timers and a clock a test moves by hand: `advance(ms)` runs every timer that falls due, in
 * order, so "destroyed after 60 s hidden" is tested without waiting 60 s.
 */
export class ManualTimers {
  private nowMs = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  readonly now = (): number => this.nowMs;

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.nowMs + Math.max(0, ms), callback });
    return handle;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** Number of timers waiting. */
  get size(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.pending) if (entry[1].at <= until && (next === null || entry[1].at < next[1].at)) next = entry;
      if (next === null) break;
      this.pending.delete(next[0]);
      this.nowMs = next[1].at;
      next[1].callback();
    }
    this.nowMs = until;
  }
}
