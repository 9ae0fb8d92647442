/**
 * The answer to every invoke channel, as one object typed by the contract (`InvokeHandlers`), so
 * a channel without a handler does not compile. Arguments arrive already checked by the IPC
 * wrapper; this file only maps each request to the engine, the settings or the OS.
 *
 * No Electron here: the handlers take the engine and small ports, so the app (main.ts, over
 * `ipcMain`) and the renderer tests (over an in-memory transport) run this same code, and every
 * verb resolves at the moment the contract's `InvokeVerbs` names, in both.
 */
import type { ReportRequest } from '../node/app-engine-api.js';
import type { AdviceItem } from '../core/advice/engine.js';
import type { CheckReport } from '../core/check.js';
import type { AdviceActionOutcome, LinkTarget, MutePreset, RestartOutcome, Settings, ViewState } from '../core/contract.js';
import type { RestartTarget } from '../node/client-restart-os.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import { createAddSourceHandlers, type AddSourceDeps } from './add-source.js';
import { advisedItem } from './advice-actions.js';
import type { InvokeHandlers } from './ipc.js';
import { createReportProblemHandlers, type ReportProblemDeps } from './report-problem.js';
import type { SettingsController } from './settings-controller.js';

/** Why the engine is asked for a check outside its schedule. */
export type RefreshReason = 'user' | 'resume' | 'unlock' | 'network-change';

/** The slice of the app engine (`main/node/app-engine.ts`) the shell drives. */
export interface EngineLike {
  /** The view as last published. */
  view(): ViewState;
  /** Publishes the `refreshing` view at once; settles after the finished check's view was published. */
  refreshNow(reason: RefreshReason): Promise<unknown>;
  /** As `refreshNow`, for the connectivity ladder alone. */
  runDiagnostics(): Promise<unknown>;
  /** Publishes the view with the new mute before it returns. */
  mute(preset: MutePreset): unknown;
  applySettings(settings: Settings): unknown;
  findLink(target: LinkTarget): string | null;
  helpdeskReport(request?: ReportRequest): { readonly summary: string; readonly text: string };
}

export interface HandlerDeps {
  readonly engine: EngineLike;
  readonly settings: SettingsController;
  /** Opens a named link after checking it (security.ts createLinkOpener). */
  readonly openLink: (target: LinkTarget) => Promise<boolean>;
  /** `clipboard.writeText` (a promise in newer Electron: the report is copied once it settles). */
  readonly writeClipboard: (text: string) => void | Promise<void>;
  readonly hideWindow: () => void;
  /** Asks, quits gracefully, waits and starts again (client-restart.ts `restartClient` with its steps). */
  readonly restartClient: (client: RestartTarget) => Promise<RestartOutcome>;
  /** Opens what one item of main's own advice names (advice-actions.ts `createAdviceActionRunner`). */
  readonly runAdviceAction: (item: AdviceItem, report: CheckReport) => Promise<AdviceActionOutcome>;
  /** "Report a problem": the helpdesk settings and `openExternal` (report-problem.ts); absent = no ticket form. */
  readonly reportProblem?: ReportProblemDeps;
  /** "Add a status page": the app's status Http and clock (add-source.ts); absent = every address answered as unavailable. */
  readonly addSource?: AddSourceDeps;
  /**
   * The person's language, as main decides it (main.ts: `appTranslator` with the `language`
   * setting): the words of every answer the window shows. Default English.
   */
  readonly words?: () => Translator;
}

/**
 * The client a `restart-client` item of the current advice names with this pid, or null. The pid
 * from the window is never used on its own: only a client main itself advised restarting can be.
 */
export function advisedClient(view: ViewState, pid: number): RestartTarget | null {
  const item = (view.report?.advice ?? []).find((a) => a.id === 'restart-client' && a.client?.pid === pid);
  return item?.client ?? null;
}

/** Builds the handlers for `Ipc.handleAll`. */
export function createInvokeHandlers(deps: HandlerDeps): InvokeHandlers {
  const { engine } = deps;
  const words = deps.words ?? (() => ENGLISH);
  return {
    'state:get': () => engine.view(),
    // Waiting for the check is the point: the window announces the result when this answers, so
    // answering on acceptance would make it speak before the new result is on screen. A failed
    // check rejects; the IPC wrapper logs it and the window says it could not refresh.
    'state:refresh': async () => {
      await engine.refreshNow('user');
      return engine.view();
    },
    'notifications:mute': async (preset) => {
      await engine.mute(preset);
      return engine.view();
    },
    'settings:get': () => deps.settings.view(),
    'settings:update': (patch) => deps.settings.update(patch),
    'diagnostics:run': async () => {
      await engine.runDiagnostics();
      return engine.view();
    },
    'link:open': (target) => deps.openLink(target),
    'report:copy': async () => {
      const { text } = engine.helpdeskReport();
      await deps.writeClipboard(text);
      return text;
    },
    'window:hide': () => deps.hideWindow(),
    'client:restart': async (pid) => {
      const client = advisedClient(engine.view(), pid);
      if (client === null) return { pid, outcome: 'refused', text: words().t('main.restart.notAdvised') };
      return deps.restartClient(client);
    },
    'advice:run': async (target) => {
      const view = engine.view();
      const report = view.report;
      const item = advisedItem(view, target);
      // Restarts and the report have their own verbs; anything else here comes from main's advice only.
      const runnable = item?.action?.kind === 'open-url' || item?.action?.kind === 'open-time-settings';
      if (report === null || item === null || !runnable) return { ...target, outcome: 'refused', text: words().t('main.action.notCurrent') };
      return deps.runAdviceAction(item, report);
    },
    ...createReportProblemHandlers({ engine, writeClipboard: deps.writeClipboard, reportProblem: deps.reportProblem, words }),
    ...createAddSourceHandlers(deps.addSource, words),
  };
}
