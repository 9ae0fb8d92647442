/**
 * The desktop engine the Electron shell drives. Every decision (when to poll, when a change is
 * confirmed, what to notify, when data is stale, when to publish and to write the cache) is made
 * by the pure `step` in main/core/engine; this module only carries out its effects: fetches
 * through the Http port, ladder runs, timers, listeners and the cache, and feeds the results back
 * as events. No Electron here, so the whole engine runs in plain Node against loopback servers.
 */
import { createHash } from 'node:crypto';
import type { ClientPlatform, ProcessInfo } from '../core/advice/clients.js';
import type { ViewState } from '../core/contract.js';
import { findLink } from '../core/engine/links.js';
import { initialEngineState, step } from '../core/engine/step.js';
import type { Effect, EngineEvent, EngineState, FetchResult, TimerKey } from '../core/engine/types.js';
import type { EngineMemory } from '../core/engine/memory.js';
import { viewOf } from '../core/engine/view.js';
import { buildDiagnosticsReport } from '../core/helpdesk/diagnostics-report.js';
import { readMachineFacts } from './machine-facts.js';
import type { NotificationSpec } from '../core/notifications/notify.js';
import type { Clock, Http, HttpResult } from '../core/ports.js';
import { settingsToAppConfig } from '../core/settings/settings.js';
import { fetchSource, lightStatusUrl } from '../core/sources/source-fetch.js';
import type { AppEngine, AppEngineDeps, Timers } from './app-engine-api.js';

export type { AppEngine, AppEngineDeps, Timers } from './app-engine-api.js';

type Input = EngineEvent extends infer E ? (E extends unknown ? Omit<E, 'now' | 'random'> : never) : never;

