/**
 * A stand-in for the preload's `window.api`, for renderer tests in a real browser (Electron
 * Fiddle's mock idea). It implements `AppApi`, so the contract is type-checked on both sides.
 * It holds a ViewState and a SettingsView, records every call, can push state and navigation
 * like main does, and can hold a verb's answer back to show in-between states ("Refreshing…").
 *
 * The class is shipped into the page as source text (`fakeApiInitScript`), so it must stay
 * self-contained: no imports used at runtime, no module-level helpers, only browser built-ins.
 */
import type {
  AppApi,
  LinkTarget,
  MutePreset,
  Route,
  SettingKey,
  Settings,
  SettingsPatch,
  SettingsUpdateResult,
  SettingsView,
  ViewState,
} from '../../main/core/contract.js';

/** Verbs whose answer can be held back until the test releases it. */
export type HoldableVerb = 'getState' | 'refresh' | 'runDiagnostics' | 'updateSettings' | 'getSettings' | 'copyReport' | 'mute';

export interface FakeApiInit {
  readonly state: ViewState;
  readonly settings: SettingsView;
  /** What `refresh()` answers; default: the current state, not refreshing, updated now. */
  readonly afterRefresh?: ViewState | null;
  /** What `runDiagnostics()` answers; default: the current state. */
  readonly afterDiagnostics?: ViewState | null;
  /** The text `copyReport()` answers. */
  readonly reportText?: string;
  /** Verbs held from the start (see `hold`). */
  readonly hold?: readonly HoldableVerb[];
  /** Make these verbs reject, to show failure paths. */
  readonly fail?: readonly HoldableVerb[];
}

export interface FakeCall {
  readonly verb: keyof AppApi;
  readonly args: readonly unknown[];
}

export class FakeApi implements AppApi {
  state: ViewState;
  settings: SettingsView;
  readonly calls: FakeCall[];
  private readonly init: FakeApiInit;
  private readonly stateListeners: Set<(state: ViewState) => void>;
  private readonly routeListeners: Set<(route: Route) => void>;
  private readonly holding: Set<string>;
  private readonly waiting: Map<string, (() => void)[]>;

  constructor(init: FakeApiInit) {
    this.init = init;
    this.state = init.state;
    this.settings = init.settings;
    this.calls = [];
    this.stateListeners = new Set();
    this.routeListeners = new Set();
    this.holding = new Set(init.hold ?? []);
    this.waiting = new Map();
  }

  // ---- test controls -------------------------------------------------------------------------

