/**
 * The desktop engine's public shape: what the shell injects (AppEngineDeps) and what it gets
 * (AppEngine). The implementation, an interpreter of main/core/engine's effects, is app-engine.ts.
 */
import type { DiagnosticsInput, MachineFacts } from '../core/helpdesk/diagnostics-report.js';
import type { CheckReport } from '../core/check.js';
import type { ProcessInfo } from '../core/advice/clients.js';
import type { AppConfig } from '../core/settings/config.js';
import type { LadderResult } from '../core/verdict/connectivity-model.js';
import type { LinkTarget, MutePreset, Settings, ViewState } from '../core/contract.js';
import type { LadderMode } from '../core/engine/engine-cadence.js';
import type { RefreshReason } from '../core/engine/types.js';
import type { EngineMemory, VerdictHistoryEntry } from '../core/engine/memory.js';
import type { NotificationSpec } from '../core/notifications/notify.js';
import type { Clock, Http } from '../core/ports.js';

export interface LadderRequest {
  /** The watched service ids, for the default probe targets. */
  readonly serviceIds: string[];
  /** The effective config: tenant name and connectivity overrides live here. */
  readonly config: AppConfig;
  /** `full` (default): every step to every target. `light`: link state and captive-portal checks only. */
  readonly mode?: LadderMode;
  /** Aborted when the engine stops or the run is no longer wanted. */
  readonly signal?: AbortSignal;
}

/** The part of the timer API the engine uses; Node's globals by default. */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the "Report a problem" flow adds to the diagnostics report. */
export type ReportRequest = Pick<DiagnosticsInput, 'serviceId' | 'typed' | 'knowledgeBase' | 'shownIncidents'>;

export interface AppEngineDeps {
  readonly http: Http;
  readonly clock: Clock;
  readonly timers?: Timers;
  /** A roll in [0, 1) for poll jitter. */
  readonly random?: () => number;
  /** One run of the connectivity ladder (the shell wraps main/node/probes/ladder.ts with its proxy resolver). */
  readonly runLadder: (input: LadderRequest) => Promise<LadderResult>;
  /**
   * The last known state on disk (main/node/state-cache.ts). `loadMemory` and the `memory` saved
   * with the report are optional, so a cache that keeps only the report still works (it then
   * forgets the helpdesk messages seen and the verdict history on restart).
   */
  readonly cache: {
    load(): Promise<CheckReport | null>;
    save(report: CheckReport, memory?: EngineMemory): Promise<void>;
    loadMemory?(): Promise<EngineMemory | null>;
  };
  readonly settings: Settings;
  readonly appVersion: string;
  /** This computer's facts for the diagnostics report; default read from the OS when asked. */
  readonly machine?: () => MachineFacts;
  /** The config file in use, named (redacted) in the diagnostics report. */
  readonly configPath?: string | null;
  /**
   * The OS: named in the helpdesk report (default: this process's), and the one whose executable
   * names `listProcesses` returns. Restart advice needs `win32`, `darwin` or `linux` and a lister.
   * Wider than those three so `process.platform` can be passed as it is.
   */
  readonly platform?: 'win32' | 'darwin' | 'linux' | NodeJS.Platform;
  /**
   * Lists this user's processes, for `restart-client` advice. Called only while a watched
   * service's incident ended in the last 24 h (at most every 5 min), so a normal day costs
   * nothing; a rejection counts as no process. Absent = restart advice is never given.
   */
  readonly listProcesses?: () => Promise<readonly ProcessInfo[]>;
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
  /** Timers other than the sources' own (ladder, cache write, mute, staleness). */
  readonly timers: number;
  readonly changeListeners: number;
  readonly notifyListeners: number;
  readonly notifyServices: number;
  readonly notifyTold: number;
  /** Helpdesk messages remembered as seen (at most MAX_SEEN_MESSAGES). */
  readonly seenMessages: number;
  /** Length of the last emitted view as JSON: grows only with the data shown. */
  readonly viewJsonLength: number;
  /** Finished polls, and how many rebuilds of the report there were (the rest confirmed unchanged data). */
  readonly polls: number;
  readonly rebuilds: number;
  /** Ladder runs by form. */
  readonly fullLadderRuns: number;
  readonly lightLadderRuns: number;
}

export interface AppEngine {
  /** Shows the cached report at once (fromCache), then starts polling and the first ladder run. */
  start(): Promise<void>;
  /** Stops every poll and timer, aborts work in flight, and writes the latest report to the cache. */
  stop(): Promise<void>;
  view(): ViewState;
  /** Called with the new view whenever it changed. Returns an unsubscribe function. */
  onChange(listener: (view: ViewState) => void): () => void;
  /** Called for each notification to show. Returns an unsubscribe function. */
  onNotify(listener: (notification: NotificationSpec) => void): () => void;
  /** Fetches every source and runs the ladder now, within the poll rules. Resolves when done. */
  refreshNow(reason: RefreshReason): Promise<ViewState>;
  /** Runs the connectivity ladder now; resolves with the view that includes it. */
  runDiagnostics(): Promise<ViewState>;
  mute(preset: MutePreset): ViewState;
  /** Takes new settings: rebuilds the watch plan; removed sources stop, new ones start. */
  applySettings(settings: Settings): void;
  /** The settings in force. */
  settings(): Settings;
  /** The URL for a named link, or null; only https (or loopback http) URLs from the current state. */
  findLink(target: LinkTarget): string | null;
  /**
   * The diagnostics report of the current view (main/core/helpdesk/diagnostics-report.ts), redacted
   * as the organization's `report.include` says; `request` adds what the "Report a problem" flow
   * knows (the service picked, what was typed, the knowledge-base match, the incidents shown).
   */
  helpdeskReport(request?: ReportRequest): { readonly summary: string; readonly text: string };
  /**
   * The last 20 verdicts shown, oldest first, each with the time it was first shown: an entry
   * when the shown kind changed (plus the first one). Kept across restarts with the cache.
   */
  verdictHistory(): readonly VerdictHistoryEntry[];
  /** Resolves when no poll, ladder run or cache write is in flight (for tests and benchmarks). */
  whenIdle(): Promise<void>;
  stats(): EngineStats;
}
