import { describe, expect, it } from 'vitest';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { CheckReport } from '../../main/core/check.js';
import type { LinkTarget, MutePreset, RestartOutcome, Settings, SettingsUpdateResult, ViewState } from '../../main/core/contract.js';
import type { RestartTarget } from '../../main/node/client-restart-os.js';
import { applySettingsPatch, DEFAULT_SETTINGS, settingsView } from '../../main/core/settings/settings.js';
import { createInvokeHandlers, type EngineLike, type RefreshReason } from '../../main/shell/handlers.js';
import { createIpc, createTrustedSenders, IPC_FAILED } from '../../main/shell/ipc.js';
import { APP_INDEX_URL } from '../../main/shell/protocol.js';
import { phrase } from '../../main/core/i18n/phrase.js';
import { createTranslator } from '../../main/core/i18n/translate.js';
import { createSettingsController } from '../../main/shell/settings-controller.js';
import { FakeIpcMain, FakeWebContents } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';

const VIEW: ViewState = { report: null, fromCache: false, refreshing: false, mutedUntil: null, tray: 'unknown', overall: 'unknown', updatedAt: null };

/** A stand-in engine that records what it was asked. */
class RecordingEngine implements EngineLike {
  readonly refreshes: RefreshReason[] = [];
  readonly mutes: MutePreset[] = [];
  readonly applied: Settings[] = [];
  diagnostics = 0;
  state: ViewState = VIEW;
  view = (): ViewState => this.state;
  /** Lets the running check finish; set while one runs. */
  finishCheck: (() => void) | null = null;
  refreshNow = async (reason: RefreshReason): Promise<void> => {
    this.refreshes.push(reason);
    this.state = { ...this.state, refreshing: true };
    await new Promise<void>((resolve) => (this.finishCheck = resolve));
    this.state = { ...this.state, refreshing: false, updatedAt: '2030-01-01T00:00:00.000Z' };
  };
  runDiagnostics = async (): Promise<void> => {
    this.diagnostics++;
    throw new Error('ladder exploded');
  };
  mute = (preset: MutePreset): void => {
    this.mutes.push(preset);
    this.state = { ...this.state, mutedUntil: preset === 'off' ? null : '2030-01-01T00:00:00.000Z' };
  };
  applySettings = (settings: Settings): void => void this.applied.push(settings);
  findLink = (target: LinkTarget): string | null => (target.kind === 'helpdesk' ? 'https://helpdesk.example/' : null);
  helpdeskReport = (): { summary: string; text: string } => ({ summary: 'Outage Radar report', text: 'Outage Radar report\nAll good' });
}

function setup() {
  const engine = new RecordingEngine();
  let saved: Settings = DEFAULT_SETTINGS;
  const autostartCalls: boolean[] = [];
  const log = new MemoryLog();
  const settings = createSettingsController({
    store: { current: () => saved, save: (next) => ((saved = next), true), notices: () => [phrase('settings.file.moved', { file: 'settings.corrupt-1.json' })] },
    applyPatch: applySettingsPatch,
    view: settingsView,
    locked: () => ['orgFeedUrl'],
    onChanged: (next, previous) => {
      engine.applySettings(next);
      if (next.startAtLogin !== previous.startAtLogin) autostartCalls.push(next.startAtLogin);
    },
    log,
  });
  const clipboard: string[] = [];
  const opened: LinkTarget[] = [];
  let hidden = 0;
  const restarted: RestartTarget[] = [];
  const handlers = createInvokeHandlers({
    engine,
    settings,
    openLink: async (target) => (opened.push(target), engine.findLink(target) !== null),
    writeClipboard: (text) => void clipboard.push(text),
    hideWindow: () => void hidden++,
    restartClient: async (client): Promise<RestartOutcome> => (restarted.push(client), { pid: client.pid, outcome: 'restarted', text: `${client.name} was restarted.` }),
    // Advice actions have their own tests (advice-actions.test.ts).
    runAdviceAction: async (item) => ({ id: item.id, service: item.service, outcome: 'refused', text: '' }),
  });
  // Wired exactly as main.ts does: through the checked IPC wrapper.
  const ipcMain = new FakeIpcMain();
  const trusted = createTrustedSenders();
  createIpc({ ipcMain, trusted, log }).handleAll(handlers);
  const window = new FakeWebContents();
  trusted.add(window);
  const invoke = (channel: string, ...args: unknown[]) => ipcMain.invoke({ id: window.id, url: APP_INDEX_URL }, channel, ...args);
  return { engine, invoke, clipboard, opened, autostartCalls, log, restarted, hidden: () => hidden, saved: () => saved };
}

