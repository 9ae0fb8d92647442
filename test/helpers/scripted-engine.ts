/**
 * A scripted stand-in for the app engine (`main/node/app-engine.ts`), for the test bridge: it
 * answers from ViewStates a scenario gives instead of fetching, but publishes in the engine's
 * order, which is what the window can observe: a check publishes `refreshing: true` at once,
 * then (when the test lets the check finish) the finished view, and only then settles.
 *
 * Browser built-ins only: it is bundled into the renderer tests' page.
 */
import type { LinkTarget, MutePreset, Settings, ViewState } from '../../main/core/contract.js';
import { muteUntil } from '../../main/core/settings/settings.js';
import type { EngineLike } from '../../main/shell/handlers.js';
import { buildDiagnosticsReport, type MachineFacts } from '../../main/core/helpdesk/diagnostics-report.js';

/** A made-up computer for the report: the real builder runs, on facts that are the same everywhere. */
const TEST_MACHINE: MachineFacts = { appVersion: '0.1.0', platform: 'linux', release: '6.1.0', locale: 'en-US', timeZone: 'UTC', userName: 'jdoe', homeDir: '/home/jdoe', hostName: 'desk-42' };

/** The engine work a test can hold back ("the check finishes later") or make fail. */
export type EngineCheck = 'refresh' | 'runDiagnostics';

export interface ScriptedEngineInit {
  readonly state: ViewState;
  /** The view a finished refresh publishes; default: the current one, not refreshing, updated now. */
  readonly afterRefresh?: ViewState | null;
  /** The view a finished network check publishes; default: the current one, not refreshing. */
  readonly afterDiagnostics?: ViewState | null;
  /** What the helpdesk report says; default the real diagnostics report of the state shown. */
  readonly reportText?: string;
}

export interface ScriptedEngine extends EngineLike {
  onChange(listener: (view: ViewState) => void): () => void;
  /** Main published a new view on its own (a scheduled poll finished). */
  publish(view: ViewState): void;
  /** Checks of this kind wait until `release`. */
  hold(check: EngineCheck): void;
  release(check: EngineCheck): void;
  /** Checks of this kind fail (after publishing that nothing is running any more). */
  fail(check: EngineCheck): void;
  /** Settings handed over by the settings controller, in order. */
  readonly applied: readonly Settings[];
}

export function createScriptedEngine(init: ScriptedEngineInit): ScriptedEngine {
  let state = init.state;
  let running = 0;
  const listeners = new Set<(view: ViewState) => void>();
  const held = new Set<EngineCheck>();
  const failing = new Set<EngineCheck>();
  const waiting = new Map<EngineCheck, (() => void)[]>();
  const applied: Settings[] = [];

  const view = (): ViewState => ({ ...state, refreshing: state.refreshing || running > 0 });
  const publish = (next: ViewState): void => {
    state = next;
    const shown = view();
    for (const listener of [...listeners]) listener(shown);
  };

  const check = async (kind: EngineCheck, finished: () => ViewState): Promise<ViewState> => {
    running += 1;
    publish(state);
    try {
      if (held.has(kind)) await new Promise<void>((resume) => waiting.set(kind, [...(waiting.get(kind) ?? []), resume]));
      if (failing.has(kind)) throw new Error(`${kind} failed (test)`);
      state = finished();
    } finally {
      running -= 1;
      publish(state);
    }
    return view();
  };

  return {
    view,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    publish,
    refreshNow: () =>
      check('refresh', () => init.afterRefresh ?? { ...state, refreshing: false, fromCache: false, updatedAt: new Date(Date.now()).toISOString() }),
    runDiagnostics: () => check('runDiagnostics', () => init.afterDiagnostics ?? { ...state, refreshing: false }),
    mute(preset: MutePreset) {
      publish({ ...state, mutedUntil: muteUntil(preset, new Date(Date.now()))?.toISOString() ?? null });
      return view();
    },
    applySettings: (settings: Settings) => void applied.push(settings),
    // The engine looks links up in its own state; any named link resolves to a page here.
    findLink: (target: LinkTarget) => `https://status.example/${target.kind}`,
    helpdeskReport: (request) =>
      init.reportText !== undefined
        ? { summary: init.reportText.split('\n')[0] ?? '', text: init.reportText }
        : buildDiagnosticsReport({
            report: state.report,
            machine: TEST_MACHINE,
            now: Date.now(),
            history: [],
            knowledgeBase: request?.knowledgeBase ?? null,
            typed: request?.typed ?? null,
            ...(request?.serviceId !== undefined ? { serviceId: request.serviceId } : {}),
            ...(request?.shownIncidents !== undefined ? { shownIncidents: request.shownIncidents } : {}),
            include: [],
          }),
    hold: (kind) => void held.add(kind),
    release(kind) {
      held.delete(kind);
      const queue = waiting.get(kind) ?? [];
      waiting.delete(kind);
      for (const resume of queue) resume();
    },
    fail: (kind) => void failing.add(kind),
    applied,
  };
}
