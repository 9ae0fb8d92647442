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
  /** Verbs held from the start (see `hold`). */
  readonly hold?: readonly HoldableVerb[];
  /** Make these verbs fail in main, to show failure paths. */
  readonly fail?: readonly FailableVerb[];
  /** "Restart <client>": what the person answers in main's question (default Restart), and whether the client then closes by itself (default yes). */
  readonly restart?: { readonly confirm?: boolean; readonly exits?: boolean };
  /** The OS main runs on, for advice actions such as the time settings (default win32). */
  readonly platform?: NodeJS.Platform;
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
  let hidden = 0;
  let saved: Settings = init.settings.values;
  const logger = {
    warn: (message: string) => void log.push(message),
    error: (message: string) => void log.push(message),
  };

  const settings = createSettingsController({
    store: { current: () => saved, save: (next) => ((saved = next), true), notices: () => init.settings.notices },
    applyPatch: applySettingsPatch,
    view: settingsView,
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
      ),
      runAdviceAction: createAdviceActionRunner({ platform: init.platform ?? 'win32', openExternal: async (url) => void opened.push(url), log: logger }),
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
  };
  return { api: createApi(pipe.ipcRenderer), controls };
}