describe('invoke handlers', () => {
  it('answers state:get; a user refresh answers only when the check is done, with its result', async () => {
    const { engine, invoke } = setup();
    await expect(invoke('state:get')).resolves.toEqual(VIEW);
    let answer: ViewState | null = null;
    const pending = invoke('state:refresh').then((view) => (answer = view as ViewState));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.refreshes).toEqual(['user']);
    expect(answer).toBeNull();
    engine.finishCheck?.();
    await pending;
    expect(answer).toMatchObject({ refreshing: false, updatedAt: '2030-01-01T00:00:00.000Z' });
  });

  it('mutes and answers with the muted state', async () => {
    const { engine, invoke } = setup();
    const answer = (await invoke('notifications:mute', '4h')) as ViewState;
    expect(engine.mutes).toEqual(['4h']);
    expect(answer.mutedUntil).not.toBeNull();
  });

  it('answers diagnostics when the run is done; a failure is logged and the window gets only a generic error', async () => {
    const { engine, invoke, log } = setup();
    await expect(invoke('diagnostics:run')).rejects.toThrow(IPC_FAILED);
    expect(engine.diagnostics).toBe(1);
    expect(log.has('diagnostics:run failed')).toBe(true);
    expect(log.has('ladder exploded')).toBe(true);
  });

  it('copies the helpdesk report to the clipboard and returns it', async () => {
    const { invoke, clipboard } = setup();
    await expect(invoke('report:copy')).resolves.toBe('Outage Radar report\nAll good');
    expect(clipboard).toEqual(['Outage Radar report\nAll good']);
  });

  it('restarts only a client the current advice names, looked up by pid in main\'s own report', async () => {
    const { engine, invoke, restarted } = setup();
    const teams = { name: 'Teams', service: 'teams', pid: 4242, startedAt: '2021-04-27T11:02:00Z' };
    const advice: AdviceItem[] = [
      { id: 'restart-client', service: 'teams', title: 'Restart Teams', text: '…', action: { kind: 'restart-client', label: 'Restart Teams', pid: 4242, name: 'Teams' }, client: teams },
      { id: 'call-helpdesk', service: null, title: 'Call', text: '…', action: { kind: 'copy-report', label: 'Copy' } },
    ];
    // Before any report, and for a pid the advice does not name (another process of the user's), nothing is restarted.
    await expect(invoke('client:restart', 4242)).resolves.toMatchObject({ pid: 4242, outcome: 'refused' });
    engine.state = { ...VIEW, report: { advice } as unknown as CheckReport };
    await expect(invoke('client:restart', 1)).resolves.toMatchObject({ pid: 1, outcome: 'refused' });
    expect(restarted).toEqual([]);
    await expect(invoke('client:restart', 4242)).resolves.toEqual({ pid: 4242, outcome: 'restarted', text: 'Teams was restarted.' });
    expect(restarted).toEqual([teams]);
    // Once the advice no longer names it (the report moved on), the same pid is refused again.
    engine.state = { ...VIEW, report: { advice: advice.slice(1) } as unknown as CheckReport };
    await expect(invoke('client:restart', 4242)).resolves.toMatchObject({ outcome: 'refused' });
    expect(restarted).toHaveLength(1);
  });

  it('opens links by name and hides the window on request', async () => {
    const { invoke, opened, hidden } = setup();
    await expect(invoke('link:open', { kind: 'helpdesk' })).resolves.toBe(true);
    await expect(invoke('link:open', { kind: 'source', sourceId: 'nope' })).resolves.toBe(false);
    expect(opened).toHaveLength(2);
    await invoke('window:hide');
    expect(hidden()).toBe(1);
  });
});

