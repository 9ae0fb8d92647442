import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type ViewState } from '../../main/core/contract.js';
import { createIpc, createTrustedSenders, IPC_FAILED, IPC_REFUSED, send, type InvokeHandlers } from '../../main/shell/ipc.js';
import { APP_INDEX_URL } from '../../main/shell/protocol.js';
import { FakeIpcMain, FakeWebContents } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';

const VIEW: ViewState = { report: null, fromCache: false, refreshing: false, mutedUntil: null, tray: 'unknown', overall: 'unknown', updatedAt: null };

function setup() {
  const ipcMain = new FakeIpcMain();
  const trusted = createTrustedSenders();
  const log = new MemoryLog();
  const ipc = createIpc({ ipcMain, trusted, log });
  const window = new FakeWebContents();
  trusted.add(window);
  const calls: unknown[][] = [];
  ipc.handle('notifications:mute', (preset) => {
    calls.push([preset]);
    return VIEW;
  });
  const fromWindow = { id: window.id, url: APP_INDEX_URL };
  return { ipcMain, trusted, log, ipc, window, calls, fromWindow };
}

describe('IPC wrapper: who may call', () => {
  it('answers the app window with the handler result', async () => {
    const { ipcMain, calls, fromWindow } = setup();
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute', '1h')).resolves.toEqual(VIEW);
    expect(calls).toEqual([['1h']]);
  });

  it('refuses a WebContents the app did not create, without running the handler, and logs why', async () => {
    const { ipcMain, calls, log } = setup();
    const stranger = new FakeWebContents();
    await expect(ipcMain.invoke({ id: stranger.id, url: APP_INDEX_URL }, 'notifications:mute', '1h')).rejects.toThrow(IPC_REFUSED);
    expect(calls).toEqual([]);
    expect(log.has('unknown sender')).toBe(true);
  });

  it('refuses the app window once it shows another origin (navigated away, or a file:// page)', async () => {
    const { ipcMain, calls, window } = setup();
    for (const url of ['https://evil.example/app', 'file:///work/out/renderer/index.html', 'app://other/index.html', 'not a url']) {
      await expect(ipcMain.invoke({ id: window.id, url }, 'notifications:mute', '1h')).rejects.toThrow(IPC_REFUSED);
    }
    expect(calls).toEqual([]);
  });

  it('refuses messages from a sub-frame of the app window', async () => {
    const { ipcMain, calls, window } = setup();
    await expect(ipcMain.invoke({ id: window.id, url: APP_INDEX_URL, parent: {} }, 'notifications:mute', '1h')).rejects.toThrow(IPC_REFUSED);
    expect(calls).toEqual([]);
  });

  it('refuses a message whose frame was disposed before it was handled', async () => {
    const { ipcMain, calls, window } = setup();
    const handler = ipcMain.handlers.get('notifications:mute');
    const disposed = {
      sender: { id: window.id },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(Promise.resolve(handler?.(disposed, '1h'))).rejects.toThrow(IPC_REFUSED);
    await expect(Promise.resolve(handler?.({ sender: { id: window.id }, senderFrame: null }, '1h'))).rejects.toThrow(IPC_REFUSED);
    expect(calls).toEqual([]);
  });

  it('forgets a window when its contents are destroyed', async () => {
    const { ipcMain, window, trusted, fromWindow } = setup();
    window.destroy();
    expect(trusted.has(window.id)).toBe(false);
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute', '1h')).rejects.toThrow(IPC_REFUSED);
  });
});

describe('IPC wrapper: what may be sent', () => {
  it('refuses bad arguments with a generic error and logs the reason', async () => {
    const { ipcMain, calls, log, fromWindow } = setup();
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute', 'forever')).rejects.toThrow(IPC_REFUSED);
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute', '1h', 'extra')).rejects.toThrow(IPC_REFUSED);
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute')).rejects.toThrow(IPC_REFUSED);
    await expect(ipcMain.invoke(fromWindow, 'notifications:mute', { toString: () => '1h' })).rejects.toThrow(IPC_REFUSED);
    expect(calls).toEqual([]);
    expect(log.has('unknown mute preset')).toBe(true);
    expect(log.has('expected one argument, got 2')).toBe(true);
  });

  it('hides what went wrong inside a handler from the renderer, and logs it', async () => {
    const { ipcMain, ipc, log, fromWindow } = setup();
    ipc.handle('report:copy', () => {
      throw new Error('secret internal detail');
    });
    const failure = await ipcMain.invoke(fromWindow, 'report:copy').catch((error: Error) => error);
    expect((failure as Error).message).toBe(IPC_FAILED);
    expect(log.has('secret internal detail')).toBe(true);
  });

  it('refuses a second handler for the same channel (one owner per channel)', () => {
    const { ipc } = setup();
    expect(() => ipc.handle('notifications:mute', () => VIEW)).toThrow(/already handled/);
  });
});

describe('IPC wrapper: registering the contract', () => {
  it('handleAll registers exactly the contract channels, and dispose removes them', async () => {
    const ipcMain = new FakeIpcMain();
    const ipc = createIpc({ ipcMain, trusted: createTrustedSenders() });
    const handlers: InvokeHandlers = {
      'state:get': () => VIEW,
      'state:refresh': () => VIEW,
      'notifications:mute': () => VIEW,
      'settings:get': () => {
        throw new Error('unused');
      },
      'settings:update': () => {
        throw new Error('unused');
      },
      'diagnostics:run': () => VIEW,
      'link:open': () => false,
      'report:copy': () => '',
      'window:hide': () => undefined,
      'client:restart': (pid) => ({ pid, outcome: 'refused', text: '' }),
      'advice:run': (target) => ({ ...target, outcome: 'refused', text: '' }),
      'deflections:get': () => [],
      'problem:match': () => null,
      'problem:decide': () => ({ kind: 'contact', contact: null, match: null }),
      'problem:send': () => ({ outcome: 'failed', text: '', contact: null }),
      'source:detect': () => ({ ok: false, reason: 'bad-url', message: '' }),
    };
    ipc.handleAll(handlers);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    ipc.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('send', () => {
  it('pushes a contract event to live contents and skips destroyed ones', () => {
    const contents = new FakeWebContents();
    expect(send(contents, 'state:changed', VIEW)).toBe(true);
    expect(contents.sent).toEqual([{ channel: 'state:changed', args: [VIEW] }]);
    contents.destroy();
    expect(send(contents, 'route:navigate', { view: 'overview' })).toBe(false);
    expect(send(null, 'route:navigate', { view: 'overview' })).toBe(false);
    expect(contents.sent).toHaveLength(1);
  });
});
