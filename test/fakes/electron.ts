/**
 * Hand-written fakes of the Electron objects the shell drives, for tests in plain Node.
 *
 * They record what the shell asked the OS to do (images set, menus set, windows shown) and let
 * a test play the OS's part (a click, a blur, a finished page load). Only the slices the shell's
 * structural types declare exist; anything else is deliberately missing so a shell module that
 * starts using more of Electron fails here first.
 */
import { EventEmitter } from 'node:events';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage as NodeIncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { InvokeEventLike } from '../../main/shell/ipc.js';
import { createTrayController, type TrayController, type TrayDeps } from '../../main/shell/tray.js';

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

/**
 * Electron's `net.request` as documented (docs/api/client-request.md, incoming-message.md), over
 * Node's http/https so tests talk to real loopback servers:
 *
 * - the request starts on `end()`; `headers` are sent as given, plus the `Accept-Encoding`
 *   Chromium adds (`gzip, deflate, br`), and the body is DECODED before it is handed over
 *   (an unknown coding passes through raw, as Chromium's stack does);
 * - with `redirect: 'manual'` every redirect is a `'redirect'` event (statusCode, method,
 *   absolute redirectUrl, headers as arrays); `followRedirect()` must be called synchronously in
 *   it, otherwise the request is cancelled with an `'error'` ("Redirect was cancelled");
 * - `'response'` gives an IncomingMessage emitting `'data'`, `'end'`, `'error'`, `'aborted'`;
 * - failures are `'error'` events with Chromium's `net::ERR_*` names;
 * - `abort()` emits `'abort'` (once) and `'aborted'` on a response in progress.
 *
 * `trustedCa` plays the OS certificate store. `contacted` lists every URL a connection was made for.
 */
export class FakeNet {
  readonly requests: FakeClientRequest[] = [];
  readonly contacted: string[] = [];
  readonly httpAgent = new HttpAgent({ keepAlive: true });
  readonly httpsAgent: HttpsAgent;

  constructor(options: { trustedCa?: string } = {}) {
    this.httpsAgent = new HttpsAgent({ keepAlive: true, ...(options.trustedCa ? { ca: options.trustedCa } : {}) });
  }

  readonly request = (options: FakeNetRequestOptions): FakeClientRequest => {
    const request = new FakeClientRequest(this, options);
    this.requests.push(request);
    return request;
  };

  /** Closes kept-alive connections so a test's servers can shut down. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

export interface FakeNetRequestOptions {
  readonly url: string;
  readonly method?: string;
  readonly redirect?: 'follow' | 'error' | 'manual';
  readonly headers?: Record<string, string>;
  readonly cache?: string;
  readonly credentials?: string;
  readonly session?: unknown;
}

const CHROMIUM_ACCEPT_ENCODING = 'gzip, deflate, br';
const CHROMIUM_MAX_REDIRECTS = 20;

/** Node's socket and TLS error codes under the names Chromium reports. */
const CHROMIUM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  ECONNRESET: 'ERR_CONNECTION_RESET',
  ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  ETIMEDOUT: 'ERR_CONNECTION_TIMED_OUT',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'ERR_CERT_AUTHORITY_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'ERR_CERT_AUTHORITY_INVALID',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'ERR_CERT_AUTHORITY_INVALID',
  CERT_HAS_EXPIRED: 'ERR_CERT_DATE_INVALID',
  CERT_NOT_YET_VALID: 'ERR_CERT_DATE_INVALID',
};

