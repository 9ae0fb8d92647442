/**
 * The desktop engine as data: its state, the events that move it and the effects it asks the
 * shell to carry out. `step(state, event)` (step.ts) is the only thing that turns one into the
 * other; main/node/app-engine.ts interprets the effects and turns their results into events.
 */
import type { CheckReport } from '../check.js';
import type { SourceDef } from '../sources/catalog.js';
import type { AppConfig, WatchPlan } from '../settings/config.js';
import type { LadderResult } from '../verdict/connectivity-model.js';
import type { MutePreset, Settings, ViewState } from '../contract.js';
import type { HysteresisState } from './hysteresis.js';
import type { NotificationSpec, NotifyMemory } from '../notifications/notify.js';
import type { PollState } from './schedule.js';
import type { EngineMemory } from './memory.js';
import type { FetchOutcome, SourceMemory } from '../sources/source-fetch.js';
import type { LadderMode } from './engine-cadence.js';
import type { ClientPlatform, ProcessInfo, RunningClient } from '../advice/clients.js';

/** Why someone asked for a check outside the schedule. */
export type RefreshReason = 'resume' | 'unlock' | 'network-change' | 'user';

/** One timer per key: a source's next poll, the next ladder run, the cache write, the end of a mute, the next staleness. */
export type TimerKey = `source:${string}` | 'ladder' | 'persist' | 'mute' | 'stale';

/** One status source: what we know, and its poll schedule. */
export interface SourceSlot {
  readonly def: SourceDef;
  readonly poll: PollState;
  readonly memory: SourceMemory | null;
  readonly outcome: FetchOutcome | null;
  /** Digest of the last body that parsed; an identical body is then handled like a 304. */
  readonly bodyDigest: string | null;
  /** The fetch in flight (its run number), or null. A result for another run is dropped. */
  readonly inFlight: number | null;
  /** Run numbers: the last one started and the last one finished (for refresh waits). */
  readonly runs: number;
  readonly done: number;
  /** When the next scheduled poll is due, or null. */
  readonly dueAt: number | null;
  readonly lastRun: { readonly finishedAt: number; readonly succeeded: boolean } | null;
  readonly retryAfterUntil: number | null;
  /** An automatic refresh that arrived during a run; retried soon if that run fails. */
  readonly pendingAuto: RefreshReason | null;
}

/** The connectivity ladder: at most one job (a light run, possibly escalated to full) at a time. */
export interface LadderSlot {
  /** The run in flight and its job number, or null. */
  readonly inFlight: { readonly mode: LadderMode; readonly job: number } | null;
  readonly jobs: number;
  readonly jobsDone: number;
  /** A full run asked for while a job ran (diagnostics): it starts when that job ends. */
  readonly queuedFull: boolean;
  readonly dueAt: number | null;
  readonly plannedMode: LadderMode;
  readonly lastFullAt: number | null;
  readonly lastLightAt: number | null;
  readonly last: LadderResult | null;
  /** Whether the full run before the last one was slow (slow-network needs two in a row). */
  readonly previousSlow: boolean;
}

/** What the engine knows about running clients (main/core/engine/clients-job.ts). */
export interface ClientsSlot {
  /** The OS the process names come from; null = no process lister, nothing is ever listed. */
  readonly platform: ClientPlatform | null;
  readonly inFlight: boolean;
  readonly listedAt: number | null;
  /** The recently resolved incidents the last listing was asked for, as one string, or null. */
  readonly incidentsKey: string | null;
  /** The recognised clients of the services with a recently resolved incident. */
  readonly running: readonly RunningClient[];
}

/** Someone waits (refresh, diagnostics) for these runs to finish. */
export interface Waiter {
  readonly id: number;
  /** Source id -> the run number that must be done. */
  readonly sources: Readonly<Record<string, number>>;
  /** The ladder job number that must be done, or null. */
  readonly ladderJob: number | null;
}

export interface EngineCounters {
  readonly polls: number;
  readonly rebuilds: number;
  readonly full: number;
  readonly light: number;
}

