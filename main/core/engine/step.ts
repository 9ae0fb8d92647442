/**
 * The engine as one pure function: `step(state, event) -> { state, effects }`. The clock reading
 * and the jitter roll come in with the event; timers, fetches, ladder runs, notifications, the
 * view and the cache go out as effects. Nothing here waits, reads a clock or touches a socket.
 */
import type { AppConfig } from '../settings/config.js';
import type { ClientPlatform } from '../advice/clients.js';
import { resolveWatchPlan } from '../settings/config.js';
import type { Settings } from '../contract.js';
import { INITIAL_HYSTERESIS } from './hysteresis.js';
import { INITIAL_NOTIFY_MEMORY } from '../notifications/notify.js';
import { EMPTY_ENGINE_MEMORY, type EngineMemory } from './memory.js';
import { muteUntil } from '../settings/settings.js';
import { buildReport } from '../check.js';
import { NO_CLIENTS, onClientsListed } from './clients-job.js';
import { closeCtx, openCtx, schedule, type Ctx } from './context.js';
import { CACHE_SAVE_THROTTLE_MS, currentOutcomes, evaluate, persistNow } from './evaluate.js';
import { onProbed, startJob } from './ladder-job.js';
import { REFRESH_COALESCE_MS, newSlot, onFetched, pollNow, refreshSource, startSource, stopSource } from './source-poll.js';
import type { EngineEvent, EngineState, RefreshReason, SourceSlot, StepResult, Waiter } from './types.js';
import { newestFetch, publishIfChanged, updatedAtOf } from './view.js';

/** The engine before `start`: nothing known, nothing scheduled. */
export function initialEngineState(settings: Settings, config: AppConfig, options: { readonly throttleMs?: number } = {}): EngineState {
  const plan = resolveWatchPlan(config);
  return {
    started: false,
    settings,
    config,
    plan,
    sources: new Map(plan.sources.map((def) => [def.id, newSlot(def, null)])),
    ladder: { inFlight: null, jobs: 0, jobsDone: 0, queuedFull: false, dueAt: null, plannedMode: 'full', lastFullAt: null, lastLightAt: null, last: null, previousSlow: false },
    clients: NO_CLIENTS,
    report: null,
    fromCache: false,
    initialDone: false,
    firstCycleDone: false,
    mutedUntil: null,
    hysteresis: INITIAL_HYSTERESIS,
    notifyMemory: INITIAL_NOTIFY_MEMORY,
    memory: EMPTY_ENGINE_MEMORY,
    lastRebuildAt: 0,
    staleTimerAt: null,
    persist: { dirty: false, lastSaveAt: null, dueAt: null },
    throttleMs: options.throttleMs ?? CACHE_SAVE_THROTTLE_MS,
    waiters: [],
    published: null,
    counters: { polls: 0, rebuilds: 0, full: 0, light: 0 },
  };
}

/** New settings: removed sources stop, a new address is a new source, a new interval keeps what we know. */
function syncSources(ctx: Ctx): void {
  const { s } = ctx;
  const wanted = new Map(s.plan.sources.map((def) => [def.id, def]));
  for (const [id, slot] of [...s.sources]) {
    const def = wanted.get(id);
    const sameData = def !== undefined && def.url === slot.def.url && def.type === slot.def.type;
    if (def !== undefined && sameData && def.pollIntervalSeconds === slot.def.pollIntervalSeconds) {
      s.sources.set(id, { ...slot, def });
      continue;
    }
    stopSource(ctx, id);
    s.sources.delete(id);
    if (def === undefined) continue;
    // Run numbers carry on, so a refresh waiting on the old poller's run is answered.
    s.sources.set(id, { ...newSlot(def, sameData ? slot : null), runs: slot.runs, done: slot.runs });
    if (s.started) pollNow(ctx, id);
  }
  for (const def of s.plan.sources) {
    if (s.sources.has(def.id)) continue;
    s.sources.set(def.id, newSlot(def, null));
    if (s.started) pollNow(ctx, def.id);
  }
}

/** Answers every waiter whose runs are done (a removed source or a stopped engine counts as done). */
function settleWaiters(ctx: Ctx): void {
  const { s } = ctx;
  if (s.waiters.length === 0) return;
  const isDone = (w: Waiter): boolean => {
    if (!s.started) return true;
    if (w.ladderJob !== null && s.ladder.jobsDone < w.ladderJob) return false;
    return Object.entries(w.sources).every(([id, run]) => {
      const slot: SourceSlot | undefined = s.sources.get(id);
      return slot === undefined || slot.done >= run;
    });
  };
  const done = s.waiters.filter(isDone);
  if (done.length === 0) return;
  s.waiters = s.waiters.filter((w) => !isDone(w));
  publishIfChanged(ctx);
  for (const w of done) ctx.effects.push({ kind: 'settled', waiter: w.id });
}

function refresh(ctx: Ctx, reason: RefreshReason, id: number): void {
  const { s, now } = ctx;
  if (!s.started) {
    ctx.effects.push({ kind: 'settled', waiter: id });
    return;
  }
  const sources: Record<string, number> = {};
  for (const sourceId of [...s.sources.keys()]) {
    const run = refreshSource(ctx, sourceId, reason);
    if (run !== null) sources[sourceId] = run;
  }
  const recent = s.ladder.lastFullAt !== null && now - s.ladder.lastFullAt < REFRESH_COALESCE_MS;
  const ladderJob = reason === 'user' || !recent || s.ladder.inFlight !== null ? startJob(ctx, 'full') : null;
  s.waiters = [...s.waiters, { id, sources, ladderJob }];
  publishIfChanged(ctx);
}

