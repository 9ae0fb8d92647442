/**
 * The OS half of "Restart Teams" (the sequence is main/shell/client-restart.ts). Quitting is always
 * a request the client may refuse, never a forced kill: Outlook can lose unsent work.
 * - Windows: `taskkill /PID <pid>` without /F (a close message to its windows); started again from
 *   the executable path Win32_Process reports, or, for packaged apps (new Teams, new Outlook), by
 *   their app id through `explorer.exe shell:AppsFolder\<id>`.
 * - macOS: `osascript -e 'tell application "<App>" to quit'`; started again with `open -a`.
 * - Linux: SIGTERM; started again from /proc/<pid>/exe with its /proc/<pid>/cmdline arguments.
 * Commands run with execFile, no shell, by absolute path where the OS has a fixed one.
 */
import { spawn } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { win32 } from 'node:path';
import { runCommand, type RunCommand } from './process-list.js';

const POLL_MS = 200;

/** The client a `restart-client` advice item names. */
export interface RestartTarget {
  readonly name: string;
  readonly service: string;
  readonly pid: number;
  readonly startedAt: string;
}

/** Why a step failed in our own words (translated where shown); without one, `reason` is the OS's own message. */
export type StepProblem = 'no-executable' | 'no-way-to-start' | 'not-an-app' | 'did-not-start';

export type StepResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly problem?: StepProblem; readonly file?: string };

/** How to start the client again, found before it is quit (afterwards its process is gone). */
export type Launch =
  | { readonly kind: 'executable'; readonly file: string; readonly args: readonly string[] }
  | { readonly kind: 'windows-app'; readonly appId: string }
  | { readonly kind: 'mac-app'; readonly appName: string };

export type RestartPlatform = 'win32' | 'darwin' | 'linux';

/** The OS half of a restart; below, `createRestartOsSteps`. */
export interface RestartOsSteps {
  readonly platform: RestartPlatform;
  /** How to start it again, or null when it cannot be known (then nothing is quit). */
  locate(target: RestartTarget): Promise<Launch | null>;
  /** A close request the client may refuse (never a forced kill). */
  quit(target: RestartTarget, launch: Launch): Promise<StepResult>;
  /** True once the process is gone, false when it still runs after `timeoutMs`. */
  waitForExit(pid: number, timeoutMs: number): Promise<boolean>;
  start(launch: Launch): Promise<StepResult>;
}



/** Packaged Windows apps cannot be started from their WindowsApps path; their app ids can. */
const WINDOWS_APP_IDS: Readonly<Record<string, string>> = {
  'ms-teams.exe': 'MSTeams_8wekyb3d8bbwe!MSTeams',
  'olk.exe': 'Microsoft.OutlookForWindows_8wekyb3d8bbwe!Microsoft.OutlookforWindows',
};

export interface RestartOsOptions {
  readonly platform?: NodeJS.Platform;
  readonly run?: RunCommand;
  /** Defaults to process.kill; tests pass a recorder. */
  readonly kill?: (pid: number, signal: NodeJS.Signals | 0) => void;
  /** Starts a program detached from us; defaults to spawn with `detached` and no shell. */
  readonly launch?: (file: string, args: readonly string[]) => StepResult;
  readonly systemRoot?: string;
}

