/**
 * The one IPC contract between the main process and the window. Channel maps declare every
 * message with its argument and result types; the shell's `handle()` wrapper, the preload's
 * bridge and the renderer's fake all derive their types from here, so a channel cannot be added
 * on one side only. Arguments from the renderer are untrusted: `guards.ts` validates each one.
 */
import type { CheckReport } from './check.js';
import type { ConfigDocument, ConfigWindowKey } from './generated/config-document.js';
import type { Health } from './health.js';
import type { Deflection } from './helpdesk/deflection.js';
import type { ProblemDecision, ProblemMatch } from './helpdesk/problem-flow.js';
import type { DetectOutcome } from './sources/detect-source.js';
import type { TrayState } from './tray/tray-icons.js';
import type { Language } from './i18n/languages.js';
import type { MessageKey } from './i18n/translate.js';

/** Where the window should show. Notifications and the tray menu navigate with these. */
export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'service'; readonly serviceId: string }
  | { readonly view: 'incident'; readonly sourceId: string; readonly incidentId: string }
  | { readonly view: 'diagnostics' }
  | { readonly view: 'settings' }
  /** "Report a problem", for this service when given (a service's page, a banner), else the person picks. */
  | { readonly view: 'report'; readonly serviceId?: string };

export const MUTE_PRESETS = ['1h', '4h', 'tomorrow', 'off'] as const;
export type MutePreset = (typeof MUTE_PRESETS)[number];

/** Everything the window shows, pushed by main on every change. Main owns state; the window renders it. */
export interface ViewState {
  /** The last full check, or null before the first one finished. */
  readonly report: CheckReport | null;
  /** True while shown data came from the on-disk cache and no check has finished since start. */
  readonly fromCache: boolean;
  /** A check is running right now. */
  readonly refreshing: boolean;
  /** Notifications are muted until this moment (ISO), or null. */
  readonly mutedUntil: string | null;
  /** The tray state as shown (after hysteresis), so window and tray never disagree. */
  readonly tray: TrayState;
  readonly overall: Health;
  /** When the window's data was last refreshed successfully, for "updated 2 min ago". */
  readonly updatedAt: string | null;
  /**
   * The language main chose for the person (setting, policy, else the OS's languages) and the
   * BCP 47 locale for dates and numbers; absent reads English. Main adds it to every view it sends.
   */
  readonly locale?: WindowLocale;
}

/** The window's language and locale (`de` / `de-AT`). */
export interface WindowLocale {
  readonly language: Language;
  readonly locale: string;
}

export const LINK_KINDS = ['incident', 'source', 'message', 'helpdesk'] as const;
/** Links are named, never raw URLs: main looks the URL up in its own state and opens only https. */
export type LinkTarget =
  | { readonly kind: 'incident'; readonly sourceId: string; readonly incidentId: string }
  | { readonly kind: 'source'; readonly sourceId: string }
  | { readonly kind: 'message'; readonly sourceId: string; readonly messageId: string }
  | { readonly kind: 'helpdesk' };

/** A group such as `notifications` with every field resolved; lists and scalars stay as they are. */
type Resolved<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [P in keyof T]-?: Exclude<T[P], undefined> } : T;

/**
 * The settings a person can change in the window, as in force (every key resolved from the
 * layers). Described only by `schema/config.schema.json`: the keys marked `x-window`, with the
 * types generated from it.
 */
export type Settings = { readonly [K in SettingKey]-?: Resolved<Exclude<ConfigDocument[K], undefined>> };

export type SettingKey = ConfigWindowKey;

/** The two headings of the catalog, as ids (the window says them in the person's language). */
export type CatalogGroupId = 'Microsoft 365' | 'Other services';

export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  /** Which heading the service is under: an id, not words (the window words it, `ui.settings.group.*`). */
  readonly group: CatalogGroupId;
  /** What the service is for, as a person reads it ("Identity and SSO"); the list groups and searches by it. */
  readonly category: string;
}

export interface SettingsView {
  readonly values: Settings;
  /** Keys set by policy: shown with a lock and "Managed by your organization". */
  readonly locked: readonly SettingKey[];
  readonly catalog: readonly CatalogEntry[];
  /**
   * Things the user should know, e.g. "Your settings file was damaged and has been reset", in
   * the person's language (main words them when it builds the view).
   */
  readonly notices: readonly string[];
  readonly bounds: { readonly pollIntervalSeconds: { readonly min: number; readonly max: number } };
}

/** A change from the window: some settings, groups (`notifications`, `quietHours`) possibly in part. */
export type SettingsPatch = Pick<ConfigDocument, SettingKey>;

/**
 * One thing main refused in a settings change: where, what (as data, for the window to pick its
 * own field words) and the sentence in the person's language (for everything else).
 */
