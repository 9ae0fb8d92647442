/**
 * The working copy one `step` edits. `step` copies the state it is given into a Ctx, the decision
 * functions edit the copy and append effects, and `step` returns the copy: the caller's state is
 * never touched, so `step` stays a pure function.
 */
import type { Effect, EngineState, LadderSlot, SourceSlot, TimerKey } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Ctx {
  readonly s: Mutable<Omit<EngineState, 'sources'>> & { sources: Map<string, SourceSlot> };
  readonly effects: Effect[];
  readonly now: number;
  readonly random: number;
}

export function openCtx(state: EngineState, now: number, random: number): Ctx {
  return { s: { ...state, sources: new Map(state.sources) }, effects: [], now, random };
}

export function closeCtx(ctx: Ctx): EngineState {
  return { ...ctx.s };
}

export function updateSlot(ctx: Ctx, id: string, patch: Partial<SourceSlot>): SourceSlot | null {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined) return null;
  const next = { ...slot, ...patch };
  ctx.s.sources.set(id, next);
  return next;
}

export function updateLadder(ctx: Ctx, patch: Partial<LadderSlot>): LadderSlot {
  ctx.s.ladder = { ...ctx.s.ladder, ...patch };
  return ctx.s.ladder;
}

export function schedule(ctx: Ctx, timer: TimerKey, at: number | null): void {
  ctx.effects.push({ kind: 'schedule', timer, at });
}

export function count(ctx: Ctx, key: keyof EngineState['counters']): void {
  ctx.s.counters = { ...ctx.s.counters, [key]: ctx.s.counters[key] + 1 };
}
