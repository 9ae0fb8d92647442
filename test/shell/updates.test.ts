/**
 * The self-update wiring over a fake `autoUpdater`: what the organization's `updates.mode` and
 * `updates.feedUrl` and the install kind make the app do (load the updater or not, look daily or
 * only when asked, install on quit or not) and what the person is told.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../main/core/generated/config-document.js';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, type UpdatePlan } from '../../main/core/updates/update-policy.js';
import {
  createUpdates,
  detectInstall,
  readyWords,
  updateErrorWords,
  type InstallInfo,
  type UpdateCheckResultLike,
  type UpdateMessage,
  type UpdaterLike,
} from '../../main/shell/updates.js';
import { MemoryLog } from '../fakes/log.js';
import { ManualTimers } from '../fakes/timers.js';

const FEED = 'https://updates.example.test/outage-radar/';
const OTHER_FEED = 'https://mirror.example.test/outage-radar/';

type Listener = (arg: never) => void;

/** electron-updater's autoUpdater as far as the app uses it; its defaults are autoDownload and autoInstallOnAppQuit on. */
class FakeUpdater implements UpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  readonly feeds: Array<{ provider: 'generic'; url: string }> = [];
  checks = 0;
  downloads = 0;
  /** What the feed says next: the latest version there, or an error. */
  latest: string | Error = '1.0.0';
  private readonly listeners = new Map<string, Listener[]>();

  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }

  async checkForUpdates(): Promise<UpdateCheckResultLike | null> {
    this.checks++;
    if (this.latest instanceof Error) {
      this.emit('error', this.latest);
      throw this.latest;
    }
    const available = this.latest !== '1.0.0';
    return {
      isUpdateAvailable: available,
      updateInfo: { version: this.latest },
      downloadPromise: available && this.autoDownload ? this.downloadUpdate() : null,
    };
  }

  async downloadUpdate(): Promise<string[]> {
    this.downloads++;
    await Promise.resolve();
    this.emit('update-downloaded', { version: this.latest as string });
    return ['/cache/installer'];
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  private emit(event: string, arg: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (value: unknown) => void)(arg);
  }
}

const PER_USER: InstallInfo = { kind: 'nsis-per-user', machineWide: false };

function setup(options: { install?: InstallInfo; confirm?: boolean; tellFails?: boolean; loadFails?: boolean } = {}) {
  const updater = new FakeUpdater();
  const timers = new ManualTimers();
  const log = new MemoryLog();
  const told: UpdateMessage[] = [];
  const asked: string[] = [];
  const notified: string[] = [];
  const plans: UpdatePlan[] = [];
  let loads = 0;
  const updates = createUpdates({
    install: options.install ?? PER_USER,
    loadUpdater: async () => {
      loads++;
      if (options.loadFails) throw new Error('Cannot find module electron-updater');
      return updater;
    },
    tell: (message) => {
      told.push(message);
      if (options.tellFails) throw new Error('no dialog');
    },
    confirm: async (question) => {
      asked.push(question.message);
      return options.confirm ?? true;
    },
    notify: (message) => void notified.push(message),
    onPlanChanged: (plan) => void plans.push(plan),
    now: timers.now,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    log,
  });
  return { updates, updater, timers, log, told, asked, notified, plans, loads: () => loads };
}