const DEFAULT_TIMERS: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One fetch; a 200 whose body digest matches `sameBodyDigest` is answered as a 304. */
async function runFetch(effect: Effect & { kind: 'fetch' }, http: Http, clock: Clock, signal: AbortSignal): Promise<FetchResult> {
  let digest: string | null = null;
  // Statuspage's light poll reads status.json first: only the document itself has the digest.
  const statusUrl = lightStatusUrl(effect.def);
  const sourceHttp: Http = {
    get: async (request) => {
      const response = await http.get(request);
      if (!response.ok || response.notModified || !effect.digestBody || request.url === statusUrl) return response;
      digest = createHash('sha1').update(response.body).digest('base64');
      if (digest !== effect.sameBodyDigest) return response;
      return { ok: true, notModified: true, status: 304, validators: response.validators, bytes: response.bytes } satisfies HttpResult;
    },
  };
  try {
    const outcome = await fetchSource(effect.def, { http: sourceHttp, clock }, effect.memory, effect.intervalMs, signal);
    return { ok: true, outcome, digest };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The OS as the client catalog names it, or null where processes cannot be recognised. */
function clientPlatformOf(platform: string | undefined): ClientPlatform | null {
  return platform === 'win32' || platform === 'darwin' || platform === 'linux' ? platform : null;
}

export function createAppEngine(deps: AppEngineDeps): AppEngine {
  const { http, clock } = deps;
  const timers = deps.timers ?? DEFAULT_TIMERS;
  const random = deps.random ?? Math.random;
  const configFor = deps.configFor ?? settingsToAppConfig;
  const onError = deps.onError ?? ((error: unknown) => console.warn('outage-radar engine:', error));

  let state: EngineState = initialEngineState(deps.settings, configFor(deps.settings), deps.cacheThrottleMs === undefined ? {} : { throttleMs: deps.cacheThrottleMs });
  const timerHandles = new Map<TimerKey, unknown>();
  const controllers = new Map<string, AbortController>();
  const work = new Set<Promise<unknown>>();
  const saves = new Set<Promise<unknown>>();
  const settle = new Map<number, () => void>();
  const changeListeners = new Set<(view: ViewState) => void>();
  const notifyListeners = new Set<(n: NotificationSpec) => void>();
  const queue: Input[] = [];
  let dispatching = false;
  let waiterIds = 0;
  let starting: Promise<void> | null = null;

  const track = (promise: Promise<unknown>, into: Set<Promise<unknown>> = work): void => {
    into.add(promise);
    void promise.finally(() => into.delete(promise));
  };

  const tell = <T>(listeners: Set<(value: T) => void>, value: T): void => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        onError(error);
      }
    }
  };

  const setTimer = (key: TimerKey, at: number | null): void => {
    const old = timerHandles.get(key);
    if (old !== undefined) timers.clearTimeout(old);
    timerHandles.delete(key);
    if (at === null) return;
    const handle = timers.setTimeout(() => {
      timerHandles.delete(key);
      dispatch({ kind: 'tick', timer: key });
    }, Math.max(0, at - clock.now()));
    // The app must be able to quit while something is merely scheduled.
    if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') handle.unref();
    timerHandles.set(key, handle);
  };

  /** Runs `job` under a fresh abort controller for `key`; its result is dropped once aborted. */
  const runAbortable = <T>(key: string, job: (signal: AbortSignal) => Promise<T>, then: (result: T) => void): void => {
    const controller = new AbortController();
    controllers.get(key)?.abort();
    controllers.set(key, controller);
    track(
      job(controller.signal).then((result) => {
        if (controllers.get(key) === controller) controllers.delete(key);
        if (!controller.signal.aborted) then(result);
      }),
    );
  };

  const perform = (effect: Effect): void => {
    switch (effect.kind) {
      case 'fetch':
        runAbortable(`source:${effect.sourceId}`, (signal) => runFetch(effect, http, clock, signal), (result) => dispatch({ kind: 'fetched', sourceId: effect.sourceId, run: effect.run, result }));
        return;
      case 'probe': {
        const ladder = (signal: AbortSignal) =>
          deps.runLadder({ serviceIds: effect.serviceIds, config: effect.config, mode: effect.mode, signal }).catch((error: unknown) => {
            onError(error);
            return null;
          });
        runAbortable('ladder', ladder, (result) => dispatch({ kind: 'probed', mode: effect.mode, job: effect.job, result }));
        return;
      }
      case 'list-clients': {
        const lister = deps.listProcesses;
        const list = async (): Promise<readonly ProcessInfo[]> => {
          if (lister === undefined) return [];
          try {
            return await lister();
          } catch (error) {
            onError(error);
            return [];
          }
        };
        runAbortable('clients', list, (processes) => dispatch({ kind: 'clients-listed', processes }));
        return;
      }
      case 'abort':
        for (const [key, controller] of [...controllers]) {
          if (effect.target !== 'all' && key !== effect.target) continue;
          controller.abort();
          controllers.delete(key);
        }
        return;
      case 'schedule':
        setTimer(effect.timer, effect.at);
        return;
      case 'notify':
        tell(notifyListeners, effect.notification);
        return;
      case 'publish':
        tell(changeListeners, effect.view);
        return;
      case 'persist':
        track(deps.cache.save(effect.report, effect.memory).catch(onError), saves);
        return;
      case 'settled': {
        const resolve = settle.get(effect.waiter);
        settle.delete(effect.waiter);
        resolve?.();
        return;
      }
      default:
        return;
    }
  };

  // Events raised while effects run (a listener calling in) queue behind the current one.
  function dispatch(input: Input): void {
    queue.push(input);
    if (dispatching) return;
    dispatching = true;
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const result = step(state, { ...next, now: clock.now(), random: random() } as EngineEvent);
        state = result.state;
        for (const effect of result.effects) perform(effect);
      }
    } finally {
      dispatching = false;
    }
  }

  const view = (): ViewState => viewOf(state, clock.now());

  const waitFor = async (input: (waiter: number) => Input): Promise<ViewState> => {
    if (!state.started) return view();
    const id = ++waiterIds;
    const done = new Promise<void>((resolve) => settle.set(id, resolve));
    dispatch(input(id));
    await done;
    return view();
  };

  return {
    start() {
      if (state.started) return Promise.resolve();
      const loadMemory = async (): Promise<EngineMemory | null> => (deps.cache.loadMemory === undefined ? null : deps.cache.loadMemory());
      const safely = <T>(promise: Promise<T | null>): Promise<T | null> =>
        promise.catch((error: unknown) => {
          onError(error);
          return null;
        });
      starting ??= Promise.all([safely(deps.cache.load()), safely(loadMemory())])
        .then(([cached, memory]) => dispatch({ kind: 'start', cached, memory, clientPlatform: deps.listProcesses === undefined ? null : clientPlatformOf(deps.platform) }))
        .finally(() => (starting = null));
      return starting;
    },
    async stop() {
      if (starting !== null) await starting;
      if (!state.started) return;
      dispatch({ kind: 'stop' });
      await Promise.all([...saves]);
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
    refreshNow: (reason) => waitFor((waiter) => ({ kind: 'refresh', reason, waiter })),
    runDiagnostics: () => waitFor((waiter) => ({ kind: 'diagnose', waiter })),
    mute(preset) {
      dispatch({ kind: 'mute', preset });
      return view();
    },
    applySettings(settings) {
      dispatch({ kind: 'settings', settings, config: configFor(settings) });
    },
    settings: () => state.settings,
    findLink: (target) => findLink(state.report, target, (id) => state.sources.get(id)?.memory ?? null, clock.now()),
    helpdeskReport: (request) => {
      const shown = view();
      return buildDiagnosticsReport({
        report: state.report,
        shown: { tray: shown.tray, fromCache: shown.fromCache, updatedAt: shown.updatedAt },
        machine: deps.machine?.() ?? readMachineFacts(deps.appVersion),
        now: clock.now(),
        history: state.memory.verdictHistory,
        knowledgeBase: request?.knowledgeBase ?? null,
        typed: request?.typed ?? null,
        ...(request?.serviceId !== undefined ? { serviceId: request.serviceId } : {}),
        ...(request?.shownIncidents !== undefined ? { shownIncidents: request.shownIncidents } : {}),
        configPath: deps.configPath ?? null,
        include: state.config.report?.include ?? [],
      });
    },
    verdictHistory: () => state.memory.verdictHistory,
    async whenIdle() {
      // Work finishing may start other work (a poll result schedules a save): loop until quiet.
      for (let round = 0; round < 1000 && work.size + saves.size > 0; round++) await Promise.all([...work, ...saves]);
    },
    stats() {
      const slots = [...state.sources.values()];
      return {
        sources: slots.length,
        runningPolls: slots.filter((s) => s.inFlight !== null).length,
        waiters: state.waiters.length,
        timers: [...timerHandles.keys()].filter((key) => !key.startsWith('source:')).length,
        changeListeners: changeListeners.size,
        notifyListeners: notifyListeners.size,
        notifyServices: state.notifyMemory.services.length,
        notifyTold: state.notifyMemory.told.length,
        seenMessages: state.memory.seenMessages.length,
        viewJsonLength: state.published === null ? 0 : JSON.stringify(state.published).length,
        polls: state.counters.polls,
        rebuilds: state.counters.rebuilds,
        fullLadderRuns: state.counters.full,
        lightLadderRuns: state.counters.light,
      };
    },
  };
}
