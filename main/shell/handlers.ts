/**
 * The answer to every invoke channel, as one object typed by the contract (`InvokeHandlers`), so
 * a channel without a handler does not compile. Arguments arrive already checked by the IPC
 * wrapper; this file only maps each request to the engine, the settings or the OS.
 */
import type { LinkTarget, MutePreset, Settings, ViewState } from '../core/contract.js';
import type { InvokeHandlers } from './ipc.js';
import type { SettingsController } from './settings-controller.js';

/** Why the engine is asked for a check outside its schedule. */
export type RefreshReason = 'user' | 'resume' | 'unlock' | 'network-change';

/** The slice of the app engine (`main/node/app-engine.ts`) the shell drives. */
export interface EngineLike {
  view(): ViewState;
  refreshNow(reason: RefreshReason): unknown;
  runDiagnostics(): unknown;
  mute(preset: MutePreset): unknown;
  applySettings(settings: Settings): unknown;
  findLink(target: LinkTarget): string | null;
  helpdeskReport(): string;
}

export interface HandlerDeps {
  readonly engine: EngineLike;
  readonly settings: SettingsController;
  /** Opens a named link after checking it (security.ts createLinkOpener). */
  readonly openLink: (target: LinkTarget) => Promise<boolean>;
  /** `clipboard.writeText`. */
  readonly writeClipboard: (text: string) => void;
  readonly hideWindow: () => void;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

/** Builds the handlers for `Ipc.handleAll`. */
export function createInvokeHandlers(deps: HandlerDeps): InvokeHandlers {
  const { engine } = deps;
  const log = deps.log ?? console;

  // Checks take seconds; the window gets `refreshing: true` now and the result as state:changed.
  // The work starts synchronously, so the view returned right after already shows it running.
  const inBackground = (what: string, work: () => unknown): void => {
    try {
      Promise.resolve(work()).catch((error: unknown) => log.warn(`${what} failed`, error));
    } catch (error) {
      log.warn(`${what} failed`, error);
    }
  };

  return {
    'state:get': () => engine.view(),
    'state:refresh': () => {
      inBackground('refresh', () => engine.refreshNow('user'));
      return engine.view();
    },
    'notifications:mute': async (preset) => {
      await engine.mute(preset);
      return engine.view();
    },
    'settings:get': () => deps.settings.view(),
    'settings:update': (patch) => deps.settings.update(patch),
    'diagnostics:run': () => {
      inBackground('diagnostics', () => engine.runDiagnostics());
      return engine.view();
    },
    'link:open': (target) => deps.openLink(target),
    'report:copy': () => {
      const report = engine.helpdeskReport();
      deps.writeClipboard(report);
      return report;
    },
    'window:hide': () => deps.hideWindow(),
  };
}