export interface SettingsProblem {
  /** The path of the value, e.g. ['customSources', 1, 'url']; `[]` for the change as a whole. */
  readonly at: readonly (string | number)[];
  /**
   * The catalog key of what is wrong: `problem.url.plainHttp`, `problem.schema.expected`,
   * `problem.meaning.quietHours`, `problem.settings.managed` (a key policy sets),
   * `problem.settings.notWindow` (not a window setting), `problem.settings.pollBounds`, ...
   */
  readonly reason: MessageKey;
  /** The whole sentence with the key's path (`customSources[1].url: ...`), in the person's language. */
  readonly text: string;
  /** What is wrong without the path, in the person's language, for showing next to the field. */
  readonly what: string;
}

export type SettingsUpdateResult =
  | { readonly ok: true; readonly view: SettingsView }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[]; readonly view: SettingsView };

/**
 * THE declaration of every request the window makes: one method per bridge verb, with its
 * argument and result types. Channel names (`INVOKE_VERBS`), the channel maps, the handlers' types,
 * the argument guards and `window.api` are all derived from it.
 *
 * One meaning for every verb, in the app and in tests (both run the same handlers): a verb's
 * promise resolves when main has finished what the verb asks for, and any view it changed has been
 * published (`state:changed` is sent before the answer, so the window has seen it first).
 */
export interface InvokeVerbs {
  /** Resolves with the view as published now. */
  getState(): ViewState;
  /**
   * A check of every source and the probes, now. Resolves when that check has finished and its
   * result has been published, with that view; the `refreshing: true` view is published at once.
   */
  refresh(): ViewState;
  /** Resolves with the published view that carries the new `mutedUntil`. */
  mute(preset: MutePreset): ViewState;
  /** Resolves with the settings in force. */
  getSettings(): SettingsView;
  /** Resolves once the change was refused, or saved and handed to the engine and autostart. */
  updateSettings(patch: SettingsPatch): SettingsUpdateResult;
  /** Like `refresh`, for the connectivity ladder: resolves when its result has been published. */
  runDiagnostics(): ViewState;
  /** Resolves once the OS was asked to open the page (true), or the link was refused (false). */
  openLink(target: LinkTarget): boolean;
  /** Puts a ready helpdesk report on the clipboard; resolves with its text once it is there. */
  copyReport(): string;
  /** Resolves once the window was hidden. */
  hideWindow(): void;
  /**
   * "Restart Teams": `pid` names a `restart-client` item of the advice on screen, nothing else
   * (main looks it up in its own current report). Main asks first, quits the client gracefully,
   * waits for it and starts it again; resolves with what happened, in words.
   */
  restartClient(pid: number): RestartOutcome;
  /**
   * The button of an advice item other than a restart or the report ("Open Outlook on the web",
   * "Open the time settings", "Open the sign-in page"): the target names an item of the advice on
   * screen, never a URL; main looks it up in its own current report and performs only that item's
   * action. Resolves with what happened, in words.
   */
  runAdviceAction(target: AdviceTarget): AdviceActionOutcome;
  /**
   * The deflection banner of every watched service that has one ("This is a known problem
   * (EX1224375). IT is aware; you do not need to open a ticket."), from main's current report.
   */
  getDeflections(): readonly Deflection[];
  /** "Report a problem", as the person types: the knowledge-base entry the text matches best, or null. */
  matchProblem(text: string): ProblemMatch | null;
  /** "Report a problem": what the flow shows next (deflect, a local fix, the ticket form, or contact). */
  decideProblem(request: ProblemRequest): ProblemDecision;
  /**
   * "Report a problem", last step: main builds the report and opens the organization's ticket
   * form itself (the window never gets an address to open), or copies the report when the form
   * cannot carry it or there is none. Resolves with what happened, in words.
   */
  sendProblemReport(request: ProblemRequest): ProblemSendOutcome;
  /**
   * Settings, "Add a status page": main reads the address as typed (a few requests, through the
   * app's own status session) and resolves with the page it found (its name, format, canonical
   * address and live component list) or the reason it could not (not a status page, a login page,
   * blocked, unreachable). Nothing is saved: the window puts the page into its settings draft.
   */
  detectSource(url: string): DetectOutcome;
}

/** What the person told the "Report a problem" flow so far. */
export interface ProblemRequest {
  readonly serviceId: string;
  /** What they see, as typed or pasted. */
  readonly typed: string;
  /** Incidents they were shown and answered "something else is wrong" about; the report says so. */
  readonly shownIncidents: readonly string[];
  /** They saw the local fix and want to report anyway. */
  readonly pastLocalFix: boolean;
}

