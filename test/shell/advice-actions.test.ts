/**
 * advice:run through the app's own IPC wrapper and handlers: the window names an advice item, main
 * looks it up in its current report and opens only what that item's action says (the OS is a fake
 * `shell.openExternal` that records what it was asked to open).
 */
import { describe, expect, it } from 'vitest';
import { adviseNow, type AdviceItem } from '../../main/core/advice/engine.js';
import type { CheckReport } from '../../main/core/check.js';
import type { ViewState } from '../../main/core/contract.js';
import { applySettingsPatch, DEFAULT_SETTINGS, settingsView } from '../../main/core/settings/settings.js';
import type { VerdictKind } from '../../main/core/verdict/connectivity-model.js';
import { NCSI_CHECK } from '../../main/core/verdict/probe-targets.js';
import { createAdviceActionRunner, timeSettingsByHand } from '../../main/shell/advice-actions.js';
import { createInvokeHandlers, type EngineLike } from '../../main/shell/handlers.js';
import { createIpc, createTrustedSenders } from '../../main/shell/ipc.js';
import { APP_INDEX_URL } from '../../main/shell/protocol.js';
import { createSettingsController } from '../../main/shell/settings-controller.js';
import { FakeIpcMain, FakeWebContents } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';

const NOW = Date.parse('2026-01-22T15:00:00Z');
const BASE: ViewState = { report: null, fromCache: false, refreshing: false, mutedUntil: null, tray: 'unknown', overall: 'unknown', updatedAt: null };

/** The advice the engine gives for this verdict (Outlook's incident and its web version answering for the provider ones). */
function adviceFor(kind: VerdictKind): AdviceItem[] {
  return adviseNow({
    now: NOW,
    verdict: { kind, advice: 'Verdict advice.', serviceIds: kind === 'provider-incident' ? ['outlook'] : [] },
    services: [
      {
        id: 'outlook',
        name: 'Exchange Online',
        health: kind === 'provider-incident' ? 'outage' : 'operational',
        incidents: kind === 'provider-incident' ? [{ id: 'MO1221364', title: 'Mail delays', status: 'investigating', endedAt: null }] : [],
      },
    ],
    channels: [],
    clients: [],
    webAnswers: ['outlook'],
  });
}

/** A report as main holds it: its advice, and the ladder's captive checks (a portal met at the NCSI URL). */
function reportWith(advice: readonly AdviceItem[], captiveUrl: string = NCSI_CHECK.url): CheckReport {
  const captive = [{ check: { ...NCSI_CHECK, url: captiveUrl }, outcome: 'portal', durationMs: 12, httpStatus: 302, location: 'http://portal.example/login', errorCode: null, detail: 'redirected' }];
  return { advice, probes: { captive } } as unknown as CheckReport;
}

function setup(platform: NodeJS.Platform = 'win32', failOpen = false) {
  let view: ViewState = BASE;
  const engine: EngineLike = {
    view: () => view,
    refreshNow: async () => undefined,
    runDiagnostics: async () => undefined,
    mute: () => undefined,
    applySettings: () => undefined,
    findLink: () => null,
    helpdeskReport: () => ({ summary: '', text: '' }),
  };
  const log = new MemoryLog();
  const externals: string[] = [];
  const handlers = createInvokeHandlers({
    engine,
    settings: createSettingsController({
      store: { current: () => DEFAULT_SETTINGS, save: () => true, notices: () => [] },
      applyPatch: applySettingsPatch,
      view: settingsView,
      locked: () => [],
      onChanged: () => undefined,
      log,
    }),
    openLink: async () => false,
    writeClipboard: () => undefined,
    hideWindow: () => undefined,
    restartClient: async (client) => ({ pid: client.pid, outcome: 'refused', text: '' }),
    runAdviceAction: createAdviceActionRunner({
      platform,
      // shell.openExternal: records, or rejects as it does when the OS has no handler for the URI.
      openExternal: async (url) => {
        externals.push(url);
        if (failOpen) throw new Error('no application is registered');
      },
      log,
    }),
  });
  const ipcMain = new FakeIpcMain();
  const trusted = createTrustedSenders();
  createIpc({ ipcMain, trusted, log }).handleAll(handlers);
  const window = new FakeWebContents();
  trusted.add(window);
  const run = (target: unknown) => ipcMain.invoke({ id: window.id, url: APP_INDEX_URL }, 'advice:run', target);
  return { run, externals, log, show: (report: CheckReport) => void (view = { ...BASE, report }) };
}

