/**
 * Test hooks for the Electron end-to-end tests, compiled in but inert unless
 * `OUTAGE_RADAR_E2E=1` in an UNPACKAGED build (Mattermost's `maybeRegisterE2eHooks` idea).
 * Playwright reads them with `electronApp.evaluate(() => globalThis.__outageRadarE2E…)`, which
 * runs in the main process: there is no other way to see a tray icon from a test. They expose
 * read-outs and the same actions a tray click triggers, nothing a user could not do.
 *
 * Why only unpackaged: the e2e mode also swaps the watched sources for one URL from the
 * environment and turns the connection checks off. In an installed app anyone who can set an
 * environment variable (a login script, a shortcut) could make it watch a page of their choosing
 * and report green; installed builds (`app.isPackaged`) ignore every variable here.
 */
export const E2E_FLAG = 'OUTAGE_RADAR_E2E';
/** In e2e mode, the one status source the app watches (a loopback server of the test). */
export const E2E_SOURCE_URL = 'OUTAGE_RADAR_E2E_SOURCE_URL';
export const E2E_GLOBAL = '__outageRadarE2E';

/** Where the test hooks are read from: the environment, and whether this is an installed build. */
export interface E2eContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's `app.isPackaged`: true in an installed app, where no test hook is honoured. */
  readonly isPackaged: boolean;
}

export interface E2eHooks {
  /** The tray state shown, or null before the tray exists. */
  trayState(): string | null;
  trayTooltip(): string | null;
  windowExists(): boolean;
  windowVisible(): boolean;
  openWindow(): void;
  hideWindow(): void;
  /** Where the settings file lives. */
  readonly settingsPath: string;
}

/** True when the app was started by the e2e tests: the flag is set and the build is not packaged. */
export function isE2e(context: E2eContext): boolean {
  return !context.isPackaged && context.env[E2E_FLAG] === '1';
}

/** The loopback source the e2e tests serve; null outside e2e mode (and so in every packaged build). */
export function e2eSourceUrl(context: E2eContext): string | null {
  if (!isE2e(context)) return null;
  const url = context.env[E2E_SOURCE_URL];
  return url ? url : null;
}

/** Installs the hooks on `target` in e2e mode; returns whether it did. */
export function maybeRegisterE2eHooks(context: E2eContext, hooks: E2eHooks, target: object = globalThis): boolean {
  if (!isE2e(context)) return false;
  Object.defineProperty(target, E2E_GLOBAL, { value: Object.freeze({ ...hooks }), configurable: true, enumerable: false, writable: false });
  return true;
}
