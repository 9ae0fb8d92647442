/**
 * Start at login (enterprise.md A4, "Auto-launch at login").
 *
 * Windows and macOS: `app.setLoginItemSettings`, which writes a per-user entry (a Run key, a
 * login item), never a machine-wide one. Linux has no such API; the XDG autostart spec is used:
 * `$XDG_CONFIG_HOME/autostart/outage-radar.desktop` (default `~/.config/autostart`). A user file
 * overrides a system one of the same name in `/etc/xdg/autostart` (which the deb/rpm can install
 * for a fleet), so switching off writes `Hidden=true` when a system entry exists and simply
 * removes the user file otherwise.
 */
import { mkdir as fsMkdir, readFile as fsReadFile, rm as fsRm, writeFile as fsWriteFile } from 'node:fs/promises';
import { join } from 'node:path';

export const AUTOSTART_FILE_NAME = 'outage-radar.desktop';

/** The slice of `app` used on Windows and macOS. */
export interface LoginItems {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

/** The part of `node:fs/promises` used on Linux. */
export interface AutostartFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { force: true }): Promise<void>;
}

export interface AutostartOptions {
  readonly platform: NodeJS.Platform;
  readonly loginItems: LoginItems;
  /** The program to start: `process.execPath`, or `$APPIMAGE` for an AppImage (its mount point changes every run). */
  readonly executable: string;
  readonly appName?: string;
  /** The user's home folder (tests pass a temp dir). */
  readonly home: string;
  /** Environment for XDG_CONFIG_HOME / XDG_CONFIG_DIRS. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fs?: AutostartFs;
}

export interface Autostart {
  set(enabled: boolean): Promise<void>;
  isEnabled(): Promise<boolean>;
  /** The XDG file this user controls (Linux), else null. */
  readonly userEntryPath: string | null;
}

const NODE_FS: AutostartFs = {
  readFile: (path, encoding) => fsReadFile(path, encoding),
  writeFile: (path, data, options) => fsWriteFile(path, data, options),
  mkdir: (path, options) => fsMkdir(path, options),
  rm: (path, options) => fsRm(path, options),
};

/**
 * Writes a program path as the value of an Exec key (Desktop Entry spec, "The Exec key"): quoted
 * with `"`, `` ` ``, `$` and `\` escaped when it has reserved characters, then `%` doubled (field
 * codes) and backslashes escaped once more (the general string escaping of every value).
 */
export function quoteExecArgument(value: string): string {
  if (/^[A-Za-z0-9_/.+,:@=-]+$/.test(value)) return value;
  const quoted = `"${value.replace(/[\\"`$]/g, (char) => `\\${char}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The text of an autostart entry; `hidden` writes the spec's "this entry is deleted" marker. */
export function desktopEntry(options: { executable: string; appName: string; hidden: boolean }): string {
  // Newlines in a path would start a new key; such a path cannot be started from an entry anyway.
  const name = options.appName.replace(/[\r\n]/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${name}`,
    'Comment=Shows whether the services you use are working',
    `Exec=${quoteExecArgument(options.executable.replace(/[\r\n]/g, ''))}`,
    'Terminal=false',
    'NoDisplay=true',
    `Hidden=${options.hidden ? 'true' : 'false'}`,
    `X-GNOME-Autostart-enabled=${options.hidden ? 'false' : 'true'}`,
    '',
  ].join('\n');
}

/** True when the entry says Hidden=true (or GNOME's disabled flag). */
export function isHiddenEntry(text: string): boolean {
  return /^\s*Hidden\s*=\s*true\s*$/im.test(text) || /^\s*X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text);
}

function userConfigHome(home: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env['XDG_CONFIG_HOME'];
  // The spec ignores relative values.
  return configured && configured.startsWith('/') ? configured : join(home, '.config');
}

function systemConfigDirs(env: Readonly<Record<string, string | undefined>>): string[] {
  const dirs = (env['XDG_CONFIG_DIRS'] ?? '').split(':').filter((dir) => dir.startsWith('/'));
  return dirs.length > 0 ? dirs : ['/etc/xdg'];
}

async function readOrNull(fs: AutostartFs, path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Creates the autostart switch for this platform. */
export function createAutostart(options: AutostartOptions): Autostart {
  const appName = options.appName ?? 'Outage Radar';
  if (options.platform !== 'linux') {
    return {
      userEntryPath: null,
      async set(enabled) {
        options.loginItems.setLoginItemSettings({ openAtLogin: enabled, ...(options.platform === 'win32' ? { path: options.executable, args: [] } : {}) });
      },
      async isEnabled() {
        return options.loginItems.getLoginItemSettings().openAtLogin;
      },
    };
  }

  const fs = options.fs ?? NODE_FS;
  const env = options.env ?? process.env;
  const dir = join(userConfigHome(options.home, env), 'autostart');
  const userEntryPath = join(dir, AUTOSTART_FILE_NAME);

  const systemEntryEnabled = async (): Promise<boolean | null> => {
    for (const base of systemConfigDirs(env)) {
      const text = await readOrNull(fs, join(base, 'autostart', AUTOSTART_FILE_NAME));
      if (text !== null) return !isHiddenEntry(text);
    }
    return null;
  };

  return {
    userEntryPath,
    async set(enabled) {
      if (enabled) {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(userEntryPath, desktopEntry({ executable: options.executable, appName, hidden: false }), { encoding: 'utf8', mode: 0o644 });
        return;
      }
      // Removing our file would let an enabled system entry start us again; shadow it instead.
      if ((await systemEntryEnabled()) === true) {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(userEntryPath, desktopEntry({ executable: options.executable, appName, hidden: true }), { encoding: 'utf8', mode: 0o644 });
      } else {
        await fs.rm(userEntryPath, { force: true });
      }
    },
    async isEnabled() {
      const user = await readOrNull(fs, userEntryPath);
      if (user !== null) return !isHiddenEntry(user);
      return (await systemEntryEnabled()) === true;
    },
  };
}