describe('advice:run', () => {
  it('opens the web version the current advice names, over https, for that service only', async () => {
    const advice = adviceFor('provider-incident');
    expect(advice.find((a) => a.id === 'use-web-version')?.action).toMatchObject({ kind: 'open-url', url: 'https://outlook.office.com/' });
    const { run, externals, show } = setup();
    show(reportWith(advice));
    await expect(run({ id: 'use-web-version', service: 'outlook' })).resolves.toEqual({
      id: 'use-web-version',
      service: 'outlook',
      outcome: 'opened',
      text: 'Outlook on the web was opened in your browser.',
    });
    expect(externals).toEqual(['https://outlook.office.com/']);
    // Teams has no such item in this advice: nothing is opened.
    await expect(run({ id: 'use-web-version', service: 'teams' })).resolves.toMatchObject({ outcome: 'refused' });
    expect(externals).toHaveLength(1);
  });

  it('refuses an advice id that is not in the current report, before any report, and items whose button is not its own', async () => {
    const { run, externals, show } = setup();
    await expect(run({ id: 'fix-clock', service: null })).resolves.toMatchObject({ outcome: 'refused' });
    show(reportWith(adviceFor('provider-incident')));
    // The clock is fine in this report; the helpdesk item's button is the report copy, not an opener.
    await expect(run({ id: 'fix-clock', service: null })).resolves.toMatchObject({ id: 'fix-clock', outcome: 'refused' });
    await expect(run({ id: 'call-helpdesk', service: 'outlook' })).resolves.toMatchObject({ outcome: 'refused' });
    // A URL smuggled along is refused by the guard and never reaches the handler.
    await expect(run({ id: 'use-web-version', service: 'outlook', url: 'https://evil.example/' })).rejects.toThrow();
    expect(externals).toEqual([]);
  });

  it('never opens a web version that is not https, even from main\'s own advice', async () => {
    const { run, externals, show, log } = setup();
    const item: AdviceItem = { id: 'use-web-version', service: 'outlook', title: 't', text: 't', action: { kind: 'open-url', label: 'Open it', url: 'file:///etc/passwd' } };
    show(reportWith([item]));
    await expect(run({ id: 'use-web-version', service: 'outlook' })).resolves.toMatchObject({ outcome: 'refused' });
    expect(externals).toEqual([]);
    expect(log.has('only https links are opened')).toBe(true);
  });

  it('opens the date and time settings by their fixed URI on Windows and macOS, and says how by hand on Linux', async () => {
    const advice = adviceFor('clock-skew');
    expect(advice[0]?.id).toBe('fix-clock');
    for (const [platform, uri] of [
      ['win32', 'ms-settings:dateandtime'],
      ['darwin', 'x-apple.systempreferences:com.apple.preference.datetime'],
    ] as const) {
      const { run, externals, show } = setup(platform);
      show(reportWith(advice));
      await expect(run({ id: 'fix-clock', service: null })).resolves.toMatchObject({ outcome: 'opened', text: expect.stringContaining('Set time automatically') });
      expect(externals).toEqual([uri]);
    }
    const linux = setup('linux');
    linux.show(reportWith(advice));
    await expect(linux.run({ id: 'fix-clock', service: null })).resolves.toEqual({ id: 'fix-clock', service: null, outcome: 'manual', text: timeSettingsByHand() });
    expect(linux.externals).toEqual([]);
  });

  it('when the OS cannot open the settings, says how to do it by hand', async () => {
    const { run, show } = setup('win32', true);
    show(reportWith(adviceFor('clock-skew')));
    await expect(run({ id: 'fix-clock', service: null })).resolves.toEqual({ id: 'fix-clock', service: null, outcome: 'manual', text: timeSettingsByHand() });
  });

  it('opens the sign-in page at the plain-http captive check URL the ladder probed, for sign-in-wifi only', async () => {
    const advice = adviceFor('captive-portal');
    expect(advice[0]?.id).toBe('sign-in-wifi');
    const { run, externals, show } = setup();
    show(reportWith(advice, 'http://captive.corp.example/check.txt'));
    await expect(run({ id: 'sign-in-wifi', service: null })).resolves.toMatchObject({ outcome: 'opened', text: expect.stringContaining('sign-in page was opened') });
    expect(externals).toEqual(['http://captive.corp.example/check.txt']);
    // A plain-http URL anywhere else is refused: use-web-version stays https only.
    const other = setup();
    other.show(reportWith([{ id: 'use-web-version', service: 'outlook', title: 't', text: 't', action: { kind: 'open-url', label: 'Open', url: 'http://captive.corp.example/check.txt' } }]));
    await expect(other.run({ id: 'use-web-version', service: 'outlook' })).resolves.toMatchObject({ outcome: 'refused' });
    expect(other.externals).toEqual([]);
  });

  it('without a plain-http captive check in the report, says how to reach the sign-in page by hand', async () => {
    const { run, externals, show } = setup();
    show(reportWith(adviceFor('captive-portal'), 'https://captive.corp.example/'));
    await expect(run({ id: 'sign-in-wifi', service: null })).resolves.toMatchObject({ outcome: 'manual', text: expect.stringContaining('http://') });
    expect(externals).toEqual([]);
  });
});