/**
 * What "Send to the helpdesk" did. `opened`: the ticket form (or an e-mail) opened with the report.
 * `opened-summary`: it opened with the summary only; the full report is on the clipboard.
 * `copied`: no ticket form; the report is on the clipboard and `contact` says how to reach the
 * helpdesk. `failed`: nothing could be opened or copied; `text` says what to do instead.
 */
export interface ProblemSendOutcome {
  readonly outcome: 'opened' | 'opened-summary' | 'copied' | 'failed';
  readonly text: string;
  /** `helpdesk.contact`, when the organization set it. */
  readonly contact: string | null;
}

/** An advice item as the window names it: its id and its service (ids repeat across services). */
export interface AdviceTarget {
  readonly id: string;
  readonly service: string | null;
}

/**
 * What an advice item's button did. `opened`: the browser or the OS settings were asked to open.
 * `manual`: nothing can be opened here (no such settings page on this OS, or the OS refused);
 * `text` says how to do it by hand. `refused`: the current advice has no such item or action.
 */
export interface AdviceActionOutcome {
  readonly id: string;
  readonly service: string | null;
  readonly outcome: 'opened' | 'manual' | 'refused';
  readonly text: string;
}

/**
 * What "Restart <client>" did. `restarted`: it was quit and started again. `cancelled`: the person
 * said no, nothing happened. `manual`: a step was not possible without force (still running after
 * the wait, no known way to start it); `text` says how to do it by hand. `refused`: the pid is not
 * a client the current advice names.
 */
export interface RestartOutcome {
  readonly pid: number;
  readonly outcome: 'restarted' | 'cancelled' | 'manual' | 'refused';
  readonly text: string;
}

/** The pushes from main, as bridge listeners: each gets the payload only. */
export interface EventVerbs {
  onStateChanged(state: ViewState): void;
  onNavigate(route: Route): void;
}

type InvokeVerb = keyof InvokeVerbs;
type EventVerb = keyof EventVerbs;

/**
 * The channel and argument count of every verb. `satisfies` ties it to `InvokeVerbs`: a verb
 * missing here, an extra one, or a wrong argument count does not compile.
 */
export const INVOKE_VERBS = {
  getState: { channel: 'state:get', arity: 0 },
  refresh: { channel: 'state:refresh', arity: 0 },
  mute: { channel: 'notifications:mute', arity: 1 },
  getSettings: { channel: 'settings:get', arity: 0 },
  updateSettings: { channel: 'settings:update', arity: 1 },
  runDiagnostics: { channel: 'diagnostics:run', arity: 0 },
  openLink: { channel: 'link:open', arity: 1 },
  copyReport: { channel: 'report:copy', arity: 0 },
  hideWindow: { channel: 'window:hide', arity: 0 },
  restartClient: { channel: 'client:restart', arity: 1 },
  runAdviceAction: { channel: 'advice:run', arity: 1 },
  getDeflections: { channel: 'deflections:get', arity: 0 },
  matchProblem: { channel: 'problem:match', arity: 1 },
  decideProblem: { channel: 'problem:decide', arity: 1 },
  sendProblemReport: { channel: 'problem:send', arity: 1 },
  detectSource: { channel: 'source:detect', arity: 1 },
} as const satisfies { readonly [V in InvokeVerb]: { readonly channel: string; readonly arity: Parameters<InvokeVerbs[V]>['length'] } };

/** The channel of every push listener. */
export const EVENT_VERBS = {
  onStateChanged: 'state:changed',
  onNavigate: 'route:navigate',
} as const satisfies { readonly [V in EventVerb]: string };

/** Request/response channels: renderer invokes, main answers. Derived from `InvokeVerbs`. */
export type InvokeChannels = { [V in InvokeVerb as (typeof INVOKE_VERBS)[V]['channel']]: InvokeVerbs[V] };
/** Main -> renderer pushes. Derived from `EventVerbs`. */
export type EventChannels = { [V in EventVerb as (typeof EVENT_VERBS)[V]]: EventVerbs[V] };

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeResult<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

/** Every invoke channel, in declaration order. */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = Object.values(INVOKE_VERBS).map((verb) => verb.channel);

/**
 * What the preload exposes as `window.api`: named verbs only, never a channel name or
 * `ipcRenderer`. Each invoke verb returns a promise of its result (see `InvokeVerbs` for when it
 * resolves); listeners get the payload only and return an unsubscribe function.
 */
export type AppApi = { readonly [V in InvokeVerb]: (...args: Parameters<InvokeVerbs[V]>) => Promise<ReturnType<InvokeVerbs[V]>> } & {
  readonly [V in EventVerb]: (listener: EventVerbs[V]) => () => void;
};
