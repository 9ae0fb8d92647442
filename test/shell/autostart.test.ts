import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutostart, desktopEntry, isHiddenEntry, quoteExecArgument, type LoginItems } from '../../main/shell/autostart.js';

let home: string;
let systemDir: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'or-home-'));
  systemDir = join(home, 'etc-xdg');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const noLoginItems: LoginItems = {
  setLoginItemSettings: () => {
    throw new Error('not on Linux');
  },
  getLoginItemSettings: () => {
    throw new Error('not on Linux');
  },
};

function linux(env: Record<string, string> = {}) {
  return createAutostart({
    platform: 'linux',
    loginItems: noLoginItems,
    executable: '/opt/Outage Radar/outage-radar',
    home,
    // A system folder of our own, so the test never reads the machine's /etc/xdg.
    env: { XDG_CONFIG_DIRS: systemDir, ...env },
  });
}

const userFile = () => join(home, '.config', 'autostart', 'outage-radar.desktop');
const exists = (path: string) => stat(path).then(() => true, () => false);

describe('autostart on Linux (XDG)', () => {
  it('writes ~/.config/autostart/outage-radar.desktop when switched on, and removes it when switched off', async () => {
    const autostart = linux();
    expect(autostart.userEntryPath).toBe(userFile());
    expect(await autostart.isEnabled()).toBe(false);

    await autostart.set(true);
    const text = await readFile(userFile(), 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Type=Application');
    expect(text).toContain('Exec="/opt/Outage Radar/outage-radar"');
    expect(text).toContain('Hidden=false');
    expect(await autostart.isEnabled()).toBe(true);

    await autostart.set(false);
    expect(await exists(userFile())).toBe(false);
    expect(await autostart.isEnabled()).toBe(false);
    await autostart.set(false);
  });

  it('honours XDG_CONFIG_HOME', async () => {
    const configHome = join(home, 'cfg');
    const autostart = linux({ XDG_CONFIG_HOME: configHome });
    await autostart.set(true);
    expect(await exists(join(configHome, 'autostart', 'outage-radar.desktop'))).toBe(true);
  });

  it('shadows a system-wide entry with Hidden=true instead of deleting, so switching off sticks', async () => {
    await mkdir(join(systemDir, 'autostart'), { recursive: true });
    await writeFile(join(systemDir, 'autostart', 'outage-radar.desktop'), desktopEntry({ executable: '/usr/bin/outage-radar', appName: 'Outage Radar', hidden: false }));
    const autostart = linux();
    expect(await autostart.isEnabled()).toBe(true);

    await autostart.set(false);
    const text = await readFile(userFile(), 'utf8');
    expect(isHiddenEntry(text)).toBe(true);
    expect(await autostart.isEnabled()).toBe(false);

    await autostart.set(true);
    expect(isHiddenEntry(await readFile(userFile(), 'utf8'))).toBe(false);
    expect(await autostart.isEnabled()).toBe(true);
  });

  it('quotes program paths as the Desktop Entry spec asks', () => {
    expect(quoteExecArgument('/usr/bin/outage-radar')).toBe('/usr/bin/outage-radar');
    expect(quoteExecArgument('/opt/Outage Radar/outage-radar')).toBe('"/opt/Outage Radar/outage-radar"');
    expect(quoteExecArgument('/home/a "b"/$x`y`/100%')).toBe('"/home/a \\\\"b\\\\"/\\\\$x\\\\`y\\\\`/100%%"');
  });
});

describe('autostart on Windows and macOS', () => {
  it('uses the per-user login item API', async () => {
    const calls: unknown[] = [];
    let enabled = false;
    const loginItems: LoginItems = {
      setLoginItemSettings: (settings) => {
        calls.push(settings);
        enabled = settings.openAtLogin;
      },
      getLoginItemSettings: () => ({ openAtLogin: enabled }),
    };
    const windows = createAutostart({ platform: 'win32', loginItems, executable: 'C:\\Program Files\\Outage Radar\\Outage Radar.exe', home });
    await windows.set(true);
    expect(await windows.isEnabled()).toBe(true);
    const mac = createAutostart({ platform: 'darwin', loginItems, executable: '/Applications/Outage Radar.app/Contents/MacOS/Outage Radar', home });
    await mac.set(false);
    expect(await mac.isEnabled()).toBe(false);
    expect(calls).toEqual([{ openAtLogin: true, path: 'C:\\Program Files\\Outage Radar\\Outage Radar.exe', args: [] }, { openAtLogin: false }]);
    expect(windows.userEntryPath).toBeNull();
    expect(await exists(join(home, '.config'))).toBe(false);
  });
});