describe('settings through IPC', () => {
  it('shows values, locks and notices', async () => {
    const { invoke } = setup();
    const view = (await invoke('settings:get')) as SettingsUpdateResult['view'];
    expect(view.values).toEqual(DEFAULT_SETTINGS);
    expect(view.locked).toEqual(['orgFeedUrl']);
    expect(view.notices).toEqual(['Your settings file was damaged and has been reset. The old file was kept as settings.corrupt-1.json.']);
  });

  it('saves an accepted change, hands it to the engine and switches start at login', async () => {
    const { invoke, engine, autostartCalls, saved } = setup();
    const result = (await invoke('settings:update', { startAtLogin: false, notifications: { onResolved: false } })) as SettingsUpdateResult;
    expect(result.ok).toBe(true);
    expect(saved().startAtLogin).toBe(false);
    expect(saved().notifications.onResolved).toBe(false);
    expect(engine.applied).toEqual([saved()]);
    expect(autostartCalls).toEqual([false]);
    expect(result.view.values).toEqual(saved());
  });

  it('refuses a change of a policy-locked setting with a problem, keeping everything as it was', async () => {
    const { invoke, engine, saved } = setup();
    const result = (await invoke('settings:update', { orgFeedUrl: 'https://feed.example/org.json', startAtLogin: false })) as SettingsUpdateResult;
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems).toEqual([
      { at: ['orgFeedUrl'], reason: 'problem.settings.managed', text: 'orgFeedUrl: Managed by your organization', what: 'Managed by your organization' },
    ]);
    expect(saved()).toEqual(DEFAULT_SETTINGS);
    expect(engine.applied).toEqual([]);
  });

  it('keeps an accepted change when applying part of it fails, and says so', async () => {
    let saved: Settings = DEFAULT_SETTINGS;
    const controller = createSettingsController({
      store: { current: () => saved, save: () => false, notices: () => [] },
      applyPatch: applySettingsPatch,
      view: settingsView,
      locked: () => [],
      onChanged: (next) => {
        saved = next;
        throw new Error('the login item could not be written');
      },
      log: new MemoryLog(),
    });
    const result = await controller.update({ startAtLogin: false });
    expect(result.ok).toBe(true);
    expect(result.view.notices).toEqual([
      'Your settings could not be saved; they apply until Outage Radar is closed.',
      'Part of the change could not be applied: the login item could not be written',
    ]);
  });

  it('says problems and notices in the language in force when it answers (it can change while the app runs)', async () => {
    let saved: Settings = DEFAULT_SETTINGS;
    let language: 'en' | 'de' = 'de';
    const controller = createSettingsController({
      store: { current: () => saved, save: () => false, notices: () => [phrase('settings.file.moved', { file: 'settings.corrupt-1.json' })] },
      applyPatch: applySettingsPatch,
      view: settingsView,
      locked: () => ['tenantName'],
      onChanged: (next) => void (saved = next),
      words: () => createTranslator(language),
      log: new MemoryLog(),
    });
    const refused = await controller.update({ orgFeedUrl: 'http://feed.example/org.json', tenantName: 'fabrikam', fontSize: 12 });
    expect(refused.ok === false && refused.problems).toEqual([
      {
        at: ['orgFeedUrl'],
        reason: 'problem.url.plainHttp',
        text: 'orgFeedUrl: unverschlüsseltes http ist nur für diesen Rechner (Loopback) erlaubt; verwenden Sie https für feed.example',
        what: 'unverschlüsseltes http ist nur für diesen Rechner (Loopback) erlaubt; verwenden Sie https für feed.example',
      },
      { at: ['tenantName'], reason: 'problem.settings.managed', text: 'tenantName: Von Ihrer Organisation verwaltet', what: 'Von Ihrer Organisation verwaltet' },
      { at: ['fontSize'], reason: 'problem.settings.notWindow', text: 'fontSize: keine Einstellung, die das Fenster ändern kann', what: 'keine Einstellung, die das Fenster ändern kann' },
    ]);
    expect(refused.view.notices).toEqual(['Ihre Einstellungsdatei war beschädigt und wurde zurückgesetzt. Die alte Datei wurde als settings.corrupt-1.json aufbewahrt.']);
    const saidInGerman = await controller.update({ startAtLogin: false });
    expect(saidInGerman.view.notices).toContain('Ihre Einstellungen konnten nicht gespeichert werden; sie gelten, bis Outage Radar beendet wird.');
    language = 'en';
    expect(controller.view().notices).toEqual([
      'Your settings file was damaged and has been reset. The old file was kept as settings.corrupt-1.json.',
      'Your settings could not be saved; they apply until Outage Radar is closed.',
    ]);
  });
});
