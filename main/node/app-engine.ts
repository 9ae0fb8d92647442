/**
 * The desktop engine the Electron shell drives: one poller per status source, the connectivity
 * ladder on its own cadence, the verdict with hysteresis, notifications, and the last known
 * state on disk. No Electron here: the shell injects HTTP, timers, the ladder and the cache, so
 * the whole engine runs in plain Node against loopback servers in tests.
 *
 * How the pieces meet:
 * - Each source polls on the schedule rules (createPoller) and keeps its SourceMemory for
 *   conditional requests and staleness. A poll that brought new data rebuilds the report; a 304
 *   or a body identical to the last one only notes the fresher fetch time (pollWork in
 *   core/engine-cadence.ts says when even such a poll must rebuild).
 * - The ladder's cadence, and whether a run is the full ladder or the light sentinel (link and
 *   captive-portal checks only), is decided by core/engine-cadence.ts; refresh and diagnostics
 *   run the full ladder at once. Each full run is one step of the verdict hysteresis. A poll
 *   between runs refreshes a verdict of the same kind, and may propose a new kind; a provider
 *   incident (a posted incident is proof) shows at once, any other kind waits for the next full
 *   run, pulled forward to at most 60 s. So one glitchy ladder run is never confirmed by a mere
 *   status poll that repeats its evidence.
 * - On start the cached report shows at once (fromCache). The live report replaces it when every
 *   source has answered once and the first ladder run finished, so a half-checked state never
 *   replaces a complete saved one.
 * - Listeners hear about a change only when the view differs from the last one they heard
 *   (compared field by field, the report by identity: it is rebuilt only when something changed).
 * - Memory stays bounded: state is per current source and per watched service, never a history.
 */
import { createHash } from 'node:crypto';
import { buildReport, intervalFor, statusSignals, type CheckReport } from '../core/check.js';
import type { SourceDef } from '../core/catalog.js';
import { resolveWatchPlan, type AppConfig, type WatchPlan } from '../core/config.js';
import type { LadderResult, Verdict } from '../core/connectivity-model.js';
import type { LinkTarget, MutePreset, Settings, ViewState } from '../core/contract.js';
import { helpdeskReport as renderHelpdeskReport } from '../core/helpdesk-report.js';
import { applyHysteresis, INITIAL_HYSTERESIS, type HysteresisState } from '../core/hysteresis.js';
import { slowSteps } from '../core/ladder-facts.js';
import { CONFIRMATION_DELAY_MS, earliestStaleAt, ladderClimate, nextLadderRun, pollWork, sentinelChange, viewDiffers, type LadderMode } from '../core/engine-cadence.js';
import { decideNotifications, INITIAL_NOTIFY_MEMORY, notifyAwaitsPoll, type NotificationSpec, type NotifyMemory } from '../core/notify.js';
import type { Clock, Http, HttpResult } from '../core/ports.js';
import { muteUntil, settingsToAppConfig } from '../core/settings.js';
import { ageResult, fetchSource, type FetchOutcome, type SourceMemory } from '../core/source-fetch.js';
import { checkSourceUrl } from '../core/url-rules.js';
import { decideVerdict } from '../core/verdict.js';
import { createPoller, REFRESH_COALESCE_MS, type PollTaskResult, type Poller, type RefreshReason, type Timers } from './poller.js';

/** The cache is written at most this often; the latest report is written when the window ends. */
export const CACHE_SAVE_THROTTLE_MS = 30_000;

export interface LadderRequest {
  /** The watched service ids, for the default probe targets. */
  readonly serviceIds: string[];
  /** The effective config: tenant name and connectivity overrides live here. */
  readonly config: AppConfig;
  /**
   * `full` (default): every step to every target. `light`: the link state and the captive-portal
   * checks only (no targets), the cheap sentinel between full runs.
   */
  readonly mode?: LadderMode;
  /** Aborted when the engine stops or the run is no longer wanted. */
  readonly signal?: AbortSignal;
}