const failed = (reason: string): StepResult => ({ ok: false, reason });
/** A failure we name ourselves: English in `reason` (logs), the problem for the person's words. */
const ownFailure = (problem: Exclude<StepProblem, 'did-not-start'>): StepResult => ({ ok: false, reason: OWN_REASONS[problem], problem });
const OWN_REASONS: Readonly<Record<Exclude<StepProblem, 'did-not-start'>, string>> = {
  'no-executable': 'no executable to start',
  'no-way-to-start': 'no way to start it',
  'not-an-app': 'not an app',
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts a program in its own process group, not waiting for it and not tied to our lifetime. */
export function launchDetached(file: string, args: readonly string[]): StepResult {
  try {
    const child = spawn(file, [...args], { detached: true, stdio: 'ignore', shell: false, windowsHide: false });
    child.on('error', () => undefined);
    child.unref();
    return child.pid === undefined ? { ok: false, reason: `${file} did not start`, problem: 'did-not-start', file } : { ok: true };
  } catch (error) {
    return failed(messageOf(error));
  }
}

/** True while a process with this pid exists (EPERM: it exists, but is not ours to signal). */
function isAlive(kill: (pid: number, signal: 0) => void, pid: number): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls until the pid is gone or the time is up; no busy loop. */
export async function waitForExit(pid: number, timeoutMs: number, kill: (pid: number, signal: 0) => void = process.kill): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(kill, pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/** An app name safe to put inside an AppleScript string (no quotes, backslashes or control characters). */
function isPlainAppName(name: string): boolean {
  return /^[\p{L}\p{N} ._()&+-]{1,128}$/u.test(name);
}

/** The OS steps for this platform, or null where restarting is not supported. */
export function createRestartOsSteps(options: RestartOsOptions = {}): RestartOsSteps | null {
  const platform = options.platform ?? process.platform;
  if (platform !== 'win32' && platform !== 'darwin' && platform !== 'linux') return null;
  const run = options.run ?? runCommand;
  const kill = options.kill ?? ((pid: number, signal: NodeJS.Signals | 0) => void process.kill(pid, signal));
  const launch = options.launch ?? launchDetached;
  const root = options.systemRoot ?? process.env['SystemRoot'] ?? '';
  const windowsRoot = win32.isAbsolute(root) && /^[a-z]:\\/i.test(root) ? root : 'C:\\Windows';
  const system32 = (file: string): string => win32.join(windowsRoot, 'System32', file);
  const steps: Record<RestartPlatform, Pick<RestartOsSteps, 'locate' | 'quit' | 'start'>> = {
    linux: {
      async locate(target) {
        try {
          const file = (await readlink(`/proc/${target.pid}/exe`)).replace(/ \(deleted\)$/, '');
          const cmdline = (await readFile(`/proc/${target.pid}/cmdline`, 'utf8')).split('\0');
          if (cmdline.at(-1) === '') cmdline.pop();
          return { kind: 'executable', file, args: cmdline.slice(1) };
        } catch {
          return null;
        }
      },
      async quit(target) {
        try {
          kill(target.pid, 'SIGTERM');
          return { ok: true };
        } catch (error) {
          return failed(messageOf(error));
        }
      },
      async start(where) {
        return where.kind === 'executable' ? launch(where.file, where.args) : ownFailure('no-executable');
      },
    },
    win32: {
      async locate(target) {
        const script = `(Get-CimInstance Win32_Process -Filter 'ProcessId=${target.pid}').ExecutablePath`;
        const result = await run(win32.join(system32('WindowsPowerShell'), 'v1.0', 'powershell.exe'), ['-NoProfile', '-NonInteractive', '-Command', script]);
        const file = result.ok ? result.stdout.trim() : '';
        if (!win32.isAbsolute(file)) return null;
        const appId = WINDOWS_APP_IDS[win32.basename(file).toLowerCase()];
        if (appId !== undefined && /\\WindowsApps\\/i.test(file)) return { kind: 'windows-app', appId };
        return { kind: 'executable', file, args: [] };
      },
      async quit(target) {
        // No /F: taskkill then only asks the windows to close, as clicking their close box does.
        const result = await run(system32('taskkill.exe'), ['/PID', String(target.pid)]);
        return result.ok ? { ok: true } : failed(result.reason);
      },
      async start(where) {
        if (where.kind === 'windows-app') return launch(win32.join(windowsRoot, 'explorer.exe'), [`shell:AppsFolder\\${where.appId}`]);
        return where.kind === 'executable' ? launch(where.file, where.args) : ownFailure('no-way-to-start');
      },
    },
    darwin: {
      async locate(target) {
        const result = await run('/bin/ps', ['-o', 'comm=', '-p', String(target.pid)], { ...process.env, LC_ALL: 'C' });
        const path = result.ok ? result.stdout.trim() : '';
        const bundle = /\/([^/]+)\.app\//.exec(path)?.[1];
        return bundle !== undefined && isPlainAppName(bundle) ? { kind: 'mac-app', appName: bundle } : null;
      },
      async quit(_target, where) {
        if (where.kind !== 'mac-app') return ownFailure('not-an-app');
        const result = await run('/usr/bin/osascript', ['-e', `tell application "${where.appName}" to quit`]);
        return result.ok ? { ok: true } : failed(result.reason);
      },
      async start(where) {
        if (where.kind !== 'mac-app') return ownFailure('not-an-app');
        const result = await run('/usr/bin/open', ['-a', where.appName]);
        return result.ok ? { ok: true } : failed(result.reason);
      },
    },
  };
  return {
    platform,
    ...steps[platform],
    waitForExit: (pid, timeoutMs) => waitForExit(pid, timeoutMs, kill),
  };
}