/** Lets the updater's promise chains run (they never wait for a timer). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolveNow) => setImmediate(resolveNow));
}

const config = (mode: 'none' | 'manual' | 'auto' | undefined, feedUrl: string | null | undefined): ConfigDocument => ({
  updates: { ...(mode === undefined ? {} : { mode }), ...(feedUrl === undefined ? {} : { feedUrl }) },
});

describe('updates: when the updater is never loaded', () => {
  it('never loads electron-updater for mode none, for no feed, or with no updates settings at all', async () => {
    for (const document of [config('none', FEED), config('auto', null), config('manual', undefined), {}]) {
      const { updates, loads, timers } = setup();
      updates.apply(document);
      await settle();
      timers.advance(3 * CHECK_INTERVAL_MS);
      await settle();
      expect(loads(), JSON.stringify(document)).toBe(0);
      expect(updates.offersCheck()).toBe(false);
      expect(timers.size).toBe(0);
    }
  });

  it('never loads it for MSI, pkg, deb/rpm or a machine-wide install, whatever the settings say', async () => {
    const managed: InstallInfo[] = [
      { kind: 'msi', machineWide: false },
      { kind: 'pkg', machineWide: false },
      { kind: 'deb-rpm', machineWide: false },
      { kind: 'dmg', machineWide: true },
      { kind: 'development', machineWide: false },
    ];
    for (const install of managed) {
      const { updates, loads, timers } = setup({ install });
      updates.apply(config('auto', FEED));
      await settle();
      timers.advance(2 * CHECK_INTERVAL_MS);
      await settle();
      expect(loads(), install.kind).toBe(0);
      expect(updates.plan().check).toBe('never');
      expect(updates.offersCheck()).toBe(false);
    }
  });

  it('says in plain words why there is nothing to check when asked anyway', async () => {
    const { updates, told, loads } = setup({ install: { kind: 'msi', machineWide: false } });
    updates.apply(config('manual', FEED));
    await updates.checkNow();
    expect(loads()).toBe(0);
    expect(told).toEqual([{ kind: 'info', message: 'Updates are managed by your organization.' }]);
  });
});

describe('updates: manual', () => {
  it('sets the generic feed, downloads and installs nothing on its own, and looks only when asked', async () => {
    const { updates, updater, timers, told } = setup();
    updates.apply(config('manual', FEED));
    await settle();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updates.offersCheck()).toBe(true);
    timers.advance(3 * CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(0);

    await updates.checkNow();
    expect(updater.checks).toBe(1);
    expect(told).toEqual([{ kind: 'info', message: 'You have the latest version.' }]);
  });

  it('asks before downloading a new version, then says it installs on quit', async () => {
    const { updates, updater, told, asked } = setup({ confirm: true });
    updates.apply(config('manual', FEED));
    updater.latest = '2.0.0';
    await updates.checkNow();
    expect(asked).toEqual(['Version 2.0.0 is available.']);
    expect(updater.downloads).toBe(1);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(told).toEqual([{ kind: 'info', message: readyWords('2.0.0') }]);
    expect(readyWords('2.0.0')).toBe('Version 2.0.0 is ready: it installs when you quit Outage Radar.');
  });

  it('downloads nothing when the person says not now', async () => {
    const { updates, updater, told } = setup({ confirm: false });
    updates.apply(config('manual', FEED));
    updater.latest = '2.0.0';
    await updates.checkNow();
    expect(updater.downloads).toBe(0);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(told).toEqual([]);
  });
});

describe('updates: auto', () => {
  it('downloads and installs on quit, and looks daily starting a little after launch', async () => {
    const { updates, updater, timers } = setup();
    updates.apply(config('auto', FEED));
    await settle();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updates.offersCheck()).toBe(true);

    timers.advance(FIRST_CHECK_DELAY_MS - 1);
    await settle();
    expect(updater.checks).toBe(0);
    timers.advance(1);
    await settle();
    expect(updater.checks).toBe(1);
    timers.advance(CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(2);
  });

  it('tells in a notification when a background download is ready', async () => {
    const { updates, updater, timers, notified, told } = setup();
    updates.apply(config('auto', FEED));
    updater.latest = '2.1.0';
    await settle();
    timers.advance(FIRST_CHECK_DELAY_MS);
    await settle();
    expect(updater.downloads).toBe(1);
    expect(notified).toEqual([readyWords('2.1.0')]);
    expect(told).toEqual([]);
  });

  it('answers a check from the menu once the download is done, without asking first', async () => {
    const { updates, updater, told, asked, notified } = setup();
    updates.apply(config('auto', FEED));
    updater.latest = '2.1.0';
    await updates.checkNow();
    expect(asked).toEqual([]);
    expect(told).toEqual([{ kind: 'info', message: readyWords('2.1.0') }]);
    expect(notified).toEqual([]);
  });

  it('logs a failed scheduled check, tells nobody, and looks again the next day', async () => {
    const { updates, updater, timers, log, told, notified } = setup();
    updates.apply(config('auto', FEED));
    updater.latest = new Error('net::ERR_INTERNET_DISCONNECTED');
    await settle();
    timers.advance(FIRST_CHECK_DELAY_MS);
    await settle();
    expect(log.has('the scheduled check failed')).toBe(true);
    expect([told, notified]).toEqual([[], []]);
    updater.latest = '1.0.0';
    timers.advance(CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(2);
  });
});

describe('updates: a change of policy re-plans', () => {
  it('points the updater at a new feed, and stops checking and installing on quit when the mode turns none', async () => {
    const { updates, updater, timers, plans } = setup();
    updates.apply(config('auto', FEED));
    await settle();
    updates.apply(config('auto', FEED));
    await settle();
    expect(plans).toHaveLength(1);

    updates.apply(config('auto', OTHER_FEED));
    await settle();
    expect(updater.feeds.map((feed) => feed.url)).toEqual([FEED, OTHER_FEED]);
    expect(plans).toHaveLength(2);

    updates.apply(config('none', OTHER_FEED));
    await settle();
    expect(plans.at(-1)).toEqual({ check: 'never', reason: 'mode-none' });
    expect(updates.offersCheck()).toBe(false);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    timers.advance(3 * CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(0);
  });

  it('starts the daily check when manual becomes auto, and stops it when auto becomes manual', async () => {
    const { updates, updater, timers } = setup();
    updates.apply(config('manual', FEED));
    await settle();
    expect(timers.size).toBe(0);
    updates.apply(config('auto', FEED));
    await settle();
    expect(timers.size).toBe(1);
    expect(updater.autoDownload).toBe(true);
    updates.apply(config('manual', FEED));
    await settle();
    expect(timers.size).toBe(0);
    expect([updater.autoDownload, updater.autoInstallOnAppQuit]).toEqual([false, false]);
    timers.advance(2 * CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(0);
  });
});

describe('updates: failures are told, never thrown', () => {
  it('tells an updater error in plain words when the person asked', async () => {
    const { updates, updater, told, log } = setup();
    updates.apply(config('manual', FEED));
    updater.latest = Object.assign(new Error('Cannot find channel "latest.yml" update info: HttpError: 404'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    await expect(updates.checkNow()).resolves.toBeUndefined();
    expect(told).toEqual([
      {
        kind: 'error',
        message: 'Outage Radar could not check for updates.',
        detail: 'The update feed has no update information for this app (its latest*.yml file is missing).',
      },
    ]);
    expect(log.has('the check failed')).toBe(true);
  });

  it('tells when the updater cannot be loaded, and survives a dialog that fails', async () => {
    const { updates, told, log } = setup({ loadFails: true, tellFails: true });
    updates.apply(config('manual', FEED));
    await settle();
    expect(log.has('could not set up the updater')).toBe(true);
    await expect(updates.checkNow()).resolves.toBeUndefined();
    expect(told.map((message) => message.kind)).toEqual(['error']);
    expect(log.has('could not show')).toBe(true);
  });

  it('puts network and HTTP failures in plain words', () => {
    expect(updateErrorWords(new Error('net::ERR_NAME_NOT_RESOLVED'))).toBe('The update feed could not be reached. Check the network connection and try again.');
    expect(updateErrorWords(new Error('HttpError: 503 Service Unavailable\n"method: GET url: https://x"\nstack...'))).toBe('The update feed answered with HTTP 503.');
    expect(updateErrorWords(new Error('something odd\n    at stack'))).toBe('something odd');
    expect(updateErrorWords(undefined)).toBe('undefined');
  });
});

describe('detectInstall', () => {
  const probe = (owner: number, writable: boolean) => ({ ownerUid: () => owner, canWrite: () => writable });
  const facts = (platform: string, execPath: string, env: Record<string, string> = {}) => ({ platform, isPackaged: true, execPath, env });

  it('tells a pkg (root-owned bundle) from a dmg copy, and a dmg copy nobody may replace counts as machine-wide', () => {
    const exe = '/Applications/Outage Radar.app/Contents/MacOS/Outage Radar';
    expect(detectInstall(facts('darwin', exe), probe(0, false)).kind).toBe('pkg');
    expect(detectInstall(facts('darwin', exe), probe(501, true))).toEqual({ kind: 'dmg', machineWide: false });
    expect(detectInstall(facts('darwin', exe), probe(501, false))).toEqual({ kind: 'dmg', machineWide: true });
  });

  it('keeps the kinds installKindOf gives on Windows and Linux; a per-user copy it may replace is not machine-wide', () => {
    expect(detectInstall(facts('win32', 'C:\\Program Files\\Outage Radar\\Outage Radar.exe', { ProgramFiles: 'C:\\Program Files' }), probe(0, false)).kind).toBe('msi');
    expect(detectInstall(facts('win32', 'C:\\Users\\a\\AppData\\Local\\Programs\\Outage Radar\\Outage Radar.exe', { ProgramFiles: 'C:\\Program Files' }), probe(0, true))).toEqual({
      kind: 'nsis-per-user',
      machineWide: false,
    });
    expect(detectInstall(facts('linux', '/tmp/.mount_x/outage-radar', { APPIMAGE: '/home/a/Apps/Outage.AppImage' }), probe(1000, true))).toEqual({ kind: 'appimage', machineWide: false });
    expect(detectInstall(facts('linux', '/opt/Outage Radar/outage-radar'), probe(0, false)).kind).toBe('deb-rpm');
  });
});

describe('electron-updater stays in the desktop app', () => {
  const ROOT = resolve(import.meta.dirname, '..', '..');
  const sources = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name)) : [];

  it('is imported only by main/shell/updates.ts', () => {
    const importers = ['main', 'renderer', 'preload']
      .flatMap((folder) => sources(join(ROOT, folder)))
      .filter((file) => /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]electron-updater['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file).split(sep).join('/'));
    expect(importers).toEqual(['main/shell/updates.ts']);
  });

  it('is not in the built CLI', () => {
    const files = sources(join(ROOT, 'out', 'cli'));
    expect(files.length, 'out/cli is built by the global setup').toBeGreaterThan(0);
    // Class names of electron-updater's code: its name alone also appears in the settings' descriptions.
    const carrying = files.filter((file) => /\b(NsisUpdater|AppImageUpdater|MacUpdater)\b/.test(readFileSync(file, 'utf8')));
    expect(carrying).toEqual([]);
  });
});