  /** Main pushed new state. */
  pushState(state: ViewState): void {
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  /** Main asked the window to show a route (a notification or tray-menu click). */
  navigate(route: Route): void {
    for (const listener of [...this.routeListeners]) listener(route);
  }

  hold(verb: HoldableVerb): void {
    this.holding.add(verb);
  }

  /** Lets every held call of `verb` answer, and stops holding it. */
  release(verb: HoldableVerb): void {
    this.holding.delete(verb);
    const queue = this.waiting.get(verb) ?? [];
    this.waiting.delete(verb);
    for (const resume of queue) resume();
  }

  listenerCount(): { state: number; route: number } {
    return { state: this.stateListeners.size, route: this.routeListeners.size };
  }

  // ---- AppApi --------------------------------------------------------------------------------

  async getState(): Promise<ViewState> {
    await this.gate('getState', []);
    return this.copy(this.state);
  }

  async refresh(): Promise<ViewState> {
    await this.gate('refresh', []);
    const next = this.init.afterRefresh ?? { ...this.state, refreshing: false, fromCache: false, updatedAt: new Date(Date.now()).toISOString() };
    this.state = next;
    return this.copy(next);
  }

  async mute(preset: MutePreset): Promise<ViewState> {
    await this.gate('mute', [preset]);
    const now = Date.now();
    let until: string | null = null;
    if (preset === '1h') until = new Date(now + 3_600_000).toISOString();
    if (preset === '4h') until = new Date(now + 4 * 3_600_000).toISOString();
    if (preset === 'tomorrow') {
      const morning = new Date(now);
      morning.setDate(morning.getDate() + 1);
      morning.setHours(8, 0, 0, 0);
      until = morning.toISOString();
    }
    this.state = { ...this.state, mutedUntil: until };
    return this.copy(this.state);
  }

  async getSettings(): Promise<SettingsView> {
    await this.gate('getSettings', []);
    return this.copy(this.settings);
  }

  /** Checks the patch the way main is expected to: locks, bounds, https, known services. */
  async updateSettings(patch: SettingsPatch): Promise<SettingsUpdateResult> {
    await this.gate('updateSettings', [patch]);
    const view = this.settings;
    const problems: string[] = [];
    const isHttps = (raw: string): boolean => {
      try {
        return new URL(raw).protocol === 'https:';
      } catch {
        return false;
      }
    };
    for (const key of Object.keys(patch) as SettingKey[]) {
      if (view.locked.includes(key)) problems.push(`${key}: is managed by your organization and cannot be changed here`);
    }
    const interval = patch.pollIntervalSeconds;
    const bounds = view.bounds.pollIntervalSeconds;
    if (interval !== undefined && (!Number.isInteger(interval) || interval < bounds.min || interval > bounds.max)) {
      problems.push(`pollIntervalSeconds: choose between ${Math.round(bounds.min / 60)} and ${Math.round(bounds.max / 60)} minutes`);
    }
    if (patch.orgFeedUrl !== undefined && patch.orgFeedUrl !== null && !isHttps(patch.orgFeedUrl)) {
      problems.push('orgFeedUrl: the address must start with https://');
    }
    (patch.customSources ?? []).forEach((source, i) => {
      if (!isHttps(source.url)) problems.push(`customSources[${i}].url: the address must start with https://`);
    });
    const known = new Set(view.catalog.map((entry) => entry.id));
    for (const id of patch.watch ?? []) if (!known.has(id)) problems.push(`watch: unknown service "${id}"`);
    const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (patch.quietHours && (!clock.test(patch.quietHours.start) || !clock.test(patch.quietHours.end))) {
      problems.push('quietHours: enter both times as hours and minutes, for example 18:00');
    }
    if (problems.length > 0) return { ok: false, problems, view: this.copy(view) };
    const values: Settings = { ...view.values, ...patch };
    this.settings = { ...view, values };
    return { ok: true, view: this.copy(this.settings) };
  }

  async runDiagnostics(): Promise<ViewState> {
    await this.gate('runDiagnostics', []);
    if (this.init.afterDiagnostics) this.state = this.init.afterDiagnostics;
    return this.copy(this.state);
  }

  async openLink(target: LinkTarget): Promise<boolean> {
    this.record('openLink', [target]);
    return true;
  }

  async copyReport(): Promise<string> {
    await this.gate('copyReport', []);
    return this.init.reportText ?? 'Outage Radar report';
  }

  async hideWindow(): Promise<void> {
    this.record('hideWindow', []);
  }

  onStateChanged(listener: (state: ViewState) => void): () => void {
    this.record('onStateChanged', []);
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  onNavigate(listener: (route: Route) => void): () => void {
    this.record('onNavigate', []);
    this.routeListeners.add(listener);
    return () => {
      this.routeListeners.delete(listener);
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private record(verb: keyof AppApi, args: readonly unknown[]): void {
    this.calls.push({ verb, args: this.copy(args) });
  }

  private async gate(verb: HoldableVerb, args: readonly unknown[]): Promise<void> {
    this.record(verb, args);
    if (this.holding.has(verb)) {
      await new Promise<void>((resume) => {
        const queue = this.waiting.get(verb) ?? [];
        queue.push(resume);
        this.waiting.set(verb, queue);
      });
    }
    if ((this.init.fail ?? []).includes(verb)) throw new Error(`${verb} failed (test)`);
  }

  /** Answers are copies, as over IPC (structured clone): the window cannot mutate main's state. */
  private copy<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
  }
}

/** sessionStorage key a reused page reads its scenario from (see `fakeApiInitScript(null)`). */
export const FAKE_API_STORAGE_KEY = '__fakeApiInit';

/**
 * JavaScript for `page.addInitScript` that defines `window.api` as a FakeApi before the app's
 * module runs. With `init` the scenario is baked in; with null it is read from sessionStorage
 * (key FAKE_API_STORAGE_KEY), so one page can be reused across scenarios with a reload.
 * `window.__fakeApi` is the same object, typed loosely for `page.evaluate`.
 */
export function fakeApiInitScript(init: FakeApiInit | null): string {
  const source = FakeApi.toString();
  const initExpression = init === null ? `JSON.parse(sessionStorage.getItem(${JSON.stringify(FAKE_API_STORAGE_KEY)}) || 'null')` : JSON.stringify(init);
  return `(() => {
  const FakeApi = (${source});
  const init = ${initExpression};
  if (!init) return;
  const api = new FakeApi(init);
  Object.defineProperty(window, 'api', { value: api, configurable: false, writable: false });
  Object.defineProperty(window, '__fakeApi', { value: api, configurable: false, writable: false });
})();`;
}