export interface AppEngineDeps {
  readonly http: Http;
  readonly clock: Clock;
  readonly timers?: Timers;
  /** A roll in [0, 1) for poll jitter. */
  readonly random?: () => number;
  /** One run of the connectivity ladder (the shell wraps main/node/probes/ladder.ts with its proxy resolver). */
  readonly runLadder: (input: LadderRequest) => Promise<LadderResult>;
  readonly cache: { load(): Promise<CheckReport | null>; save(report: CheckReport): Promise<void> };
  readonly settings: Settings;
  readonly appVersion: string;
  readonly platform: string;
  /** Settings (plus whatever policy adds) to the engine's config; default `settingsToAppConfig`. */
  readonly configFor?: (settings: Settings) => AppConfig;
  readonly cacheThrottleMs?: number;
  /** Unexpected errors (a throwing listener, a failed cache write); default console.warn. */
  readonly onError?: (error: unknown) => void;
}

/** Sizes of everything the engine holds, for the footprint test and the benchmark. */
export interface EngineStats {
  readonly sources: number;
  readonly runningPolls: number;
  readonly waiters: number;
  readonly timers: number;
  readonly changeListeners: number;
  readonly notifyListeners: number;
  readonly notifyServices: number;
  readonly notifyTold: number;
  /** Length of the last emitted view as JSON: grows only with the data shown. */
  readonly viewJsonLength: number;
  /** Finished polls, and how many of them rebuilt the report (the rest confirmed unchanged data). */
  readonly polls: number;
  readonly rebuilds: number;
  /** Ladder runs by form. */
  readonly fullLadderRuns: number;
  readonly lightLadderRuns: number;
}

export interface AppEngine {
  /** Shows the cached report at once (fromCache), then starts polling and the first ladder run. */
  start(): Promise<void>;
  /** Stops every poller and timer, aborts work in flight, and writes the latest report to the cache. */
  stop(): Promise<void>;
  view(): ViewState;
  /** Called with the new view whenever it changed. Returns an unsubscribe function. */
  onChange(listener: (view: ViewState) => void): () => void;
  /** Called for each notification to show. Returns an unsubscribe function. */
  onNotify(listener: (notification: NotificationSpec) => void): () => void;
  /**
   * Fetches every source and runs the ladder now, within the poll rules (Retry-After is honoured;
   * automatic reasons are merged when the last run ended under 10 s ago). Resolves when done.
   */
  refreshNow(reason: RefreshReason): Promise<ViewState>;
  /** Runs the connectivity ladder now; resolves with the view that includes it. */
  runDiagnostics(): Promise<ViewState>;
  mute(preset: MutePreset): ViewState;
  /** Takes new settings: rebuilds the watch plan; pollers of removed sources stop, new ones start. */
  applySettings(settings: Settings): void;
  /** The settings in force. */
  settings(): Settings;
  /** The URL for a named link, or null; only https (or loopback http) URLs from the current state. */
  findLink(target: LinkTarget): string | null;
  /** The ticket-ready text report of the current view. */
  helpdeskReport(): string;
  /** Resolves when no poll, ladder run or cache write is in flight (for tests and benchmarks). */
  whenIdle(): Promise<void>;
  stats(): EngineStats;
}

interface SourceEntry {
  def: SourceDef;
  readonly poller: Poller;
  memory: SourceMemory | null;
  outcome: FetchOutcome | null;
  /** Resolved when the run in flight finishes; emptied every time. */
  waiters: (() => void)[];
  /** False once removed: a late result of a removed source is dropped. */
  alive: boolean;
  /** Digest of the last body that parsed; an identical body is then handled like a 304. */
  bodyDigest: string | null;
}

interface TimerSlot {
  readonly handle: unknown;
  readonly at: number;
}

