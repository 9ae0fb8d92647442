/**
 * One source's polls (DESIGN.md, "Polling rules"): the first poll at start, the next one on the
 * schedule rules (schedule.ts: interval, jitter, backoff, Retry-After), refresh requests merged
 * or refused as the rules say, and never two fetches of one source at once.
 */
import type { SourceDef } from '../sources/catalog.js';
import { intervalFor } from '../check.js';
import { pollWork } from './engine-cadence.js';
import { notifyAwaitsPoll } from '../notifications/notify.js';
import { effectiveRetryAfterMs, initialPollState, nextDelayMs, type PollOutcome } from './schedule.js';
import { ageResult, lightStatusUrl, type FetchOutcome } from '../sources/source-fetch.js';
import { problem } from '../sources/source-problem.js';
import { count, schedule, updateSlot, type Ctx } from './context.js';
import { checkInitialRound, evaluate, scheduleStaleness } from './evaluate.js';
import type { FetchResult, RefreshReason, SourceSlot } from './types.js';
import { newestFetch } from './view.js';

/**
 * Automatic refreshes (resume, unlock, network change) closer than this to the end of the last
 * run are merged: a laptop waking up fires all three within a second or two.
 */
export const REFRESH_COALESCE_MS = 10_000;

/**
 * Types whose parse depends on the body alone. The org feed's also depends on the clock (it
 * expires), and so do those that keep "resolved in the last 24 h" or judge `end` against now
 * (Slack, Google, RSS/Atom): an unchanged body can still mean a changed snapshot.
 */
const BODY_ONLY_TYPES: ReadonlySet<string> = new Set(['statuspage', 'microsoft-public', 'statusio', 'incidentio', 'instatus']);

const timerOf = (id: string) => `source:${id}` as const;

/** A new slot; `carried` keeps what we know across a changed interval. */
export function newSlot(def: SourceDef, carried: Pick<SourceSlot, 'memory' | 'outcome' | 'bodyDigest'> | null): SourceSlot {
  return {
    def,
    poll: initialPollState(def.type, def.pollIntervalSeconds ?? null, lightStatusUrl(def) !== null),
    memory: carried?.memory ?? null,
    outcome: carried?.outcome ?? null,
    bodyDigest: carried?.bodyDigest ?? null,
    inFlight: null,
    runs: 0,
    done: 0,
    dueAt: null,
    lastRun: null,
    retryAfterUntil: null,
    pendingAuto: null,
  };
}

function setDue(ctx: Ctx, id: string, at: number | null): void {
  updateSlot(ctx, id, { dueAt: at });
  schedule(ctx, timerOf(id), at);
}

/** Starts a fetch now, unless one is in flight. Returns the run number to wait for. */
export function pollNow(ctx: Ctx, id: string): number | null {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined || !ctx.s.started) return null;
  if (slot.inFlight !== null) return slot.inFlight;
  if (slot.dueAt !== null) setDue(ctx, id, null);
  const run = slot.runs + 1;
  const compare = BODY_ONLY_TYPES.has(slot.def.type);
  updateSlot(ctx, id, { inFlight: run, runs: run });
  ctx.effects.push({
    kind: 'fetch',
    sourceId: id,
    run,
    def: slot.def,
    memory: slot.memory,
    intervalMs: intervalFor(slot.def, slot.memory),
    sameBodyDigest: compare && slot.memory?.snapshot ? slot.bodyDigest : null,
    digestBody: compare,
  });
  return run;
}

/** At start: poll at once, or when a `Retry-After` from before ends. */
export function startSource(ctx: Ctx, id: string): void {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined) return;
  if (slot.retryAfterUntil !== null && ctx.now < slot.retryAfterUntil) setDue(ctx, id, slot.retryAfterUntil);
  else pollNow(ctx, id);
}

/** Stops a source: its fetch is aborted and its timer cleared; a late result is dropped. */
export function stopSource(ctx: Ctx, id: string): void {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined) return;
  if (slot.inFlight !== null) ctx.effects.push({ kind: 'abort', target: timerOf(id) });
  if (slot.dueAt !== null) schedule(ctx, timerOf(id), null);
  updateSlot(ctx, id, { inFlight: null, dueAt: null, pendingAuto: null, done: slot.runs });
}