export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string>;
  aborted = false;
  private followRedirectCallback: (() => void) | null = null;
  private current: ClientRequest | null = null;
  private response: FakeIncomingMessage | null = null;
  private hops = 0;
  private done = false;

  constructor(
    private readonly net: FakeNet,
    readonly options: FakeNetRequestOptions,
  ) {
    super();
    this.headers = { ...(options.headers ?? {}) };
  }

  end(): this {
    this.start(new URL(this.options.url), (this.options.method ?? 'GET').toUpperCase());
    return this;
  }

  followRedirect(): void {
    if (!this.followRedirectCallback) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.followRedirectCallback();
  }

  abort(): void {
    if (!this.aborted) process.nextTick(() => this.emit('abort'));
    this.aborted = true;
    this.current?.destroy();
    if (this.response && !this.done) this.response.emit('aborted');
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    process.nextTick(() => this.emit('close'));
  }

  private die(message: string): void {
    if (this.done) return;
    const error = new Error(message);
    this.current?.destroy();
    this.response?.emit('error', error);
    this.emit('error', error);
    this.finish();
  }

  private start(url: URL, method: string): void {
    if (this.aborted) return;
    this.net.contacted.push(url.href);
    const secure = url.protocol === 'https:';
    const headers = { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING, ...lowerCaseKeys(this.headers) };
    const request = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: secure ? this.net.httpsAgent : this.net.httpAgent });
    this.current = request;
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (this.aborted) return;
      this.die(`net::${CHROMIUM_ERRORS[error.code ?? ''] ?? 'ERR_FAILED'}`);
    });
    request.on('response', (incoming) => this.onResponse(url, method, incoming));
    request.end();
  }

  private onResponse(url: URL, method: string, incoming: NodeIncomingMessage): void {
    if (this.aborted) return void incoming.destroy();
    const status = incoming.statusCode ?? 0;
    const location = incoming.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
      incoming.resume();
      return this.onRedirect(url, method, status, location, incoming);
    }
    const message = new FakeIncomingMessage(status, { ...(incoming.headers as Record<string, string | string[]>) });
    this.response = message;
    this.emit('response', message);
    if (this.aborted) return void incoming.destroy();
    const decoder = decoderFor(incoming.headers['content-encoding']);
    const body: NodeJS.ReadableStream = decoder ? incoming.pipe(decoder) : incoming;
    decoder?.on('error', () => this.die('net::ERR_CONTENT_DECODING_FAILED'));
    incoming.on('error', () => this.die('net::ERR_CONNECTION_RESET'));
    body.on('data', (chunk: Buffer) => {
      if (!this.done) message.emit('data', chunk);
    });
    body.on('end', () => {
      if (this.done) return;
      message.emit('end');
      this.finish();
    });
  }

  private onRedirect(url: URL, method: string, status: number, location: string, incoming: NodeIncomingMessage): void {
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return this.die('net::ERR_INVALID_REDIRECT');
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return this.die('net::ERR_UNSAFE_REDIRECT');
    if (++this.hops > CHROMIUM_MAX_REDIRECTS) return this.die('net::ERR_TOO_MANY_REDIRECTS');
    const nextMethod = status === 303 && method !== 'HEAD' ? 'GET' : method;
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
    }
    const mode = this.options.redirect ?? 'follow';
    if (mode === 'error') return this.die("Attempted to redirect, but redirect policy was 'error'");
    let followed = mode === 'follow';
    this.followRedirectCallback = () => void (followed = true);
    try {
      this.emit('redirect', status, nextMethod, next.href, headers);
    } finally {
      this.followRedirectCallback = null;
    }
    if (this.aborted) return;
    if (!followed) return this.die('Redirect was cancelled');
    this.start(next, nextMethod);
  }
}

/** Electron's IncomingMessage: status, headers, and the body as events. */
export class FakeIncomingMessage extends EventEmitter {
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string | string[]>,
  ) {
    super();
  }
}

function decoderFor(contentEncoding: string | undefined): Transform | null {
  switch ((contentEncoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      // Chromium passes a coding it does not know through raw.
      return null;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** A tray controller over the fakes (assets under /app/assets); `trays` collects every tray it creates. */
export function fakeTrayController(deps: Omit<TrayDeps<FakeImage, FakeMenu>, 'createTray' | 'loadImage' | 'buildMenu' | 'assetsDir'>): {
  readonly controller: TrayController;
  readonly trays: FakeTray[];
} {
  const trays: FakeTray[] = [];
  const controller = createTrayController<FakeImage, FakeMenu>({
    ...deps,
    createTray: (image) => {
      const tray = new FakeTray(image);
      trays.push(tray);
      return tray;
    },
    loadImage: fakeLoadImage,
    buildMenu: fakeBuildMenu,
    assetsDir: '/app/assets',
  });
  return { controller, trays };
}
