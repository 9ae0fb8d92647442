/**
 * What listeners see: the view built from the engine state at a moment, and whether it differs
 * from the one they last heard (the engine publishes only then).
 */
import type { CheckReport } from '../check.js';
import type { ViewState } from '../contract.js';
import { viewDiffers } from './engine-cadence.js';
import type { Ctx } from './context.js';
import type { EngineState } from './types.js';

/** The newest successful fetch among the sources of a report: "updated 2 min ago". */
export function updatedAtOf(report: CheckReport | null): string | null {
  if (report === null) return null;
  if (report.sources.length === 0) return report.checkedAt;
  let best: number | null = null;
  for (const source of report.sources) {
    const at = source.fetchedAt === null ? Number.NaN : Date.parse(source.fetchedAt);
    if (Number.isFinite(at) && (best === null || at > best)) best = at;
  }
  return best === null ? null : new Date(best).toISOString();
}

/** The newest successful fetch among the current sources, including 304s not yet in the report. */
export function newestFetch(state: Pick<EngineState, 'sources'>): number | null {
  let newest: number | null = null;
  for (const slot of state.sources.values()) {
    const at = slot.memory?.fetchedAt ?? null;
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

function currentMute(mutedUntil: string | null, now: number): string | null {
  return mutedUntil !== null && Date.parse(mutedUntil) > now ? mutedUntil : null;
}

/** The mute in force at `now`, or null. */
export function muteInForce(state: Pick<EngineState, 'mutedUntil'>, now: number): string | null {
  return currentMute(state.mutedUntil, now);
}

/**
 * The view at `now`. A poll that confirmed unchanged data does not rebuild the report, but
 * "updated N min ago" must still say when we last heard from the sources: read live here.
 */
export function viewOf(state: Pick<EngineState, 'report' | 'fromCache' | 'started' | 'initialDone' | 'waiters' | 'mutedUntil' | 'sources'>, now: number): ViewState {
  const { report, fromCache } = state;
  let updatedAt = updatedAtOf(report);
  if (report !== null && !fromCache && report.sources.length > 0) {
    const newest = newestFetch(state);
    if (newest !== null && (updatedAt === null || Date.parse(updatedAt) < newest)) updatedAt = new Date(newest).toISOString();
  }
  return {
    report,
    fromCache,
    refreshing: (state.started && !state.initialDone) || state.waiters.length > 0,
    mutedUntil: currentMute(state.mutedUntil, now),
    tray: report?.tray ?? 'unknown',
    overall: report?.overall ?? 'unknown',
    updatedAt,
  };
}

/** Publishes the view when it differs from the last one published. */
export function publishIfChanged(ctx: Ctx): void {
  const next = viewOf(ctx.s, ctx.now);
  if (!viewDiffers(ctx.s.published, next)) return;
  ctx.s.published = next;
  ctx.effects.push({ kind: 'publish', view: next });
}