/** After a failed run, an automatic refresh runs no sooner than 10 s after it, and not during Retry-After. */
function retrySoon(ctx: Ctx, id: string): void {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined || slot.lastRun === null || (slot.retryAfterUntil !== null && ctx.now < slot.retryAfterUntil)) return;
  const at = Math.max(ctx.now, slot.lastRun.finishedAt + REFRESH_COALESCE_MS);
  if (slot.dueAt === null || at < slot.dueAt) setDue(ctx, id, at);
}

/**
 * A refresh request for one source. A user request skips any backoff; automatic ones are merged
 * when the last run finished under 10 s ago. Nothing overrides `Retry-After`. Returns the run to
 * wait for, or null when nothing runs for this request.
 */
export function refreshSource(ctx: Ctx, id: string, reason: RefreshReason): number | null {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined || !ctx.s.started) return null;
  if (slot.retryAfterUntil !== null && ctx.now < slot.retryAfterUntil) return null;
  if (slot.inFlight !== null) {
    if (reason !== 'user') updateSlot(ctx, id, { pendingAuto: reason });
    return slot.inFlight;
  }
  if (reason !== 'user' && slot.lastRun !== null && ctx.now - slot.lastRun.finishedAt < REFRESH_COALESCE_MS) {
    if (!slot.lastRun.succeeded) retrySoon(ctx, id);
    return null;
  }
  return pollNow(ctx, id);
}

/** How an attempt went, as far as the schedule cares. */
function pollOutcomeOf(outcome: FetchOutcome): PollOutcome {
  if (outcome.result.error === null) {
    if (outcome.notModified) return { kind: 'not-modified' };
    return { kind: 'success', hasOpenIncident: (outcome.memory.snapshot?.incidents ?? []).some((i) => i.kind !== 'maintenance') };
  }
  return { kind: 'failure', retryAfterMs: outcome.failure?.kind === 'status' ? outcome.failure.retryAfterMs : null };
}

function outcomeOf(ctx: Ctx, slot: SourceSlot, result: FetchResult): FetchOutcome {
  if (result.ok) return result.outcome;
  const kept = slot.memory ?? { snapshot: null, fetchedAt: null, validators: null };
  // The thrown message is the runtime's own (English): quoted as a detail.
  const error = problem('source.problem.unexpected', { message: result.error });
  return { result: ageResult(slot.def, kept, error, ctx.now, intervalFor(slot.def, kept)), memory: kept, reachedServer: false, failure: null, notModified: false, bytes: 0 };
}

/** A fetch finished: remember it, plan the next poll, and rebuild the report when it brought something. */
export function onFetched(ctx: Ctx, id: string, run: number, result: FetchResult): void {
  const slot = ctx.s.sources.get(id);
  if (slot === undefined || slot.inFlight !== run || !ctx.s.started) return;
  const outcome = outcomeOf(ctx, slot, result);
  const poll = pollOutcomeOf(outcome);
  const decision = nextDelayMs(slot.poll, poll, ctx.random);
  const succeeded = poll.kind !== 'failure';
  const retryAfter = poll.kind === 'failure' ? effectiveRetryAfterMs(poll.retryAfterMs) : null;
  const fresh = outcome.result.error === null && !outcome.notModified;
  updateSlot(ctx, id, {
    memory: outcome.memory,
    outcome,
    bodyDigest: fresh && result.ok ? result.digest : slot.bodyDigest,
    poll: decision.state,
    inFlight: null,
    done: run,
    lastRun: { finishedAt: ctx.now, succeeded },
    retryAfterUntil: retryAfter === null ? null : ctx.now + retryAfter,
    pendingAuto: null,
  });
  setDue(ctx, id, ctx.now + decision.delayMs);
  // A network change during a run that then failed deserves another try soon, not a long backoff.
  if (slot.pendingAuto !== null && !succeeded) retrySoon(ctx, id);

  count(ctx, 'polls');
  const wasDone = ctx.s.initialDone;
  checkInitialRound(ctx);
  const work = pollWork({
    changed: !wasDone || poll.kind !== 'not-modified',
    awaitsPoll: ctx.s.hysteresis.pending !== null || notifyAwaitsPoll(ctx.s.notifyMemory),
    now: ctx.now,
    staleAt: ctx.s.staleTimerAt,
    publishedUpdatedAt: ctx.s.published?.updatedAt ? Date.parse(ctx.s.published.updatedAt) : null,
    newestFetchAt: newestFetch(ctx.s),
  });
  if (work === 'rebuild') evaluate(ctx, 'poll');
  else scheduleStaleness(ctx);
}
