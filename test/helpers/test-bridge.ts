/**
 * The renderer tests' `window.api`, built from the app's own parts: the real handlers
 * (main/shell/handlers.ts), the real IPC wrapper with its sender check and argument guards
 * (main/shell/ipc.ts, main/core/guards.ts), the real settings controller and settings rules, and
 * the real preload bridge (preload/api.ts), joined by an in-memory pipe that clones like
 * Electron's (memory-ipc.ts). Only the engine is scripted (scripted-engine.ts), and the OS:
 * clipboard, browser, window. So a verb cannot mean one thing in tests and another in the app.
 *
 * Browser built-ins only: fake-api.ts bundles this into the page.
 */
import { EVENT_VERBS, INVOKE_VERBS, type AppApi, type Route, type Settings, type SettingsView, type ViewState } from '../../main/core/contract.js';
import { applySettingsPatch, settingsView } from '../../main/core/settings/settings.js';
import { createAdviceActionRunner } from '../../main/shell/advice-actions.js';
import { createClientRestarter } from '../../main/shell/client-restart.js';
import { createInvokeHandlers } from '../../main/shell/handlers.js';
import { createIpc, createTrustedSenders, send } from '../../main/shell/ipc.js';
import { createLinkOpener } from '../../main/shell/security.js';
import { createSettingsController } from '../../main/shell/settings-controller.js';
import { createApi } from '../../preload/api.js';
import type { Http } from '../../main/core/ports.js';
import { createTranslator, ENGLISH, type Translator } from '../../main/core/i18n/translate.js';
import type { Phrase } from '../../main/core/i18n/phrase.js';
import { createMemoryIpc } from './memory-ipc.js';
import { createScriptedEngine, type EngineCheck, type ScriptedEngineInit } from './scripted-engine.js';

type InvokeVerb = keyof typeof INVOKE_VERBS;
type EventVerb = keyof typeof EVENT_VERBS;

/** Verbs whose answer can be held back: a check (in the engine) or any other call (in the pipe). */
export type HoldableVerb = Exclude<InvokeVerb, 'openLink' | 'hideWindow'>;
/** Verbs whose work can fail in main. */
export type FailableVerb = EngineCheck | 'mute' | 'copyReport';

export interface TestBridgeInit extends ScriptedEngineInit {
  /** The settings in force: its values, locked keys and notices (catalog and bounds are the app's own). */
  readonly settings: SettingsView;
  /**
   * Notices of the settings store as main keeps them (phrases, e.g. `migrateSettings(...).notices`),
   * said in the window's language when main builds the view; after `settings.notices`.
   */
  readonly storeNotices?: readonly Phrase[];
  /** Verbs held from the start (see `hold`). */
  readonly hold?: readonly HoldableVerb[];
  /** Make these verbs fail in main, to show failure paths. */
  readonly fail?: readonly FailableVerb[];
  /** "Restart <client>": what the person answers in main's question (default Restart), and whether the client then closes by itself (default yes). */
  readonly restart?: { readonly confirm?: boolean; readonly exits?: boolean };
  /** The OS main runs on, for advice actions such as the time settings (default win32). */
  readonly platform?: NodeJS.Platform;
  /** `helpdesk.ticketUrl` and `helpdesk.contact` in force, for "Report a problem" (default: neither). */
  readonly helpdesk?: { readonly ticketUrl: string | null; readonly contact: string | null };
  /**
   * "Add a status page": what main's status Http answers, by exact address (real recorded
   * payloads, read by the test); any other address is refused as if nothing listened there.
   */
  readonly statusPages?: Readonly<Record<string, FakeStatusPage>>;
}

/** One answer of the fake status Http. */
export interface FakeStatusPage {
  /** Default 200. */
  readonly status?: number;
  /** Default `application/json`. */
  readonly contentType?: string;
  readonly body: string;
}

/** The status Http main would use, answering from `pages` only: the page never reaches a network. */
export function fakeStatusHttp(pages: Readonly<Record<string, FakeStatusPage>>, requested: string[] = []): Http {
  return {
    async get({ url }) {
      requested.push(url);
      const page = Object.hasOwn(pages, url) ? pages[url] : undefined;
      if (page === undefined) return { ok: false, failure: { kind: 'network', code: 'ECONNREFUSED', message: 'connection refused' } };
      const status = page.status ?? 200;
      if (status < 200 || status > 299) return { ok: false, failure: { kind: 'status', status, retryAfterMs: null } };
      const bytes = new TextEncoder().encode(page.body).length;
      return { ok: true, notModified: false, status, contentType: page.contentType ?? 'application/json', body: page.body, validators: { etag: null, lastModified: null }, bytes, finalUrl: url };
    },
  };
}

export interface BridgeCall {
  readonly verb: keyof AppApi;
  readonly args: readonly unknown[];
}

/** What a test can see and do from main's side. */
export interface BridgeControls {
  /** Every verb the window called and every listener it added, with the arguments main got. */
  readonly calls: readonly BridgeCall[];
  /** Main published a new view. */
  pushState(state: ViewState): void;
  /** Main asked the window to show a route (a notification or tray-menu click). */
  navigate(route: Route): void;
  hold(verb: HoldableVerb): void;
  /** Lets every held call of `verb` go on, and stops holding it. */
  release(verb: HoldableVerb): void;
  listenerCount(): { state: number; route: number };
  /** What main put on the clipboard, the pages it opened, how often it hid the window. */
  readonly clipboard: readonly string[];
  readonly opened: readonly string[];
  hidden(): number;
  /** The settings as saved. */
  settings(): Settings;
  /** What main logged (refused and failed calls). */
  readonly log: readonly string[];
  /** Each step of a client restart main took, in order ("confirm Teams", "quit 4242", "start Teams"). */
  readonly restarts: readonly string[];
  /** Every address main's status Http was asked for ("Add a status page"). */
  readonly requested: readonly string[];
}

