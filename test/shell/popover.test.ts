import { beforeEach, describe, expect, it } from 'vitest';
import { createTrustedSenders } from '../../main/shell/ipc.js';
import { BLUR_CLICK_GRACE_MS, createPopover, popoverPosition, type Rect } from '../../main/shell/popover.js';
import { APP_INDEX_URL } from '../../main/shell/protocol.js';
import { FakeBrowserWindow, fakeScreen } from '../fakes/electron.js';
import { ManualTimers } from '../fakes/timers.js';

const VIEW = { report: null, fromCache: false, refreshing: false, mutedUntil: null, tray: 'ok', overall: 'operational', updatedAt: null } as const;

function setup(options: { trayBounds?: Rect | null; idleDestroyMs?: number } = {}) {
  const timers = new ManualTimers();
  const trusted = createTrustedSenders();
  const popover = createPopover({
    createWindow: (windowOptions) => new FakeBrowserWindow(windowOptions as unknown as Record<string, unknown>),
    screen: fakeScreen(),
    trusted,
    preloadPath: '/app/out/preload/preload.cjs',
    trayBounds: () => (options.trayBounds === undefined ? { x: 1800, y: 1040, width: 24, height: 40 } : options.trayBounds),
    timers,
    now: timers.now,
    ...(options.idleDestroyMs !== undefined ? { idleDestroyMs: options.idleDestroyMs } : {}),
  });
  const only = (): FakeBrowserWindow => {
    const alive = FakeBrowserWindow.alive();
    if (alive.length !== 1 || !alive[0]) throw new Error(`expected one window, got ${alive.length}`);
    return alive[0];
  };
  return { popover, timers, trusted, only };
}

beforeEach(() => {
  FakeBrowserWindow.instances = [];
});

describe('popover window lifecycle', () => {
  it('creates no window until the tray is clicked', () => {
    setup();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('opens on a click: the app page, secure defaults, trusted for IPC, placed next to the tray', () => {
    const { popover, trusted, only } = setup();
    popover.toggle();
    const win = only();
    expect(win.isVisible()).toBe(true);
    expect(win.loadedUrls).toEqual([APP_INDEX_URL]);
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['preload']).toBe('/app/out/preload/preload.cjs');
    for (const key of ['nodeIntegration', 'contextIsolation', 'sandbox', 'webSecurity', 'allowRunningInsecureContent']) expect(prefs).not.toHaveProperty(key);
    expect(trusted.has(win.webContents.id)).toBe(true);
    // Taskbar at the bottom right: above the icon, inside the work area.
    expect(win.position).toEqual({ x: 1920 - 380, y: 1040 - 560 - 4 });
  });

  it('hides on blur and on Esc, and a second click closes what the first opened', () => {
    const { popover, timers, only } = setup();
    popover.toggle();
    only().blur();
    expect(only().isVisible()).toBe(false);

    timers.advance(BLUR_CLICK_GRACE_MS + 1);
    popover.toggle();
    expect(only().isVisible()).toBe(true);
    expect(only().webContents.press('Escape')).toBe(true);
    expect(only().isVisible()).toBe(false);

    popover.toggle();
    popover.toggle();
    expect(only().isVisible()).toBe(false);
  });

  it('does not reopen when the tray click is what took the focus away', () => {
    const { popover, only } = setup();
    popover.toggle();
    only().blur();
    popover.toggle();
    expect(only().isVisible()).toBe(false);
  });

  it('destroys the window after it has been hidden for the idle time, so no renderer stays alive', () => {
    const { popover, timers, trusted } = setup({ idleDestroyMs: 60_000 });
    popover.show();
    const first = FakeBrowserWindow.instances[0];
    popover.hide();
    timers.advance(59_000);
    expect(first?.destroyed).toBe(false);
    timers.advance(1_000);
    expect(first?.destroyed).toBe(true);
    expect(popover.exists()).toBe(false);
    expect(trusted.has(first?.webContents.id ?? -1)).toBe(false);
    expect(timers.size).toBe(0);

    popover.show();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(FakeBrowserWindow.alive()).toHaveLength(1);
  });

  it('keeps a window that is shown again before the idle time runs out', () => {
    const { popover, timers } = setup({ idleDestroyMs: 60_000 });
    popover.show();
    popover.hide();
    timers.advance(30_000);
    popover.show();
    timers.advance(120_000);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.alive()).toHaveLength(1);
  });

  it('forgets a window the OS closed and builds a new one on the next click', () => {
    const { popover, timers, only } = setup();
    popover.show();
    only().destroy();
    expect(popover.exists()).toBe(false);
    timers.advance(BLUR_CLICK_GRACE_MS + 1);
    popover.toggle();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(only().isVisible()).toBe(true);
  });
});

describe('popover messages', () => {
  it('delivers a route only after the page has loaded, then directly', () => {
    const { popover, only } = setup();
    popover.navigate({ view: 'incident', sourceId: 'github', incidentId: 'x1' });
    expect(only().isVisible()).toBe(true);
    expect(only().webContents.sent).toEqual([]);
    only().webContents.finishLoad();
    expect(only().webContents.sent).toEqual([{ channel: 'route:navigate', args: [{ view: 'incident', sourceId: 'github', incidentId: 'x1' }] }]);
    popover.navigate({ view: 'settings' });
    expect(only().webContents.sent.at(-1)).toEqual({ channel: 'route:navigate', args: [{ view: 'settings' }] });
  });

  it('keeps only the latest route while loading', () => {
    const { popover, only } = setup();
    popover.navigate({ view: 'diagnostics' });
    popover.navigate({ view: 'settings' });
    only().webContents.finishLoad();
    expect(only().webContents.sent).toEqual([{ channel: 'route:navigate', args: [{ view: 'settings' }] }]);
  });

  it('pushes state to a loaded window and drops it when there is none', () => {
    const { popover, only } = setup();
    expect(popover.push('state:changed', VIEW)).toBe(false);
    popover.show();
    expect(popover.push('state:changed', VIEW)).toBe(false);
    only().webContents.finishLoad();
    expect(popover.push('state:changed', VIEW)).toBe(true);
    expect(only().webContents.sent).toEqual([{ channel: 'state:changed', args: [VIEW] }]);
  });
});

describe('popoverPosition', () => {
  const workArea = { x: 0, y: 25, width: 1440, height: 875 };
  const size = { width: 380, height: 560 };

  it('opens below a menu-bar icon, centred on it', () => {
    expect(popoverPosition({ x: 1200, y: 0, width: 22, height: 24 }, size, workArea, { x: 0, y: 0 })).toEqual({ x: 1021, y: 28 });
  });

  it('stays on screen when the icon sits at the very edge', () => {
    expect(popoverPosition({ x: 1430, y: 0, width: 22, height: 24 }, size, workArea, { x: 0, y: 0 })).toEqual({ x: 1440 - 380, y: 28 });
  });

  it('uses the cursor when the platform gives no tray bounds', () => {
    expect(popoverPosition(null, size, { x: 0, y: 0, width: 1920, height: 1050 }, { x: 100, y: 1070 })).toEqual({ x: 0, y: 1050 - 560 });
  });
});
