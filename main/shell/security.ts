/**
 * App-wide security handlers (Electron security checklist items 5, 13, 14, 15).
 *
 * Installed once, before any window exists: every WebContents the app ever creates may not open
 * windows, navigate, redirect or attach a <webview>; every permission request and check is
 * denied (the window needs none); downloads are cancelled. Links leave the app only through
 * `createLinkOpener`, which opens https URLs that main itself looked up.
 */
import type { LinkTarget } from '../core/contract.js';

/** A listener Electron calls with an event whose default can be prevented. */
type Preventable = { preventDefault(): void };

/** The slice of WebContents these handlers touch. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: Preventable, ...rest: unknown[]) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable, ...rest: unknown[]) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable, ...rest: unknown[]) => void): unknown;
}

/** The slice of `app` used here. */
export interface AppEvents {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/** The slice of a Session used here. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  on(event: 'will-download', listener: (event: Preventable) => void): unknown;
}

export interface SecurityOptions {
  readonly app: AppEvents;
  readonly session: GuardedSession;
  readonly log?: { warn(message: string): void };
}

function short(value: unknown): string {
  return String(value).slice(0, 200);
}

/** Locks down one WebContents: no new windows, no navigation of any kind, no webviews. */
export function guardContents(contents: GuardedContents, log: { warn(message: string): void }): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`security: denied window.open(${short(url)})`);
    return { action: 'deny' };
  });
  // The window is a single page loaded by main; any navigation it starts itself is unwanted
  // (a link in incident text, a drag-and-dropped file, an injected script).
  const deny =
    (what: string) =>
    (event: Preventable, ...rest: unknown[]): void => {
      event.preventDefault();
      log.warn(`security: denied ${what} ${short(typeof rest[0] === 'string' ? rest[0] : (event as { url?: unknown }).url ?? '')}`);
    };
  contents.on('will-navigate', deny('navigation to'));
  contents.on('will-redirect', deny('redirect to'));
  contents.on('will-attach-webview', deny('webview'));
}

/** Installs the app-wide handlers on `app` and the session the window uses. */
export function installSecurity(options: SecurityOptions): void {
  const log = options.log ?? console;
  options.app.on('web-contents-created', (_event, contents) => guardContents(contents, log));
  options.session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`security: denied permission request ${short(permission)}`);
    callback(false);
  });
  options.session.setPermissionCheckHandler(() => false);
  options.session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('security: cancelled a download');
  });
}

/** Why a URL may not be opened outside the app, or null when it may. */
export function externalUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return `only https links are opened (got ${url.protocol})`;
  if (url.username !== '' || url.password !== '') return 'links with embedded credentials are not opened';
  return null;
}

export interface LinkOpenerOptions {
  /** The engine's lookup: the URL main knows for this named link, or null. */
  readonly findLink: (target: LinkTarget) => string | null;
  /** `shell.openExternal`. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log?: { warn(message: string): void };
}

/**
 * Opens a named link in the user's browser. The window never supplies a URL: main looks it up in
 * its own state and opens it only when it is https. Resolves to whether the browser was asked.
 */
export function createLinkOpener(options: LinkOpenerOptions): (target: LinkTarget) => Promise<boolean> {
  const log = options.log ?? console;
  return async (target) => {
    const url = options.findLink(target);
    if (url === null) {
      log.warn(`security: no link known for ${JSON.stringify(target).slice(0, 300)}`);
      return false;
    }
    const problem = externalUrlProblem(url);
    if (problem !== null) {
      log.warn(`security: refused to open ${short(url)}: ${problem}`);
      return false;
    }
    try {
      await options.openExternal(new URL(url).href);
      return true;
    } catch (error) {
      log.warn(`security: the browser could not be opened: ${short(error)}`);
      return false;
    }
  };
}
