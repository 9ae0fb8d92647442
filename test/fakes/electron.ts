/**
 * Hand-written fakes of the Electron objects the shell drives, for tests in plain Node.
 *
 * They record what the shell asked the OS to do (images set, menus set, windows shown) and let
 * a test play the OS's part (a click, a blur, a finished page load). Only the slices the shell's
 * structural types declare exist; anything else is deliberately missing so a shell module that
 * starts using more of Electron fails here first.
 */
import { EventEmitter } from 'node:events';
import type { InvokeEventLike } from '../../main/shell/ipc.js';

let nextId = 1;

/** A WebContents: records sends, plays `did-finish-load`, `before-input-event`, `destroyed`. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('send on destroyed WebContents');
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }

  /** The page finished loading (what Electron emits after `loadURL`). */
  finishLoad(): void {
    this.emit('did-finish-load');
  }

  /** A key press reaching the page; returns whether the shell prevented it. */
  press(key: string): boolean {
    let prevented = false;
    this.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', key });
    return prevented;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** Emits a preventable event (`will-navigate` etc.) the way Electron does; returns whether it was prevented. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

/** A BrowserWindow: visible/destroyed flags and the options it was built with. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  position: { x: number; y: number } | null = null;
  visible = false;
  destroyed = false;
  focused = 0;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused += 1;
  }
  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setPosition(x: number, y: number): void {
    this.position = { x, y };
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    this.emit('closed');
  }
  /** The user or the OS focused something else. */
  blur(): void {
    this.emit('blur');
  }

  static alive(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((win) => !win.destroyed);
  }
}

/** An image "loaded" from a path; the fake keeps the path so tests can see which file was used. */
export interface FakeImage {
  readonly path: string;
}

export const fakeLoadImage = (path: string): FakeImage => ({ path });

/** A built menu: the template it came from. */
export interface FakeMenu {
  readonly template: Array<{ id?: string; label?: string; type?: string; enabled?: boolean; click?: () => void }>;
}

export const fakeBuildMenu = (template: FakeMenu['template']): FakeMenu => ({ template });

/** A Tray: records every OS call. */
export class FakeTray extends EventEmitter {
  readonly images: FakeImage[] = [];
  readonly tooltips: string[] = [];
  readonly menus: FakeMenu[] = [];
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;

  constructor(readonly initialImage: FakeImage) {
    super();
  }
  setImage(image: FakeImage): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltips.push(text);
  }
  setContextMenu(menu: FakeMenu): void {
    this.menus.push(menu);
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The user clicked a menu item by id. */
  clickMenuItem(id: string): void {
    const menu = this.menus.at(-1);
    const item = menu?.template.find((entry) => entry.id === id);
    if (!item?.click) throw new Error(`no clickable menu item ${id}`);
    item.click();
  }
}

/** `ipcMain`: keeps handlers and lets a test invoke them as a renderer would. */
export class FakeIpcMain {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` does: runs the handler with an event naming the sender. */
  async invoke(sender: { id: number; url: string; parent?: unknown }, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event: InvokeEventLike = { sender: { id: sender.id }, senderFrame: { url: sender.url, parent: sender.parent ?? null } };
    return await handler(event, ...args);
  }
}

/** A Notification: shown/closed flags; `click()` plays the user clicking it. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  shown = false;
  closed = false;

  constructor(readonly options: { title: string; body: string; silent: boolean; urgency: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  click(): void {
    this.emit('click');
  }
}

/** `screen` with one display. */
export function fakeScreen(
  workArea = { x: 0, y: 0, width: 1920, height: 1040 },
  cursor = { x: 1800, y: 1060 },
): { getCursorScreenPoint(): { x: number; y: number }; getDisplayNearestPoint(point: { x: number; y: number }): { workArea: typeof workArea } } {
  return { getCursorScreenPoint: () => cursor, getDisplayNearestPoint: () => ({ workArea }) };
}

/** A Session's permission and download hooks. */
export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null = null;

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

/** `app` as far as events go. */
export class FakeApp extends EventEmitter {}
