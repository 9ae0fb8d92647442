/**
 * Test hooks for the Electron end-to-end tests, compiled in but inert unless
 * `OUTAGE_RADAR_E2E=1` (Mattermost's `maybeRegisterE2eHooks` idea). Playwright reads them with
 * `electronApp.evaluate(() => globalThis.__outageRadarE2E…)`, which runs in the main process:
 * there is no other way to see a tray icon from a test. They expose read-outs and the same
 * actions a tray click triggers, nothing a user could not do.
 */
export const E2E_FLAG = 'OUTAGE_RADAR_E2E';
/** In e2e mode, the one status source the app watches (a loopback server of the test). */
export const E2E_SOURCE_URL = 'OUTAGE_RADAR_E2E_SOURCE_URL';
export const E2E_GLOBAL = '__outageRadarE2E';

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

/** True when the app was started by the e2e tests. */
export function isE2e(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[E2E_FLAG] === '1';
}

/** Installs the hooks on `target` in e2e mode; returns whether it did. */
export function maybeRegisterE2eHooks(env: Readonly<Record<string, string | undefined>>, hooks: E2eHooks, target: object = globalThis): boolean {
  if (!isE2e(env)) return false;
  Object.defineProperty(target, E2E_GLOBAL, { value: Object.freeze({ ...hooks }), configurable: true, enumerable: false, writable: false });
  return true;
}