const DEFAULT_TIMERS: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Types whose parse depends on the body alone (the org feed's also on the clock: it expires). */
const BODY_ONLY_TYPES: ReadonlySet<string> = new Set(['statuspage', 'microsoft-public']);

function digestOf(body: string): string {
  return createHash('sha1').update(body).digest('base64');
}

function taskResult(outcome: FetchOutcome): PollTaskResult<FetchOutcome> {
  if (outcome.result.error === null) {
    if (outcome.notModified) return { kind: 'not-modified' };
    const hasOpenIncident = (outcome.memory.snapshot?.incidents ?? []).some((i) => i.kind !== 'maintenance');
    return { kind: 'success', hasOpenIncident };
  }
  const retryAfterMs = outcome.failure?.kind === 'status' ? outcome.failure.retryAfterMs : null;
  return { kind: 'failure', retryAfterMs };
}

/** The newest successful fetch among the sources: "updated 2 min ago". */
function updatedAtOf(report: CheckReport | null): string | null {
  if (report === null) return null;
  if (report.sources.length === 0) return report.checkedAt;
  let best: number | null = null;
  for (const source of report.sources) {
    const at = source.fetchedAt === null ? Number.NaN : Date.parse(source.fetchedAt);
    if (Number.isFinite(at) && (best === null || at > best)) best = at;
  }
  return best === null ? null : new Date(best).toISOString();
}

/** A status page a person can open, for a source: its own page link, else the page the URL belongs to. */
function pageUrlOf(def: Pick<SourceDef, 'type' | 'url'>, memory: SourceMemory | null): string | null {
  const own = memory?.snapshot?.pageUrl;
  if (own) return own;
  try {
    const url = new URL(def.url);
    switch (def.type) {
      case 'statuspage':
        url.pathname = url.pathname.replace(/\/api\/v2\/[^/]*\.json$/, '/');
        url.search = '';
        return url.href;
      case 'microsoft-public':
        return `${url.origin}/`;
      case 'org-feed':
        // The feed itself is JSON; only its publisher link (from memory) is a page.
        return null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

export function createAppEngine(deps: AppEngineDeps): AppEngine {
  const { http, clock } = deps;
  const timers = deps.timers ?? DEFAULT_TIMERS;
  const random = deps.random ?? Math.random;
  const configFor = deps.configFor ?? settingsToAppConfig;
  const throttleMs = deps.cacheThrottleMs ?? CACHE_SAVE_THROTTLE_MS;
  const onError = deps.onError ?? ((error: unknown) => console.warn('outage-radar engine:', error));

  let settings = deps.settings;
  let config = configFor(settings);
  let plan = resolveWatchPlan(config);
  const entries = new Map<string, SourceEntry>();

  let started = false;
  let starting: Promise<void> | null = null;
  // Bumped by stop(): work that finishes afterwards belongs to an old generation and is dropped.
  let generation = 0;

  let report: CheckReport | null = null;
  let fromCache = false;
  let initialDone = false;
  let firstCycleDone = false;
  let explicitRefreshes = 0;
  let mutedUntil: string | null = null;

  let hysteresis: HysteresisState = INITIAL_HYSTERESIS;
  let lastLadder: LadderResult | null = null;
  let previousSlow = false;
  let notifyMemory: NotifyMemory = INITIAL_NOTIFY_MEMORY;

  let cycleTimer: TimerSlot | null = null;
  let cycleInFlight: Promise<void> | null = null;
  let cycleController: AbortController | null = null;
  /** When the last full ladder run ended. */
  let lastCycleEnd: number | null = null;
  let lastLightEnd: number | null = null;
  /** When the report was last rebuilt (staleness after it needs another rebuild). */
  let lastRebuildAt = 0;
  const counters = { polls: 0, rebuilds: 0, full: 0, light: 0 };

  let saveTimer: TimerSlot | null = null;
  let lastSaveAt: number | null = null;
  let dirty = false;
  let saving: Promise<void> | null = null;
  let muteTimer: TimerSlot | null = null;

  const changeListeners = new Set<(view: ViewState) => void>();
  const notifyListeners = new Set<(n: NotificationSpec) => void>();
  let published: ViewState | null = null;

  // ---------------------------------------------------------------- timers

  const setTimer = (delayMs: number, callback: () => void): TimerSlot => {
    const handle = timers.setTimeout(callback, Math.max(0, delayMs));
    // The app must be able to quit while something is merely scheduled.
    if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') handle.unref();
    return { handle, at: clock.now() + Math.max(0, delayMs) };
  };
  const clear = (slot: TimerSlot | null): null => {
    if (slot !== null) timers.clearTimeout(slot.handle);
    return null;
  };

  // ---------------------------------------------------------------- view

  const currentMute = (now: number): string | null => (mutedUntil !== null && Date.parse(mutedUntil) > now ? mutedUntil : null);

  /** The newest successful fetch among the current sources, including 304s not yet in the report. */
  const newestFetch = (): number | null => {
    let newest: number | null = null;
    for (const entry of entries.values()) {
      const at = entry.memory?.fetchedAt ?? null;
      if (at !== null && (newest === null || at > newest)) newest = at;
    }
    return newest;
  };

  // A poll that confirmed unchanged data does not rebuild the report, but "updated N min ago" must
  // still say when we last heard from the sources: the view reads that time live.
  const updatedAtNow = (): string | null => {
    if (report === null || fromCache || report.sources.length === 0) return updatedAtOf(report);
    const newest = newestFetch();
    const shown = updatedAtOf(report);
    if (newest === null) return shown;
    return shown !== null && Date.parse(shown) >= newest ? shown : new Date(newest).toISOString();
  };

  const view = (): ViewState => ({
    report,
    fromCache,
    refreshing: (started && !initialDone) || explicitRefreshes > 0,
    mutedUntil: currentMute(clock.now()),
    tray: report?.tray ?? 'unknown',
    overall: report?.overall ?? 'unknown',
    updatedAt: updatedAtNow(),
  });

  const emitIfChanged = (): void => {
    const next = view();
    if (!viewDiffers(published, next)) return;
    published = next;
    for (const listener of [...changeListeners]) {
      try {
        listener(next);
      } catch (error) {
        onError(error);
      }
    }
  };

  // ---------------------------------------------------------------- cache

  const saveNow = async (): Promise<void> => {
    if (!dirty || report === null || fromCache) return;
    dirty = false;
    lastSaveAt = clock.now();
    const pending = deps.cache.save(report).catch(onError);
    saving = pending;
    await pending;
    if (saving === pending) saving = null;
  };

  const scheduleSave = (): void => {
    dirty = true;
    if (saveTimer !== null || !started) return;
    const now = clock.now();
    const due = lastSaveAt === null ? now : lastSaveAt + throttleMs;
    if (due <= now) {
      void saveNow();
      return;
    }
    saveTimer = setTimer(due - now, () => {
      saveTimer = null;
      void saveNow();
    });
  };

  // ---------------------------------------------------------------- evaluation

  const currentOutcomes = (now: number): Map<string, FetchOutcome> => {
    const outcomes = new Map<string, FetchOutcome>();
    for (const entry of entries.values()) {
      const outcome = entry.outcome;
      if (outcome === null) continue;
      // Re-aged at every rebuild, so a source that stopped answering turns unknown in time;
      // `checkedAt` stays the time of the last attempt.
      const aged = ageResult(entry.def, outcome.memory, outcome.result.error, now, intervalFor(entry.def, outcome.memory));
      outcomes.set(entry.def.id, { ...outcome, result: { ...aged, checkedAt: outcome.result.checkedAt } });
    }
    return outcomes;
  };

  const checkInitialRound = (): void => {
    if (initialDone || !firstCycleDone) return;
    for (const entry of entries.values()) if (entry.outcome === null) return;
    initialDone = true;
  };

  const notify = (now: number): void => {
    if (report === null) return;
    const decision = decideNotifications(notifyMemory, { report, mutedUntil: currentMute(now) }, settings, now);
    notifyMemory = decision.memory;
    for (const notification of decision.notifications) {
      for (const listener of [...notifyListeners]) {
        try {
          listener(notification);
        } catch (error) {
          onError(error);
        }
      }
    }
  };

  /** A full run within a minute (the confirming run); a light run due sooner is replaced by it. */
  const pullCycleForward = (): void => {
    if (cycleInFlight !== null || !started) return;
    const due = clock.now() + CONFIRMATION_DELAY_MS;
    if (cycleTimer !== null && cycleTimer.at <= due && cycleMode === 'full') return;
    cycleTimer = clear(cycleTimer);
    cycleMode = 'full';
    cycleTimer = setTimer(CONFIRMATION_DELAY_MS, () => {
      cycleTimer = null;
      void runCycle();
    });
  };

  /** A ladder run is one hysteresis step; a poll only refreshes the shown kind or proposes a new one. */
  const evaluate = (trigger: 'cycle' | 'poll'): void => {
    if (!started || !initialDone) return;
    const now = clock.now();
    const outcomes = currentOutcomes(now);
    const raw: Verdict = decideVerdict({ statuses: statusSignals(plan, outcomes), ladder: lastLadder, previousSlow, services: plan.services });
    const shownKind = hysteresis.shown?.kind ?? null;
    if (trigger === 'cycle' || shownKind === null || raw.kind === shownKind || hysteresis.pending === null) {
      hysteresis = applyHysteresis(hysteresis, raw).state;
    }
    report = buildReport(plan, outcomes, lastLadder, now, hysteresis.shown ?? raw);
    fromCache = false;
    lastRebuildAt = now;
    counters.rebuilds += 1;
    notify(now);
    scheduleSave();
    if (trigger === 'poll' && hysteresis.pending !== null) pullCycleForward();
    emitIfChanged();
  };

  // ---------------------------------------------------------------- ladder cycle

  let cycleMode: LadderMode = 'full';

  const scheduleCycle = (): void => {
    cycleTimer = clear(cycleTimer);
    if (!started) return;
    const now = clock.now();
    const climate = ladderClimate({ tray: report?.tray ?? null, shownKind: hysteresis.shown?.kind ?? null, pendingConfirmation: hysteresis.pending !== null });
    const next = nextLadderRun({ climate, now, lastFullAt: lastCycleEnd, lastLightAt: lastLightEnd });
    cycleMode = next.mode;
    cycleTimer = setTimer(next.at - now, () => {
      cycleTimer = null;
      void (next.mode === 'full' ? runCycle() : runSentinel());
    });
  };

  const probesOn = (): boolean => config.connectivity?.enabled !== false;

  /** One full run: a hysteresis step, the report rebuilt, the next run scheduled. */
  const fullRun = async (controller: AbortController, myGeneration: number): Promise<void> => {
    let ladder: LadderResult | null = null;
    if (probesOn()) {
      try {
        ladder = await deps.runLadder({ serviceIds: plan.services.map((s) => s.id), config, mode: 'full', signal: controller.signal });
      } catch (error) {
        onError(error);
      }
    }
    if (myGeneration !== generation) return;
    counters.full += 1;
    // slow-network needs two slow runs in a row: remember whether the run before this one was slow.
    previousSlow = lastLadder !== null && slowSteps(lastLadder).length > 0;
    lastLadder = ladder;
    lastCycleEnd = clock.now();
    firstCycleDone = true;
    checkInitialRound();
    evaluate('cycle');
    scheduleCycle();
  };

  /** Runs `work` as the one ladder job in flight; a second request while it runs joins it. */
  const ladderJob = (work: (controller: AbortController, myGeneration: number) => Promise<void>): Promise<void> => {
    if (!started) return Promise.resolve();
    if (cycleInFlight !== null) return cycleInFlight;
    cycleTimer = clear(cycleTimer);
    const myGeneration = generation;
    const controller = new AbortController();
    cycleController = controller;
    const run = work(controller, myGeneration).finally(() => {
      if (cycleController === controller) {
        cycleController = null;
        cycleInFlight = null;
      }
    });
    cycleInFlight = run;
    return run;
  };

  const runCycle = (): Promise<void> => ladderJob(fullRun);

  /**
   * The light run: link and captive-portal checks only. It never feeds the verdict itself; when it
   * sees something the last full run did not, the full ladder runs at once and decides.
   */
  const runSentinel = (): Promise<void> =>
    ladderJob(async (controller, myGeneration) => {
      if (!probesOn() || lastLadder === null) {
        await fullRun(controller, myGeneration);
        return;
      }
      let light: LadderResult | null = null;
      try {
        light = await deps.runLadder({ serviceIds: plan.services.map((s) => s.id), config, mode: 'light', signal: controller.signal });
      } catch (error) {
        onError(error);
      }
      if (myGeneration !== generation) return;
      counters.light += 1;
      lastLightEnd = clock.now();
      const change = light === null ? 'the light run failed' : sentinelChange(light, lastLadder);
      if (change !== null && started) await fullRun(controller, myGeneration);
      else scheduleCycle();
    });

  // ---------------------------------------------------------------- sources

  /** The first moment after the last rebuild at which a shown source turns stale. */
  const staleMoment = (): number | null => {
    const shown: { fetchedAt: number | null; intervalMs: number }[] = [];
    for (const entry of entries.values()) shown.push({ fetchedAt: entry.memory?.fetchedAt ?? null, intervalMs: intervalFor(entry.def, entry.memory) });
    return earliestStaleAt(shown, lastRebuildAt);
  };

  const flushWaiters = (entry: SourceEntry): void => {
    const waiters = entry.waiters;
    entry.waiters = [];
    for (const resolve of waiters) resolve();
  };

  const waitFor = (entry: SourceEntry): Promise<void> => new Promise((resolve) => entry.waiters.push(resolve));

  const createEntry = (def: SourceDef, carried: Pick<SourceEntry, 'memory' | 'outcome' | 'bodyDigest'> | null): SourceEntry => {
    const entry: SourceEntry = {
      def,
      memory: carried?.memory ?? null,
      outcome: carried?.outcome ?? null,
      waiters: [],
      alive: true,
      bodyDigest: carried?.bodyDigest ?? null,
      poller: createPoller<FetchOutcome>({
        type: def.type,
        configuredSeconds: def.pollIntervalSeconds,
        clock,
        timers,
        random,
        task: async (signal) => {
          const current = entry.def;
          const memory = entry.memory;
          const intervalMs = intervalFor(current, memory);
          // A body identical to the last one that parsed is answered as a 304: nothing to parse or rebuild.
          let seenDigest: string | null = null;
          const sourceHttp: Http = {
            get: async (request) => {
              const response = await http.get(request);
              if (!response.ok || response.notModified || !BODY_ONLY_TYPES.has(current.type)) return response;
              seenDigest = digestOf(response.body);
              if (seenDigest !== entry.bodyDigest || !memory?.snapshot) return response;
              const same: HttpResult = { ok: true, notModified: true, status: 304, validators: response.validators, bytes: response.bytes };
              return same;
            },
          };
          let outcome: FetchOutcome;
          try {
            outcome = await fetchSource(current, { http: sourceHttp, clock }, memory, intervalMs, signal);
          } catch (error) {
            const kept = memory ?? { snapshot: null, fetchedAt: null, validators: null };
            const message = `the check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
            outcome = { result: ageResult(current, kept, message, clock.now(), intervalMs), memory: kept, reachedServer: false, failure: null, notModified: false, bytes: 0 };
          }
          if (entry.alive) {
            entry.memory = outcome.memory;
            entry.outcome = outcome;
            if (outcome.result.error === null && !outcome.notModified) entry.bodyDigest = seenDigest;
          }
          return taskResult(outcome);
        },
        onResult: (finished) => {
          try {
            if (!entry.alive) return;
            counters.polls += 1;
            const wasDone = initialDone;
            checkInitialRound();
            const now = clock.now();
            const work = pollWork({
              changed: !wasDone || finished.outcome.kind !== 'not-modified',
              awaitsPoll: hysteresis.pending !== null || notifyAwaitsPoll(notifyMemory),
              now,
              staleAt: staleMoment(),
              publishedUpdatedAt: published?.updatedAt ? Date.parse(published.updatedAt) : null,
              newestFetchAt: newestFetch(),
            });
            if (work === 'rebuild') evaluate('poll');
          } finally {
            flushWaiters(entry);
          }
        },
        onError,
      }),
    };
    return entry;
  };

  const removeEntry = (entry: SourceEntry): void => {
    entry.alive = false;
    entry.poller.stop();
    flushWaiters(entry);
  };

  const syncSources = (): void => {
    const wanted = new Map(plan.sources.map((def) => [def.id, def]));
    for (const [id, entry] of entries) {
      const def = wanted.get(id);
      if (def === undefined) {
        removeEntry(entry);
        entries.delete(id);
        continue;
      }
      const sameData = def.url === entry.def.url && def.type === entry.def.type;
      if (sameData && def.pollIntervalSeconds === entry.def.pollIntervalSeconds) {
        entry.def = def;
        continue;
      }
      // A new address is a new source; a new interval needs a new poller but keeps what we know.
      removeEntry(entry);
      const fresh = createEntry(def, sameData ? { memory: entry.memory, outcome: entry.outcome, bodyDigest: entry.bodyDigest } : null);
      entries.set(id, fresh);
      if (started) fresh.poller.start();
    }
    for (const def of plan.sources) {
      if (entries.has(def.id)) continue;
      const fresh = createEntry(def, null);
      entries.set(def.id, fresh);
      if (started) fresh.poller.start();
    }
  };

  syncSources();

  // ---------------------------------------------------------------- links

  const safeLink = (url: string | null | undefined): string | null => {
    if (typeof url !== 'string' || url === '') return null;
    const checked = checkSourceUrl(url);
    return checked.ok ? checked.url.href : null;
  };

  const findLink = (target: LinkTarget): string | null => {
    if (report === null || typeof target !== 'object' || target === null) return null;
    const sourceOf = (id: unknown) => report?.sources.find((s) => s.id === id);
    switch (target.kind) {
      case 'incident': {
        const source = sourceOf(target.sourceId);
        const incident = source?.incidents.find((i) => i.id === target.incidentId) ?? source?.upcoming.find((i) => i.id === target.incidentId);
        return safeLink(incident?.url);
      }
      case 'source': {
        const source = sourceOf(target.sourceId);
        if (!source) return null;
        return safeLink(pageUrlOf(source, entries.get(source.id)?.memory ?? null));
      }
      case 'message': {
        const message = sourceOf(target.sourceId)?.messages.find((m) => m.id === target.messageId);
        return safeLink(message?.url);
      }
      case 'helpdesk': {
        const feed = report.sources.find((s) => s.type === 'org-feed');
        const page = feed ? pageUrlOf(feed, entries.get(feed.id)?.memory ?? null) : null;
        return safeLink(page) ?? safeLink(report.messages.find((m) => safeLink(m.url) !== null)?.url);
      }
      default:
        return null;
    }
  };

  // ---------------------------------------------------------------- the engine

  const engine: AppEngine = {
    start() {
      if (started) return Promise.resolve();
      starting ??= (async () => {
        const cached = await deps.cache.load().catch((error: unknown) => {
          onError(error);
          return null;
        });
        if (cached !== null && report === null) {
          report = cached;
          fromCache = true;
        }
        started = true;
        emitIfChanged();
        for (const entry of entries.values()) entry.poller.start();
        void runCycle();
      })().finally(() => {
        starting = null;
      });
      return starting;
    },

    async stop() {
      if (starting !== null) await starting;
      if (!started) return;
      started = false;
      generation += 1;
      for (const entry of entries.values()) {
        entry.poller.stop();
        flushWaiters(entry);
      }
      cycleTimer = clear(cycleTimer);
      saveTimer = clear(saveTimer);
      muteTimer = clear(muteTimer);
      const controller = cycleController;
      cycleController = null;
      cycleInFlight = null;
      controller?.abort();
      // Polls that only confirmed unchanged data did not rebuild the report: save their fresher times.
      if (report !== null && !fromCache && initialDone) {
        const newest = newestFetch();
        const shown = updatedAtOf(report);
        if (newest !== null && (shown === null || Date.parse(shown) < newest)) {
          const now = clock.now();
          report = buildReport(plan, currentOutcomes(now), lastLadder, now, hysteresis.shown ?? report.verdict);
          dirty = true;
        }
      }
      if (dirty && !fromCache) await saveNow();
      else if (saving !== null) await saving;
    },

    view,

    onChange(listener) {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },

    onNotify(listener) {
      notifyListeners.add(listener);
      return () => void notifyListeners.delete(listener);
    },

    async refreshNow(reason) {
      if (!started) return view();
      explicitRefreshes += 1;
      emitIfChanged();
      try {
        const waits: Promise<void>[] = [];
        for (const entry of entries.values()) {
          entry.poller.refreshNow(reason);
          if (entry.poller.isRunning()) waits.push(waitFor(entry));
        }
        const recent = lastCycleEnd !== null && clock.now() - lastCycleEnd < REFRESH_COALESCE_MS;
        if (reason === 'user' || !recent || cycleInFlight !== null) waits.push(runCycle());
        await Promise.all(waits);
      } finally {
        explicitRefreshes -= 1;
      }
      emitIfChanged();
      return view();
    },

    async runDiagnostics() {
      if (!started) return view();
      explicitRefreshes += 1;
      emitIfChanged();
      try {
        // A run already in flight may have started before the person asked: run a fresh one after it.
        if (cycleInFlight !== null) await cycleInFlight;
        await runCycle();
      } finally {
        explicitRefreshes -= 1;
      }
      emitIfChanged();
      return view();
    },

    mute(preset) {
      const now = clock.now();
      const until = muteUntil(preset, new Date(now));
      mutedUntil = until === null ? null : until.toISOString();
      muteTimer = clear(muteTimer);
      if (until !== null && started) {
        muteTimer = setTimer(until.getTime() - now, () => {
          muteTimer = null;
          emitIfChanged();
        });
      }
      emitIfChanged();
      return view();
    },

    applySettings(next) {
      settings = next;
      config = configFor(next);
      plan = resolveWatchPlan(config);
      syncSources();
      evaluate('poll');
      emitIfChanged();
    },

    settings: () => settings,

    findLink,

    helpdeskReport() {
      return renderHelpdeskReport(view(), { appVersion: deps.appVersion, platform: deps.platform, now: clock.now() });
    },

    async whenIdle() {
      // Work finishing may start other work (a poll result schedules a save): loop until quiet.
      for (let round = 0; round < 1000; round++) {
        const waits: Promise<void>[] = [];
        for (const entry of entries.values()) if (entry.poller.isRunning()) waits.push(waitFor(entry));
        if (cycleInFlight !== null) waits.push(cycleInFlight.catch(() => undefined));
        if (saving !== null) waits.push(saving);
        if (waits.length === 0) return;
        await Promise.all(waits);
      }
    },

    stats() {
      let running = 0;
      let waiters = 0;
      for (const entry of entries.values()) {
        if (entry.poller.isRunning()) running += 1;
        waiters += entry.waiters.length;
      }
      return {
        sources: entries.size,
        runningPolls: running,
        waiters,
        timers: [cycleTimer, saveTimer, muteTimer].filter((t) => t !== null).length,
        changeListeners: changeListeners.size,
        notifyListeners: notifyListeners.size,
        notifyServices: notifyMemory.services.length,
        notifyTold: notifyMemory.told.length,
        viewJsonLength: published === null ? 0 : JSON.stringify(published).length,
        polls: counters.polls,
        rebuilds: counters.rebuilds,
        fullLadderRuns: counters.full,
        lightLadderRuns: counters.light,
      };
    },
  };
  return engine;
}
