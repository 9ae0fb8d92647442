/**
 * The window that opens from the tray.
 *
 * It exists only while someone looks at it: created on demand next to the tray icon, hidden on
 * blur or Esc, and DESTROYED after it has been hidden for a while (default 60 s), so an idle app
 * keeps no renderer process. State lives in main; a new window asks for it over IPC, which makes
 * recreating it cheap.
 *
 * Security: `webPreferences` names only the preload. `nodeIntegration`, `contextIsolation` and
 * `sandbox` are never set, so Electron's secure defaults hold (the arch test checks this file).
 */
import type { EventChannel, EventChannels, Route } from '../core/contract.js';
import { send } from './ipc.js';
import { APP_INDEX_URL } from './protocol.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface Rect extends Point {
  readonly width: number;
  readonly height: number;
}
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The slice of WebContents the popover uses. */
export interface PopoverContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: { type: string; key: string }) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The slice of BrowserWindow the popover uses. */
export interface PopoverWindow {
  readonly webContents: PopoverContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  setPosition(x: number, y: number): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/** The constructor options the popover passes (a subset of BrowserWindowConstructorOptions). */
export interface PopoverWindowOptions {
  width: number;
  height: number;
  show: boolean;
  frame: boolean;
  resizable: boolean;
  movable: boolean;
  minimizable: boolean;
  maximizable: boolean;
  fullscreenable: boolean;
  skipTaskbar: boolean;
  alwaysOnTop: boolean;
  title: string;
  webPreferences: { preload: string; spellcheck: boolean; devTools: boolean };
}

/** The slice of Electron's `screen` used to place the window. */
export interface PopoverScreen {
  getCursorScreenPoint(): Point;
  getDisplayNearestPoint(point: Point): { workArea: Rect };
}

export interface PopoverTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PopoverOptions {
  readonly createWindow: (options: PopoverWindowOptions) => PopoverWindow;
  readonly screen: PopoverScreen;
  /** The trusted-sender set of the IPC wrapper; the window's contents are added on creation. */
  readonly trusted: { add(contents: PopoverContents): void };
  readonly preloadPath: string;
  /** Where the tray icon is, or null when the platform does not say (Linux). */
  readonly trayBounds: () => Rect | null;
  readonly url?: string;
  /** How long a hidden window survives before it is destroyed. */
  readonly idleDestroyMs?: number;
  readonly size?: Size;
  readonly devTools?: boolean;
  readonly timers?: PopoverTimers;
  readonly now?: () => number;
}

export const DEFAULT_IDLE_DESTROY_MS = 60_000;
export const DEFAULT_POPOVER_SIZE: Size = { width: 380, height: 560 };

/**
 * A click on the tray icon arrives just after the blur it caused. Within this window after a
 * blur-hide, a click means "close", not "open again" (menubar's known race on Windows).
 */
export const BLUR_CLICK_GRACE_MS = 300;

export interface Popover {
  /** Opens (creating if needed) and focuses the window next to the tray. */
  show(): void;
  hide(): void;
  /** What a tray click does. */
  toggle(): void;
  /** Opens the window on `route`; the route is delivered once the page has loaded. */
  navigate(route: Route): void;
  /** Pushes an event if a loaded window exists; otherwise drops it (a new window asks for state). */
  push<E extends EventChannel>(event: E, ...payload: Parameters<EventChannels[E]>): boolean;
  isOpen(): boolean;
  /** Whether a window (shown or hidden) exists. */
  exists(): boolean;
  destroy(): void;
}

/**
 * Where the window goes: centred on the tray icon, below it when the icon is in the upper half of
 * the screen (menu bar, top panel), above it otherwise (taskbar), then clamped into the work
 * area. Without tray bounds, the cursor (which just clicked the icon) stands in for it.
 */
export function popoverPosition(tray: Rect | null, size: Size, workArea: Rect, cursor: Point): Point {
  const anchor: Rect = tray ?? { x: cursor.x, y: cursor.y, width: 0, height: 0 };
  const centreX = anchor.x + anchor.width / 2;
  const inUpperHalf = anchor.y + anchor.height / 2 < workArea.y + workArea.height / 2;
  const gap = 4;
  let x = Math.round(centreX - size.width / 2);
  let y = inUpperHalf ? anchor.y + anchor.height + gap : anchor.y - size.height - gap;
  const maxX = workArea.x + workArea.width - size.width;
  const maxY = workArea.y + workArea.height - size.height;
  x = Math.max(workArea.x, Math.min(x, maxX));
  y = Math.max(workArea.y, Math.min(Math.round(y), maxY));
  return { x, y };
}

const NODE_TIMERS: PopoverTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates the popover controller; no window exists until the first `show`. */
export function createPopover(options: PopoverOptions): Popover {
  const timers = options.timers ?? NODE_TIMERS;
  const now = options.now ?? Date.now;
  const size = options.size ?? DEFAULT_POPOVER_SIZE;
  const idleDestroyMs = options.idleDestroyMs ?? DEFAULT_IDLE_DESTROY_MS;
  const url = options.url ?? APP_INDEX_URL;

  let win: PopoverWindow | null = null;
  let loaded = false;
  let pendingRoute: Route | null = null;
  let idleTimer: unknown = null;
  let hiddenByBlurAt = -Infinity;

  const alive = (): PopoverWindow | null => (win !== null && !win.isDestroyed() ? win : null);

  const cancelIdle = (): void => {
    if (idleTimer !== null) timers.clearTimeout(idleTimer);
    idleTimer = null;
  };

  const destroy = (): void => {
    cancelIdle();
    const current = alive();
    win = null;
    loaded = false;
    current?.destroy();
  };

  const startIdle = (): void => {
    cancelIdle();
    idleTimer = timers.setTimeout(() => {
      idleTimer = null;
      destroy();
    }, idleDestroyMs);
  };

  const flush = (): void => {
    const current = alive();
    if (current === null || !loaded || pendingRoute === null) return;
    const route = pendingRoute;
    pendingRoute = null;
    send(current.webContents, 'route:navigate', route);
  };

  const hide = (): void => {
    const current = alive();
    if (current === null) return;
    if (current.isVisible()) current.hide();
    startIdle();
  };

  const create = (): PopoverWindow => {
    const created = options.createWindow({
      width: size.width,
      height: size.height,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Outage Radar',
      webPreferences: { preload: options.preloadPath, spellcheck: false, devTools: options.devTools ?? false },
    });
    options.trusted.add(created.webContents);
    created.on('blur', () => {
      if (win !== created || !created.isVisible()) return;
      hiddenByBlurAt = now();
      hide();
    });
    created.on('closed', () => {
      // Closed by the OS (Alt+F4, logout): forget it; the next click makes a new one.
      if (win === created) {
        cancelIdle();
        win = null;
        loaded = false;
      }
    });
    created.webContents.on('did-finish-load', () => {
      if (win !== created) return;
      loaded = true;
      flush();
    });
    created.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        hide();
      }
    });
    loaded = false;
    created.loadURL(url).catch(() => {
      // A failed load shows an empty window; closing it and clicking the tray again retries.
    });
    return created;
  };

  const show = (): void => {
    cancelIdle();
    const current = alive() ?? (win = create());
    const trayBounds = options.trayBounds();
    const cursor = options.screen.getCursorScreenPoint();
    const anchor = trayBounds ?? { ...cursor, width: 0, height: 0 };
    const { workArea } = options.screen.getDisplayNearestPoint({ x: anchor.x + anchor.width / 2, y: anchor.y + anchor.height / 2 });
    const at = popoverPosition(trayBounds, size, workArea, cursor);
    current.setPosition(at.x, at.y);
    current.show();
    current.focus();
  };

  return {
    show,
    hide,
    toggle() {
      const current = alive();
      if (current !== null && current.isVisible()) hide();
      else if (now() - hiddenByBlurAt < BLUR_CLICK_GRACE_MS) hiddenByBlurAt = -Infinity;
      else show();
    },
    navigate(route) {
      pendingRoute = route;
      show();
      flush();
    },
    push(event, ...payload) {
      const current = alive();
      if (current === null || !loaded) return false;
      return send(current.webContents, event, ...payload);
    },
    isOpen: () => alive()?.isVisible() ?? false,
    exists: () => alive() !== null,
    destroy,
  };
}