/** Diagnostics: a fresh full run; one already in flight may predate the request, so it follows that one. */
function diagnose(ctx: Ctx, id: number): void {
  const { s } = ctx;
  if (!s.started) {
    ctx.effects.push({ kind: 'settled', waiter: id });
    return;
  }
  let job: number;
  if (s.ladder.inFlight !== null) {
    s.ladder = { ...s.ladder, queuedFull: true };
    job = s.ladder.jobs + 1;
  } else {
    job = startJob(ctx, 'full');
  }
  s.waiters = [...s.waiters, { id, sources: {}, ladderJob: job }];
  publishIfChanged(ctx);
}

function start(ctx: Ctx, cached: EngineState['report'], clientPlatform: ClientPlatform | null, memory: EngineMemory | null): void {
  const { s } = ctx;
  if (s.started) return;
  s.clients = { ...s.clients, platform: clientPlatform };
  // Only a fresh engine takes the saved memory: one that ran already knows better.
  if (memory !== null && s.memory === EMPTY_ENGINE_MEMORY) s.memory = memory;
  if (cached !== null && s.report === null) {
    s.report = cached;
    s.fromCache = true;
  }
  s.started = true;
  publishIfChanged(ctx);
  for (const id of [...s.sources.keys()]) startSource(ctx, id);
  startJob(ctx, 'full');
}

/** Stops everything; polls that only confirmed unchanged data get their fresher times saved. */
function stop(ctx: Ctx): void {
  const { s, now } = ctx;
  if (!s.started) return;
  for (const id of [...s.sources.keys()]) stopSource(ctx, id);
  ctx.effects.push({ kind: 'abort', target: 'all' });
  for (const timer of ['ladder', 'persist', 'mute', 'stale'] as const) schedule(ctx, timer, null);
  s.ladder = { ...s.ladder, inFlight: null, dueAt: null, queuedFull: false, jobsDone: s.ladder.jobs };
  s.persist = { ...s.persist, dueAt: null };
  s.staleTimerAt = null;
  // The interpreter drops a listing still running (abort all): nothing will answer it.
  s.clients = { ...s.clients, inFlight: false };
  if (s.report !== null && !s.fromCache && s.initialDone) {
    const newest = newestFetch(s);
    const shown = updatedAtOf(s.report);
    if (newest !== null && (shown === null || Date.parse(shown) < newest)) {
      s.report = buildReport(s.plan, currentOutcomes(ctx), s.ladder.last, now, s.hysteresis.shown ?? s.report.verdict, s.clients.running);
      s.persist = { ...s.persist, dirty: true };
    }
  }
  persistNow(ctx);
  s.started = false;
}

function tick(ctx: Ctx, timer: EngineEvent & { kind: 'tick' }): void {
  const { s } = ctx;
  if (!s.started) return;
  const key = timer.timer;
  if (key.startsWith('source:')) {
    const id = key.slice('source:'.length);
    const slot = s.sources.get(id);
    // The interpreter keeps one timer per key, so a tick is always the latest one set.
    if (slot === undefined || slot.dueAt === null) return;
    s.sources.set(id, { ...slot, dueAt: null });
    pollNow(ctx, id);
    return;
  }
  switch (key) {
    case 'ladder':
      if (s.ladder.dueAt === null) return;
      s.ladder = { ...s.ladder, dueAt: null };
      startJob(ctx, s.ladder.plannedMode);
      return;
    case 'persist':
      s.persist = { ...s.persist, dueAt: null };
      persistNow(ctx);
      return;
    case 'stale':
      s.staleTimerAt = null;
      evaluate(ctx, 'poll');
      return;
    case 'mute':
      publishIfChanged(ctx);
      return;
    default:
      return;
  }
}

/** One event in, the next state and the effects to carry out. */
export function step(state: EngineState, event: EngineEvent): StepResult {
  const ctx = openCtx(state, event.now, event.random);
  const { s } = ctx;
  switch (event.kind) {
    case 'start':
      start(ctx, event.cached, event.clientPlatform ?? null, event.memory ?? null);
      break;
    case 'stop':
      stop(ctx);
      break;
    case 'tick':
      tick(ctx, event);
      break;
    case 'fetched':
      onFetched(ctx, event.sourceId, event.run, event.result);
      break;
    case 'probed':
      onProbed(ctx, event.mode, event.job, event.result);
      break;
    case 'settings':
      s.settings = event.settings;
      s.config = event.config;
      s.plan = resolveWatchPlan(event.config);
      syncSources(ctx);
      evaluate(ctx, 'poll');
      publishIfChanged(ctx);
      break;
    case 'refresh':
      refresh(ctx, event.reason, event.waiter);
      break;
    case 'diagnose':
      diagnose(ctx, event.waiter);
      break;
    case 'clients-listed':
      // A listing that ends after `stop` was asked for by the engine before it: dropped.
      if (!s.started || !s.clients.inFlight) break;
      onClientsListed(ctx, currentOutcomes(ctx), event.processes);
      evaluate(ctx, 'poll');
      break;
    case 'mute': {
      const until = muteUntil(event.preset, new Date(event.now));
      s.mutedUntil = until === null ? null : until.toISOString();
      schedule(ctx, 'mute', until !== null && s.started ? until.getTime() : null);
      publishIfChanged(ctx);
      break;
    }
    default:
      break;
  }
  settleWaiters(ctx);
  return { state: closeCtx(ctx), effects: ctx.effects };
}