export interface EngineState {
  readonly started: boolean;
  readonly settings: Settings;
  readonly config: AppConfig;
  readonly plan: WatchPlan;
  readonly sources: ReadonlyMap<string, SourceSlot>;
  readonly ladder: LadderSlot;
  /** Running clients, listed only while a watched service's incident ended in the last 24 h. */
  readonly clients: ClientsSlot;
  readonly report: CheckReport | null;
  readonly fromCache: boolean;
  /** Every source answered once and a full ladder run finished: the live report may replace the saved one. */
  readonly initialDone: boolean;
  readonly firstCycleDone: boolean;
  readonly mutedUntil: string | null;
  readonly hysteresis: HysteresisState;
  readonly notifyMemory: NotifyMemory;
  /** Helpdesk messages seen and the verdict history: saved with the report, read back on start. */
  readonly memory: EngineMemory;
  readonly lastRebuildAt: number;
  /** The staleness timer set, or null. */
  readonly staleTimerAt: number | null;
  readonly persist: { readonly dirty: boolean; readonly lastSaveAt: number | null; readonly dueAt: number | null };
  readonly throttleMs: number;
  readonly waiters: readonly Waiter[];
  /** The last view listeners heard. */
  readonly published: ViewState | null;
  readonly counters: EngineCounters;
}

/** What the interpreter got back from one fetch. */
export type FetchResult =
  | { readonly ok: true; readonly outcome: FetchOutcome; readonly digest: string | null }
  /** The fetch threw: a bug or an abort, in words. */
  | { readonly ok: false; readonly error: string };

/** Every event carries the clock reading and a jitter roll in [0, 1). */
export type EngineEvent = { readonly now: number; readonly random: number } & (
  /** `clientPlatform`: the OS whose processes can be listed (restart advice); absent or null = none. */
  | { readonly kind: 'start'; readonly cached: CheckReport | null; readonly clientPlatform?: ClientPlatform | null; readonly memory?: EngineMemory | null }
  | { readonly kind: 'stop' }
  | { readonly kind: 'tick'; readonly timer: TimerKey }
  | { readonly kind: 'fetched'; readonly sourceId: string; readonly run: number; readonly result: FetchResult }
  | { readonly kind: 'probed'; readonly mode: LadderMode; readonly job: number; readonly result: LadderResult | null }
  | { readonly kind: 'settings'; readonly settings: Settings; readonly config: AppConfig }
  /** Resume, unlock and network change (automatic) or the person's refresh button. */
  | { readonly kind: 'refresh'; readonly reason: RefreshReason; readonly waiter: number }
  | { readonly kind: 'diagnose'; readonly waiter: number }
  | { readonly kind: 'mute'; readonly preset: MutePreset }
  /** The answer to `list-clients`: this user's processes, or [] when listing failed. */
  | { readonly kind: 'clients-listed'; readonly processes: readonly ProcessInfo[] }
);

export type Effect =
  | {
      readonly kind: 'fetch';
      readonly sourceId: string;
      readonly run: number;
      readonly def: SourceDef;
      readonly memory: SourceMemory | null;
      readonly intervalMs: number;
      /** Answer a 200 whose body has this digest as a 304 (null: compare nothing). */
      readonly sameBodyDigest: string | null;
      /** Whether to report the body's digest (the parse depends on the body alone). */
      readonly digestBody: boolean;
    }
  | { readonly kind: 'probe'; readonly mode: LadderMode; readonly job: number; readonly serviceIds: string[]; readonly config: AppConfig }
  /** Abort work in flight: one source's fetch, the ladder, or everything. */
  | { readonly kind: 'abort'; readonly target: `source:${string}` | 'ladder' | 'all' }
  /** Set the timer for `timer` to fire at `at` (epoch ms), or clear it (null). */
  | { readonly kind: 'schedule'; readonly timer: TimerKey; readonly at: number | null }
  | { readonly kind: 'notify'; readonly notification: NotificationSpec }
  | { readonly kind: 'publish'; readonly view: ViewState }
  | { readonly kind: 'persist'; readonly report: CheckReport; readonly memory: EngineMemory }
  /** List this user's processes (answered by `clients-listed`); asked only after a recent fix. */
  | { readonly kind: 'list-clients' }
  /** A refresh or diagnostics request is answered. */
  | { readonly kind: 'settled'; readonly waiter: number };

export interface StepResult {
  readonly state: EngineState;
  readonly effects: readonly Effect[];
}
