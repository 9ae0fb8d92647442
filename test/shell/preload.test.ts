import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_VERBS, INVOKE_CHANNELS, INVOKE_VERBS, type AppApi, type Route, type ViewState } from '../../main/core/contract.js';
import { createApi, type IpcRendererLike } from '../../preload/api.js';

/** `ipcRenderer` as the preload sees it: invoke records, `emit` plays a push from main. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return `answer to ${channel}`;
  }
}

const VIEW: ViewState = { report: null, fromCache: false, refreshing: false, mutedUntil: null, tray: 'ok', overall: 'operational', updatedAt: null };

// The real preload module imports `electron`, which outside Electron is only a path; this stand-in
// records what the preload exposes (and keeps the package from trying to download a binary).
const exposed = vi.hoisted(() => ({ key: null as string | null, api: null as unknown }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), { invoke: async () => undefined });
  return {
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed.key = key;
        exposed.api = api;
      },
    },
  };
});

describe('preload bridge', () => {
  it('maps every verb to its contract channel, forwarding only the declared arguments', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createApi(ipc);
    await expect(api.getState()).resolves.toBe('answer to state:get');
    await api.mute('1h');
    await api.openLink({ kind: 'helpdesk' });
    await api.updateSettings({ startAtLogin: false });
    // A page script calling with extra arguments cannot smuggle them to main.
    await (api.refresh as (...args: unknown[]) => Promise<unknown>)('extra', { evil: true });
    await (api.mute as (...args: unknown[]) => Promise<unknown>)('4h', 'extra');
    expect(ipc.invoked).toEqual([
      { channel: 'state:get', args: [] },
      { channel: 'notifications:mute', args: ['1h'] },
      { channel: 'link:open', args: [{ kind: 'helpdesk' }] },
      { channel: 'settings:update', args: [{ startAtLogin: false }] },
      { channel: 'state:refresh', args: [] },
      { channel: 'notifications:mute', args: ['4h'] },
    ]);
  });

  it('reaches every contract channel from exactly one verb, and nothing else', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createApi(ipc) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const verb of Object.keys(INVOKE_VERBS)) await api[verb]?.('a', 'b');
    const channels = ipc.invoked.map((call) => call.channel);
    expect(channels).toEqual([...INVOKE_CHANNELS]);
    expect(new Set(channels).size).toBe(channels.length);
    // Each verb forwarded exactly the number of arguments its contract signature has.
    expect(ipc.invoked.map((call) => call.args.length)).toEqual(Object.values(INVOKE_VERBS).map((verb) => verb.arity));
  });

  it('exposes exactly the AppApi verbs, frozen, and no channel names or ipcRenderer', () => {
    const api = createApi(new FakeIpcRenderer());
    const expected: Array<keyof AppApi> = [...(Object.keys(INVOKE_VERBS) as Array<keyof AppApi>), ...(Object.keys(EVENT_VERBS) as Array<keyof AppApi>)];
    expect(expected).toHaveLength(18);
    expect(Object.keys(api).sort()).toEqual(expected.sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('gives listeners the payload only, never the IpcRendererEvent, and unsubscribes them', () => {
    const ipc = new FakeIpcRenderer();
    const api = createApi(ipc);
    const states: unknown[][] = [];
    const routes: Route[] = [];
    const offState = api.onStateChanged((...args: unknown[]) => void states.push(args));
    const offRoute = api.onNavigate((route) => void routes.push(route));
    const event = { sender: { send: () => undefined }, senderFrame: {} };
    ipc.emit('state:changed', event, VIEW, 'extra');
    ipc.emit('route:navigate', event, { view: 'settings' });
    expect(states).toEqual([[VIEW]]);
    expect(routes).toEqual([{ view: 'settings' }]);

    offState();
    offRoute();
    ipc.emit('state:changed', event, VIEW);
    ipc.emit('route:navigate', event, { view: 'overview' });
    expect(states).toHaveLength(1);
    expect(routes).toHaveLength(1);
    expect(ipc.listenerCount('state:changed') + ipc.listenerCount('route:navigate')).toBe(0);
  });

  it('index.ts exposes the bridge as window.api through contextBridge', async () => {
    await import('../../preload/index.js');
    expect(exposed.key).toBe('api');
    expect(Object.keys(exposed.api as object)).toContain('getState');
  });
});
