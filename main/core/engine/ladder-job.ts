/**
 * Ladder jobs: a full run (one hysteresis step), or a light run that calls for the full ladder at
 * once when it sees something the last full run did not. One job at a time; a full run asked for
 * while one runs (diagnostics) follows it.
 */
import { sentinelChange, type LadderMode } from './engine-cadence.js';
import type { LadderResult } from '../verdict/connectivity-model.js';
import { slowSteps } from '../verdict/ladder-facts.js';
import { count, schedule, updateLadder, type Ctx } from './context.js';
import { checkInitialRound, evaluate } from './evaluate.js';
import { scheduleCycle } from './ladder-plan.js';

const probesOn = (ctx: Ctx): boolean => ctx.s.config.connectivity?.enabled !== false;

function probe(ctx: Ctx, mode: LadderMode, job: number): void {
  updateLadder(ctx, { inFlight: { mode, job } });
  ctx.effects.push({ kind: 'probe', mode, job, serviceIds: ctx.s.plan.services.map((s) => s.id), config: ctx.s.config });
}

/** The job ends: waiters on it are answered, and the next run is planned (or a queued full one starts). */
function endJob(ctx: Ctx, job: number): void {
  updateLadder(ctx, { inFlight: null, jobsDone: Math.max(ctx.s.ladder.jobsDone, job) });
  if (ctx.s.ladder.queuedFull && ctx.s.started) {
    updateLadder(ctx, { queuedFull: false });
    startJob(ctx, 'full');
    return;
  }
  updateLadder(ctx, { queuedFull: false });
  scheduleCycle(ctx);
}

/** A full run finished (or was skipped: probes off): the verdict takes a step and the report is rebuilt. */
function fullDone(ctx: Ctx, job: number, ladder: LadderResult | null): void {
  const previous = ctx.s.ladder.last;
  count(ctx, 'full');
  updateLadder(ctx, { previousSlow: previous !== null && slowSteps(previous).length > 0, last: ladder, lastFullAt: ctx.now });
  ctx.s.firstCycleDone = true;
  checkInitialRound(ctx);
  evaluate(ctx, 'cycle');
  endJob(ctx, job);
}

/**
 * Starts a ladder job unless one runs (then the caller joins it). A light job falls back to the
 * full ladder when probes are off or no full run happened yet. Returns the job's number.
 */
export function startJob(ctx: Ctx, mode: LadderMode): number {
  const { s } = ctx;
  if (s.ladder.inFlight !== null) return s.ladder.inFlight.job;
  if (s.ladder.dueAt !== null) schedule(ctx, 'ladder', null);
  const job = s.ladder.jobs + 1;
  updateLadder(ctx, { jobs: job, dueAt: null });
  const full = mode === 'full' || !probesOn(ctx) || s.ladder.last === null;
  if (full && !probesOn(ctx)) {
    fullDone(ctx, job, null);
    return job;
  }
  probe(ctx, full ? 'full' : 'light', job);
  return job;
}

/** A run's result (null: it failed). Results of another job or after stop are dropped. */
export function onProbed(ctx: Ctx, mode: LadderMode, job: number, result: LadderResult | null): void {
  const { s } = ctx;
  if (!s.started || s.ladder.inFlight === null || s.ladder.inFlight.job !== job || s.ladder.inFlight.mode !== mode) return;
  if (mode === 'full') {
    fullDone(ctx, job, result);
    return;
  }
  count(ctx, 'light');
  updateLadder(ctx, { lastLightAt: ctx.now });
  const change = result === null ? 'the light run failed' : sentinelChange(result, s.ladder.last);
  if (change !== null) probe(ctx, 'full', job);
  else endJob(ctx, job);
}
