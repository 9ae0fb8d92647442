// A stand-in for the `electron` module, for running the BUILT main process (out/main/main.js) in
// plain Node (test/shell/main-composition.test.ts). It implements just enough of each API for
// the composition root to start, and records what was asked of it in `recorded`. Real network
// access goes through Node's fetch (the tests point every source at 127.0.0.1).
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const recorded = {
  privilegedSchemes: [],
  schemesRegisteredBeforeReady: null,
  protocolHandlers: new Map(),
  trays: [],
  windows: [],
  openedExternally: [],
  clipboard: [],
  loginItems: [],
  quitCalls: 0,
  exitCode: null,
  userAgentFetches: [],
};

let ready = false;
let nextContentsId = 100;

function switchValue(name) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((value) => value.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : '';
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  dock = undefined;
  commandLine = { getSwitchValue: switchValue, appendSwitch: () => undefined };
  #paths = new Map([
    ['userData', join(tmpdir(), 'outage-radar-fake-userdata')],
    ['home', process.env.HOME ?? tmpdir()],
  ]);
  #readyWaiters = [];
  getPath(name) {
    const path = this.#paths.get(name);
    if (!path) throw new Error(`fake app.getPath: unknown ${name}`);
    return path;
  }
  setPath(name, path) {
    this.#paths.set(name, path);
  }
  getVersion() {
    return '0.1.0';
  }
  getAppPath() {
    return process.cwd();
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }
  requestSingleInstanceLock() {
    return true;
  }
  setAppUserModelId() {}
  setLoginItemSettings(settings) {
    recorded.loginItems.push(settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false };
  }
  quit() {
    recorded.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit', { preventDefault: () => undefined });
  }
  exit(code) {
    recorded.exitCode = code;
  }
  /** Test control: Electron finished starting. */
  makeReady() {
    ready = true;
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
    this.emit('ready');
  }
}

export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  id = nextContentsId++;
  sent = [];
  destroyed = false;
  windowOpenHandler = null;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, ...args) {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  loadedUrls = [];
  constructor(options) {
    super();
    this.options = options;
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.loadedUrls.push(url);
    queueMicrotask(() => this.webContents.emit('did-finish-load'));
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible && !this.destroyed;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setPosition(x, y) {
    this.position = { x, y };
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  tooltips = [];
  images = [];
  menus = [];
  destroyed = false;
  constructor(image) {
    super();
    this.initialImage = image;
    recorded.trays.push(this);
  }
  setImage(image) {
    this.images.push(image);
  }
  setToolTip(text) {
    this.tooltips.push(text);
  }
  setContextMenu(menu) {
    this.menus.push(menu);
  }
  getBounds() {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export const Menu = { buildFromTemplate: (template) => ({ template }) };
export const nativeImage = { createFromPath: (path) => ({ path }) };

export const ipcMain = {
  handlers: new Map(),
  handle(channel, listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel) {
    this.handlers.delete(channel);
  },
  on() {},
};

export class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  show() {}
  close() {}
}

// Nothing is ever restarted from the composition test: every question is answered Cancel.
export const dialog = { showMessageBox: async () => ({ response: 1 }) };
export const shell = {
  openExternal: async (url) => void recorded.openedExternally.push(url),
  openPath: async () => '',
};
export const screen = {
  getCursorScreenPoint: () => ({ x: 10, y: 10 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1280, height: 800 } }),
};
export const powerMonitor = new EventEmitter();

const nodeFetch = (input, init) => {
  const headers = new Headers(init?.headers);
  recorded.userAgentFetches.push(headers.get('user-agent'));
  return fetch(input, init);
};

/**
 * Electron's `net.request` as its docs describe it, over Node's http/https: with `redirect: 'manual'`
 * each redirect is offered through a 'redirect' event and goes on only after `followRedirect()`.
 */
function netRequest(options) {
  const request = new EventEmitter();
  let current = null;
  let aborted = false;
  const start = (url) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    recorded.userAgentFetches.push(options.headers?.['User-Agent'] ?? options.headers?.['user-agent'] ?? null);
    current = lib.request(target, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && options.redirect === 'manual') {
        response.resume();
        const next = new URL(location, target).toString();
        request.followRedirect = () => start(next);
        request.emit('redirect', status, options.method ?? 'GET', next, response.headers);
        return;
      }
      request.emit('response', response);
    });
    current.on('error', (error) => {
      if (!aborted) request.emit('error', error);
    });
    current.end();
  };
  request.followRedirect = () => {
    throw new Error('followRedirect() called, but was not waiting for a redirect');
  };
  request.abort = () => {
    if (aborted) return;
    aborted = true;
    current?.destroy();
    process.nextTick(() => request.emit('abort'));
  };
  request.end = () => {
    start(options.url);
    return request;
  };
  return request;
}

export const net = { isOnline: () => true, fetch: nodeFetch, request: netRequest };

class FakeSession extends EventEmitter {
  permissionRequestHandler = null;
  permissionCheckHandler = null;
  setPermissionRequestHandler(handler) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler) {
    this.permissionCheckHandler = handler;
  }
  async resolveProxy() {
    return 'DIRECT';
  }
  fetch(input, init) {
    return nodeFetch(input, init);
  }
}
const partitions = new Map();
export const session = {
  defaultSession: new FakeSession(),
  fromPartition(name) {
    if (!partitions.has(name)) partitions.set(name, new FakeSession());
    return partitions.get(name);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.privilegedSchemes.push(...schemes);
    recorded.schemesRegisteredBeforeReady = !ready;
  },
  handle(scheme, handler) {
    if (!ready) throw new Error('protocol.handle before ready');
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const clipboard = { writeText: (text) => void recorded.clipboard.push(text) };
export const nativeTheme = new EventEmitter();

export default { app, BrowserWindow, Tray, Menu, nativeImage, ipcMain, Notification, shell, screen, powerMonitor, net, session, protocol, clipboard, nativeTheme };