const CHECKS: readonly string[] = ['refresh', 'runDiagnostics'] satisfies EngineCheck[];
const isCheck = (verb: string): verb is EngineCheck => CHECKS.includes(verb);

export function createTestBridge(init: TestBridgeInit): { api: AppApi; controls: BridgeControls } {
  const failing = new Set<string>(init.fail ?? []);
  const failIf = (verb: FailableVerb): void => {
    if (failing.has(verb)) throw new Error(`${verb} failed (test)`);
  };
  const engine = createScriptedEngine(init);
  for (const verb of init.fail ?? []) if (isCheck(verb)) engine.fail(verb);

  const clipboard: string[] = [];
  const opened: string[] = [];
  const log: string[] = [];
  const restarts: string[] = [];
  const requested: string[] = [];
  let hidden = 0;
  let saved: Settings = init.settings.values;
  const logger = {
    warn: (message: string) => void log.push(message),
    error: (message: string) => void log.push(message),
  };

  // Main's language is the one it tells the window (the view's `locale`), as in main.ts.
  const words = (): Translator => {
    const locale = engine.view().locale;
    return locale === undefined ? ENGLISH : createTranslator(locale.language, { locale: locale.locale });
  };
  const settings = createSettingsController({
    store: { current: () => saved, save: (next) => ((saved = next), true), notices: () => init.storeNotices ?? [] },
    applyPatch: applySettingsPatch,
    // The scenario's notices are words already; the store's are said as main says them.
    view: (values, locked, notices, t) => {
      const view = settingsView(values, locked, notices, t);
      return { ...view, notices: [...init.settings.notices, ...view.notices] };
    },
    words,
    locked: () => init.settings.locked,
    onChanged: (next) => void engine.applySettings(next),
    log: logger,
  });

  const pipe = createMemoryIpc();
  const trusted = createTrustedSenders();
  trusted.add(pipe.contents);
  // Wired as main.ts wires the app.
  createIpc({ ipcMain: pipe.ipcMain, trusted, log: logger }).handleAll(
    createInvokeHandlers({
      engine: {
        ...engine,
        mute: (preset) => (failIf('mute'), engine.mute(preset)),
      },
      settings,
      openLink: createLinkOpener({ findLink: (target) => engine.findLink(target), openExternal: async (url) => void opened.push(url), log: logger }),
      writeClipboard: (text) => (failIf('copyReport'), void clipboard.push(text)),
      hideWindow: () => void hidden++,
      // The OS is scripted (a real restart would quit a real app); the sequence and its words are the app's.
      restartClient: createClientRestarter(
        {
          platform: 'linux',
          locate: async (target) => ({ kind: 'executable', file: target.name, args: [] }),
          quit: async (target) => (restarts.push(`quit ${target.pid}`), { ok: true }),
          waitForExit: async (pid) => (restarts.push(`wait ${pid}`), init.restart?.exits ?? true),
          start: async (launch) => (restarts.push(`start ${launch.kind === 'executable' ? launch.file : '?'}`), { ok: true }),
        },
        async (target) => (restarts.push(`confirm ${target.name}`), init.restart?.confirm ?? true),
        words,
      ),
      runAdviceAction: createAdviceActionRunner({ platform: init.platform ?? 'win32', openExternal: async (url) => void opened.push(url), log: logger, words }),
      reportProblem: {
        helpdesk: () => init.helpdesk ?? { ticketUrl: null, contact: null },
        openExternal: async (url) => void opened.push(url),
        now: () => Date.now(),
        appVersion: '0.1.0',
        platform: init.platform ?? 'win32',
        log: logger,
      },
      addSource: { http: fakeStatusHttp(init.statusPages ?? {}, requested), clock: { now: () => Date.now() }, log: logger },
      words,
    }),
  );
  engine.onChange((view) => send(pipe.contents, 'state:changed', view));

  const verbOf = new Map<string, keyof AppApi>([
    ...Object.entries(INVOKE_VERBS).map(([verb, { channel }]) => [channel, verb as InvokeVerb] as const),
    ...Object.entries(EVENT_VERBS).map(([verb, channel]) => [channel, verb as EventVerb] as const),
  ]);
  const hold = (verb: HoldableVerb): void => (isCheck(verb) ? engine.hold(verb) : pipe.hold(INVOKE_VERBS[verb].channel));
  for (const verb of init.hold ?? []) hold(verb);

  const controls: BridgeControls = {
    get calls() {
      return pipe.traffic.map((t) => ({ verb: verbOf.get(t.channel) ?? ('?' as keyof AppApi), args: t.args }));
    },
    pushState: (state) => engine.publish(state),
    navigate: (route) => void send(pipe.contents, 'route:navigate', route),
    hold,
    release: (verb) => (isCheck(verb) ? engine.release(verb) : pipe.release(INVOKE_VERBS[verb].channel)),
    listenerCount: () => ({ state: pipe.listenerCount(EVENT_VERBS.onStateChanged), route: pipe.listenerCount(EVENT_VERBS.onNavigate) }),
    clipboard,
    opened,
    hidden: () => hidden,
    settings: () => saved,
    log,
    restarts,
    requested,
  };
  return { api: createApi(pipe.ipcRenderer), controls };
}
