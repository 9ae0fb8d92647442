/**
 * The one IPC contract between the main process and the window. Channel maps declare every
 * message with its argument and result types; the shell's `handle()` wrapper, the preload's
 * bridge and the renderer's fake all derive their types from here, so a channel cannot be added
 * on one side only. Arguments from the renderer are untrusted: `guards.ts` validates each one.
 */
import type { CheckReport } from './check.js';
import type { Health } from './health.js';
import type { TrayState } from './tray-icons.js';

/** Where the window should show. Notifications and the tray menu navigate with these. */
export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'service'; readonly serviceId: string }
  | { readonly view: 'incident'; readonly sourceId: string; readonly incidentId: string }
  | { readonly view: 'diagnostics' }
  | { readonly view: 'settings' };

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
}

export const LINK_KINDS = ['incident', 'source', 'message', 'helpdesk'] as const;
/** Links are named, never raw URLs: main looks the URL up in its own state and opens only https. */
export type LinkTarget =
  | { readonly kind: 'incident'; readonly sourceId: string; readonly incidentId: string }
  | { readonly kind: 'source'; readonly sourceId: string }
  | { readonly kind: 'message'; readonly sourceId: string; readonly messageId: string }
  | { readonly kind: 'helpdesk' };

/** The settings a user can change in the window (see settings.ts for defaults and bounds). */
export interface Settings {
  readonly watch: readonly string[];
  readonly customSources: readonly { readonly id: string; readonly name: string; readonly url: string }[];
  readonly pollIntervalSeconds: number;
  readonly orgFeedUrl: string | null;
  readonly tenantName: string | null;
  readonly notifications: {
    readonly enabled: boolean;
    /** A watched service got worse. */
    readonly onWorse: boolean;
    /** An incident you were told about is resolved. */
    readonly onResolved: boolean;
    /** The verdict turned to a problem with your own connection. */
    readonly onLocal: boolean;
  };
  readonly quietHours: { readonly enabled: boolean; readonly start: string; readonly end: string };
  readonly startAtLogin: boolean;
}

export type SettingKey = keyof Settings;

export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly group: 'Microsoft 365' | 'Other services';
}

export interface SettingsView {
  readonly values: Settings;
  /** Keys set by policy: shown with a lock and "Managed by your organization". */
  readonly locked: readonly SettingKey[];
  readonly catalog: readonly CatalogEntry[];
  /** Things the user should know, e.g. "Your settings file was unreadable and was reset". */
  readonly notices: readonly string[];
  readonly bounds: { readonly pollIntervalSeconds: { readonly min: number; readonly max: number } };
}

export type SettingsPatch = Partial<Settings>;

export type SettingsUpdateResult =
  | { readonly ok: true; readonly view: SettingsView }
  | { readonly ok: false; readonly problems: readonly string[]; readonly view: SettingsView };

/** Request/response channels: renderer invokes, main answers. Every result is a promise. */
export interface InvokeChannels {
  'state:get': () => ViewState;
  'state:refresh': () => ViewState;
  'notifications:mute': (preset: MutePreset) => ViewState;
  'settings:get': () => SettingsView;
  'settings:update': (patch: SettingsPatch) => SettingsUpdateResult;
  'diagnostics:run': () => ViewState;
  'link:open': (target: LinkTarget) => boolean;
  /** Puts a ready helpdesk report on the clipboard and returns its text. */
  'report:copy': () => string;
  'window:hide': () => void;
}

/** Main -> renderer pushes. */
export interface EventChannels {
  'state:changed': (state: ViewState) => void;
  'route:navigate': (route: Route) => void;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeResult<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

export const INVOKE_CHANNELS = [
  'state:get',
  'state:refresh',
  'notifications:mute',
  'settings:get',
  'settings:update',
  'diagnostics:run',
  'link:open',
  'report:copy',
  'window:hide',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = ['state:changed', 'route:navigate'] as const satisfies readonly EventChannel[];

/**
 * What the preload exposes as `window.api`: named verbs only, never a channel name or
 * `ipcRenderer`. Listeners get the payload only and return an unsubscribe function.
 */
export interface AppApi {
  getState(): Promise<ViewState>;
  refresh(): Promise<ViewState>;
  mute(preset: MutePreset): Promise<ViewState>;
  getSettings(): Promise<SettingsView>;
  updateSettings(patch: SettingsPatch): Promise<SettingsUpdateResult>;
  runDiagnostics(): Promise<ViewState>;
  openLink(target: LinkTarget): Promise<boolean>;
  copyReport(): Promise<string>;
  hideWindow(): Promise<void>;
  onStateChanged(listener: (state: ViewState) => void): () => void;
  onNavigate(listener: (route: Route) => void): () => void;
}

/** Maps each bridge verb to its channel; the preload is built from this table. */
export const API_CHANNELS = {
  getState: 'state:get',
  refresh: 'state:refresh',
  mute: 'notifications:mute',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  runDiagnostics: 'diagnostics:run',
  openLink: 'link:open',
  copyReport: 'report:copy',
  hideWindow: 'window:hide',
} as const satisfies Record<Exclude<keyof AppApi, 'onStateChanged' | 'onNavigate'>, InvokeChannel>;
