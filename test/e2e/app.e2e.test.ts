/**
 * End-to-end smoke tests of the real app in the real Electron binary, through Playwright's
 * `_electron` (experimental, and it needs the binary; SKIPPED with the reason printed when the
 * binary is absent, as on machines that install with ELECTRON_SKIP_BINARY_DOWNLOAD).
 *
 * The app runs with OUTAGE_RADAR_E2E=1: it watches one status source served by this test on
 * 127.0.0.1, probes nothing, keeps its settings and autostart files in temp folders, and
 * exposes read-only test hooks (main/shell/e2e-hooks.ts) so the tray can be seen at all.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectronApplication, Page } from 'playwright';
import type { AppApi, SettingsUpdateResult, SettingsView } from '../../main/core/contract.js';
import { TRAY_STATES } from '../../main/core/tray/tray-icons.js';
import { E2E_FLAG, E2E_GLOBAL, E2E_SOURCE_URL, type E2eHooks } from '../../main/shell/e2e-hooks.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'main.js');

/**
 * Where the Electron binary is, or why there is none. `require('electron')` is NOT used: when
 * the binary is missing, the package tries to download it, and tests never leave this machine.
 */
function findElectron(): { path: string } | { reason: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(pkg, 'path.txt');
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const path = join(override, relativePath ?? 'electron');
    return existsSync(path) ? { path } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  if (relativePath === null) return { reason: `the Electron binary is not installed (${pathFile} is missing; installed with ELECTRON_SKIP_BINARY_DOWNLOAD?)` };
  const path = join(pkg, 'dist', relativePath);
  if (!existsSync(path)) return { reason: `the Electron binary ${path} does not exist` };
  if (!existsSync(MAIN)) return { reason: `${MAIN} is not built` };
  return { path };
}

const electron = findElectron();
const skipReason = 'reason' in electron ? electron.reason : null;
if (skipReason !== null) console.warn(`test/e2e/app.e2e.test.ts skipped: ${skipReason}`);

type HookName = Exclude<keyof E2eHooks, 'settingsPath'>;

describe.skipIf(skipReason !== null)(`Outage Radar in Electron${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let source: Loopback;
  let userData: string;
  let home: string;

  beforeAll(async () => {
    source = await startLoopback({ '/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
    userData = await mkdtemp(join(tmpdir(), 'or-e2e-data-'));
    home = await mkdtemp(join(tmpdir(), 'or-e2e-home-'));
  });

  afterAll(async () => {
    await source?.close();
    await rm(userData, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  async function launch(): Promise<ElectronApplication> {
    const { _electron } = await import('playwright');
    const args = [MAIN, `--user-data-dir=${userData}`];
    // Chromium refuses to start as root with its sandbox (CI containers).
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    return _electron.launch({
      executablePath: 'path' in electron ? electron.path : '',
      args,
      env: {
        ...env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        [E2E_FLAG]: '1',
        [E2E_SOURCE_URL]: `${source.url}/api/v2/summary.json`,
      },
      timeout: 30_000,
    });
  }

  const hook = <K extends HookName>(app: ElectronApplication, name: K): Promise<ReturnType<E2eHooks[K]>> =>
    app.evaluate((_electron, [global, key]) => {
      const hooks = (globalThis as Record<string, unknown>)[global] as Record<string, () => unknown> | undefined;
      return hooks ? hooks[key]?.() : undefined;
    }, [E2E_GLOBAL, name] as const) as Promise<ReturnType<E2eHooks[K]>>;

  async function openWindow(app: ElectronApplication): Promise<Page> {
    const opened = app.waitForEvent('window');
    await hook(app, 'openWindow');
    const page = await opened;
    await page.waitForLoadState('load');
    return page;
  }

  const api = <T>(page: Page, call: (api: AppApi) => Promise<T>): Promise<T> =>
    page.evaluate(`(${call.toString()})(window.api)`) as Promise<T>;

  it('shows the tray, opens and hides the window, and keeps settings across restarts', async () => {
    const first = await launch();
    try {
      await expect.poll(() => hook(first, 'trayState'), { timeout: 20_000 }).toBeTruthy();
      expect(TRAY_STATES).toContain(await hook(first, 'trayState'));
      expect(await hook(first, 'windowExists')).toBe(false);

      const page = await openWindow(first);
      expect(page.url()).toBe('app://renderer/index.html');
      expect(await hook(first, 'windowVisible')).toBe(true);
      // The page has the bridge and nothing of Node.
      expect(await page.evaluate('typeof window.api.getState')).toBe('function');
      expect(await page.evaluate('typeof window.require + typeof window.process')).toBe('undefinedundefined');

      const update = await api<SettingsUpdateResult>(page, (bridge) => bridge.updateSettings({ pollIntervalSeconds: 600 }));
      expect(update.ok).toBe(true);
      await api(page, (bridge) => bridge.hideWindow());
      await expect.poll(() => hook(first, 'windowVisible')).toBe(false);
    } finally {
      await first.close();
    }

    const second = await launch();
    try {
      await expect.poll(() => hook(second, 'trayState'), { timeout: 20_000 }).toBeTruthy();
      const page = await openWindow(second);
      const settings = await api<SettingsView>(page, (bridge) => bridge.getSettings());
      expect(settings.values.pollIntervalSeconds).toBe(600);
    } finally {
      await second.close();
    }
  }, 90_000);
});
