/**
 * Updates follow `updates.mode` and the organization's feed, and never run on installs IT deploys.
 */
import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  installKindOf,
  nextScheduledCheckAt,
  offersCheckInMenu,
  updatePlan,
  updateStatusWords,
  type InstallKind,
  type UpdateMode,
} from '../../../main/core/updates/update-policy.js';

const FEED = 'https://updates.example.com/outage-radar/';
const plan = (mode: UpdateMode, feedUrl: string | null, install: InstallKind = 'nsis-per-user', machineWide = false) => updatePlan({ mode, feedUrl, install, machineWide });

describe('updatePlan', () => {
  it('never looks for updates with mode none, whatever the feed', () => {
    expect(plan('none', FEED)).toEqual({ check: 'never', reason: 'mode-none' });
  });

  it('never looks without a feed: the build publishes no channel of its own', () => {
    for (const mode of ['manual', 'auto'] as const) {
      expect(plan(mode, null)).toEqual({ check: 'never', reason: 'no-feed' });
      expect(plan(mode, '  ')).toEqual({ check: 'never', reason: 'no-feed' });
    }
  });

  it('refuses a feed that is not https', () => {
    expect(plan('auto', 'http://updates.example.com/')).toEqual({ check: 'never', reason: 'insecure-feed' });
    expect(plan('auto', 'not a url')).toEqual({ check: 'never', reason: 'insecure-feed' });
  });

  it('never updates an MSI, pkg, deb or rpm install, or a machine-wide copy, even with mode auto and a feed', () => {
    for (const install of ['msi', 'pkg', 'deb-rpm'] as const) expect(plan('auto', FEED, install)).toEqual({ check: 'never', reason: 'managed-install' });
    expect(plan('auto', FEED, 'dmg', true)).toEqual({ check: 'never', reason: 'managed-install' });
    expect(plan('auto', FEED, 'development')).toEqual({ check: 'never', reason: 'development' });
  });

  it('checks when asked with mode manual, and daily with mode auto, on per-user installs', () => {
    for (const install of ['nsis-per-user', 'dmg', 'appimage'] as const) {
      expect(plan('manual', FEED, install)).toEqual({ check: 'when-asked', feedUrl: FEED });
      expect(plan('auto', FEED, install)).toEqual({ check: 'daily', feedUrl: FEED });
    }
  });
});

describe('when to check', () => {
  const start = Date.UTC(2025, 0, 6, 8, 0);

  it('schedules nothing unless the plan is daily', () => {
    expect(nextScheduledCheckAt(plan('manual', FEED), start, null)).toBeNull();
    expect(nextScheduledCheckAt(plan('none', FEED), start, null)).toBeNull();
    expect(nextScheduledCheckAt(plan('auto', FEED, 'msi'), start, null)).toBeNull();
  });

  it('checks a while after launch, then a day after the last check', () => {
    const daily = plan('auto', FEED);
    expect(nextScheduledCheckAt(daily, start, null)).toBe(start + FIRST_CHECK_DELAY_MS);
    expect(nextScheduledCheckAt(daily, start, start - 3 * CHECK_INTERVAL_MS)).toBe(start + FIRST_CHECK_DELAY_MS);
    expect(nextScheduledCheckAt(daily, start, start + 60 * 60_000)).toBe(start + 60 * 60_000 + CHECK_INTERVAL_MS);
  });

  it('offers the menu item only when updates may run, and says who manages them', () => {
    expect(offersCheckInMenu(plan('manual', FEED))).toBe(true);
    expect(offersCheckInMenu(plan('manual', FEED, 'msi'))).toBe(false);
    expect(offersCheckInMenu(plan('manual', null))).toBe(false);
    expect(updateStatusWords(plan('auto', FEED, 'msi'))).toBe('Updates are managed by your organization.');
    expect(updateStatusWords(plan('none', FEED))).toBe('Updates are managed by your organization.');
    expect(updateStatusWords(plan('manual', FEED))).toContain('tray menu');
  });
});

describe('installKindOf', () => {
  const facts = { isPackaged: true, env: {}, ownedByRoot: false };

  it('tells the per-machine MSI (Program Files) from the per-user NSIS install', () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
    expect(installKindOf({ ...facts, platform: 'win32', env, execPath: 'C:\\Program Files\\Outage Radar\\outage-radar.exe' })).toBe('msi');
    expect(installKindOf({ ...facts, platform: 'win32', env, execPath: 'c:\\program files\\Outage Radar\\outage-radar.exe' })).toBe('msi');
    expect(installKindOf({ ...facts, platform: 'win32', env, execPath: 'C:\\Users\\ann\\AppData\\Local\\Programs\\outage-radar\\outage-radar.exe' })).toBe('nsis-per-user');
    // A folder that merely starts like Program Files is not it.
    expect(installKindOf({ ...facts, platform: 'win32', env, execPath: 'C:\\Program Files Extra\\outage-radar.exe' })).toBe('nsis-per-user');
  });

  it('tells a pkg (root-owned) from a dmg copy on macOS, and an AppImage from deb/rpm on Linux', () => {
    const app = '/Applications/Outage Radar.app/Contents/MacOS/Outage Radar';
    expect(installKindOf({ ...facts, platform: 'darwin', execPath: app, ownedByRoot: true })).toBe('pkg');
    expect(installKindOf({ ...facts, platform: 'darwin', execPath: app, ownedByRoot: false })).toBe('dmg');
    expect(installKindOf({ ...facts, platform: 'linux', execPath: '/tmp/.mount_x/outage-radar', env: { APPIMAGE: '/home/ann/Outage.AppImage' } })).toBe('appimage');
    expect(installKindOf({ ...facts, platform: 'linux', execPath: '/opt/Outage Radar/outage-radar' })).toBe('deb-rpm');
  });

  it('calls an unpackaged run development', () => {
    expect(installKindOf({ ...facts, isPackaged: false, platform: 'linux', execPath: '/x/electron' })).toBe('development');
  });
});
