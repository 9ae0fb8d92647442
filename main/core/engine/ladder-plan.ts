/**
 * When the connectivity ladder runs next, and in which form (engine-cadence.ts holds the cadence
 * per climate): the timer after a job ends, and the confirming run pulled forward when a status
 * poll proposes a new verdict.
 */
import { CONFIRMATION_DELAY_MS, ladderClimate, nextLadderRun } from './engine-cadence.js';
import { schedule, updateLadder, type Ctx } from './context.js';

/** Sets the ladder timer for the next run the cadence asks for. */
export function scheduleCycle(ctx: Ctx): void {
  const { s, now } = ctx;
  if (!s.started) {
    if (s.ladder.dueAt !== null) schedule(ctx, 'ladder', null);
    updateLadder(ctx, { dueAt: null });
    return;
  }
  const climate = ladderClimate({ tray: s.report?.tray ?? null, shownKind: s.hysteresis.shown?.kind ?? null, pendingConfirmation: s.hysteresis.pending !== null });
  const next = nextLadderRun({ climate, now, lastFullAt: s.ladder.lastFullAt, lastLightAt: s.ladder.lastLightAt });
  updateLadder(ctx, { dueAt: next.at, plannedMode: next.mode });
  schedule(ctx, 'ladder', next.at);
}

/** A full run within a minute (the confirming run); a light run due sooner is replaced by it. */
export function pullCycleForward(ctx: Ctx): void {
  const { s, now } = ctx;
  if (s.ladder.inFlight !== null || !s.started) return;
  const due = now + CONFIRMATION_DELAY_MS;
  if (s.ladder.dueAt !== null && s.ladder.dueAt <= due && s.ladder.plannedMode === 'full') return;
  updateLadder(ctx, { dueAt: due, plannedMode: 'full' });
  schedule(ctx, 'ladder', due);
}
