/**
 * The renderer tests' bridge is the app's own IPC stack over an in-memory pipe. These tests pin
 * what the window can observe of it, so the renderer tests cannot pass on a bridge that means
 * something else than the app's: when each verb resolves, that guards and cloning still apply.
 */
import { describe, expect, it } from 'vitest';
import type { SettingsPatch, ViewState } from '../../main/core/contract.js';
import { IPC_REFUSED } from '../../main/shell/ipc.js';
import { createTestBridge, type TestBridgeInit } from '../helpers/test-bridge.js';
import { okState, outageState, settingsView } from '../renderer/scenarios.js';

function bridge(extra: Partial<TestBridgeInit> = {}) {
  return createTestBridge({ state: outageState(), settings: settingsView(), ...extra });
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('test bridge: one meaning for every verb', () => {
  it('refresh resolves only after the finished check was published, and the push arrives first', async () => {
    const { api, controls } = bridge({ afterRefresh: okState(), hold: ['refresh'] });
    const seen: string[] = [];
    api.onStateChanged((state) => seen.push(state.refreshing ? 'push: refreshing' : `push: ${state.tray}`));
    let answered = false;
    const answer = api.refresh().then((state) => {
      answered = true;
      seen.push(`answer: ${state.tray}`);
      return state;
    });
    await tick();
    expect(seen).toEqual(['push: refreshing']);
    expect(answered).toBe(false);
    controls.release('refresh');
    expect((await answer).refreshing).toBe(false);
    expect(seen).toEqual(['push: refreshing', 'push: ok', 'answer: ok']);
  });

  it('runDiagnostics resolves with the published result of the check', async () => {
    const { api } = bridge({ afterDiagnostics: okState() });
    const pushes: ViewState[] = [];
    api.onStateChanged((state) => pushes.push(state));
    const state = await api.runDiagnostics();
    expect(state.tray).toBe('ok');
    expect(pushes.at(-1)).toEqual(state);
  });

  it('mute resolves with the published view that carries the pause', async () => {
    const { api } = bridge();
    const pushes: ViewState[] = [];
    api.onStateChanged((state) => pushes.push(state));
    const state = await api.mute('1h');
    expect(state.mutedUntil).not.toBeNull();
    expect(pushes.at(-1)?.mutedUntil).toBe(state.mutedUntil);
  });

  it('a failed check rejects with the generic error Electron hands the window, and is logged', async () => {
    const { api, controls } = bridge({ fail: ['refresh'] });
    await expect(api.refresh()).rejects.toThrow(`Error invoking remote method 'state:refresh': Error: request failed`);
    expect(controls.log.join('\n')).toContain('state:refresh failed');
  });

  it('copyReport resolves once the text is on the clipboard; hideWindow and openLink reach the OS', async () => {
    const { api, controls } = bridge({ reportText: 'report text' });
    await expect(api.copyReport()).resolves.toBe('report text');
    expect(controls.clipboard).toEqual(['report text']);
    await api.hideWindow();
    expect(controls.hidden()).toBe(1);
    await expect(api.openLink({ kind: 'helpdesk' })).resolves.toBe(true);
    expect(controls.opened).toEqual(['https://status.example/helpdesk']);
  });
});

describe('test bridge: the app’s checks still apply', () => {
  it('runs the argument guards: a bad argument is refused before any handler, as in the app', async () => {
    const { api, controls } = bridge();
    const mute = api.mute as (preset: unknown) => Promise<unknown>;
    await expect(mute('forever')).rejects.toThrow(IPC_REFUSED);
    await expect(api.updateSettings(JSON.parse('{"__proto__": {"x": 1}}') as SettingsPatch)).rejects.toThrow(IPC_REFUSED);
    await expect(api.updateSettings({ startAtLogin: 'yes' } as unknown as SettingsPatch)).rejects.toThrow(IPC_REFUSED);
    expect(controls.log.join('\n')).toContain('unknown mute preset');
    expect(controls.log.join('\n')).toContain('forbidden key "__proto__"');
    expect(controls.settings().startAtLogin).toBe(true);
  });

  it('clones like Electron: a value structured clone cannot copy fails in the window', async () => {
    const { api, controls } = bridge();
    const patch = { startAtLogin: false, later: () => undefined } as unknown as SettingsPatch;
    await expect(api.updateSettings(patch)).rejects.toThrow(/could not be cloned/);
    expect(controls.settings().startAtLogin).toBe(true);
  });

  it('answers are copies: changing one in the window changes nothing in main', async () => {
    const { api } = bridge();
    const first = (await api.getState()) as { tray: string };
    first.tray = 'ok';
    expect((await api.getState()).tray).toBe('outage');
  });

  it('settings go through the app’s settings rules: a locked key is refused, an accepted change is saved', async () => {
    const locked = settingsView({ locked: ['orgFeedUrl'] });
    const { api, controls } = bridge({ settings: locked });
    const refused = await api.updateSettings({ orgFeedUrl: 'https://status.contoso.com/feed.json' });
    expect(refused.ok).toBe(false);
    const accepted = await api.updateSettings({ startAtLogin: false });
    expect(accepted).toMatchObject({ ok: true, view: { values: { startAtLogin: false }, locked: ['orgFeedUrl'] } });
    expect(controls.settings().startAtLogin).toBe(false);
  });

  it('records what the window called, with the arguments main received', async () => {
    const { api, controls } = bridge();
    api.onNavigate(() => undefined);
    await api.mute('4h');
    expect(controls.calls).toEqual([
      { verb: 'onNavigate', args: [] },
      { verb: 'mute', args: ['4h'] },
    ]);
    expect(controls.listenerCount()).toEqual({ state: 0, route: 1 });
  });
});
