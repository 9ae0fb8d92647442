/**
 * Lists the current user's processes with their start times, for restart-needed detection
 * (main/core/advice/clients.ts). One adapter per OS, each bounded (a timeout on every command) and
 * quiet: any failure gives an empty list and a reason, never a throw. Commands run without a
 * shell, by absolute path where the OS has a fixed one.
 * - Windows: PowerShell `Get-CimInstance Win32_Process` (with CreationDate) for this logon session;
 *   where PowerShell is disabled, `tasklist`, which knows no start times (see parseTasklistCsv).
 * - macOS: `ps -axo pid=,uid=,lstart=,comm=` with LC_ALL=C, kept to our uid.
 * - Linux: /proc/<pid>/stat start time + /proc/stat btime + CLK_TCK, our uid's processes only.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { win32 } from 'node:path';
import type { ProcessInfo } from '../core/advice/clients.js';
import type { ProcessLister } from '../core/ports.js';
import { linuxStartedAt, parseBootTime, parsePowerShellProcesses, parseProcStatStartTicks, parsePsLstart, parseTasklistCsv } from './process-parsers.js';

const COMMAND_TIMEOUT_MS = 5000;
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const DEFAULT_CLOCK_TICKS = 100;
/** The kernel cuts /proc/<pid>/comm to 15 characters (TASK_COMM_LEN - 1). */
const COMM_MAX = 15;

export type CommandResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly reason: string };

/** Runs a program without a shell; resolves (never rejects) with its output or why it failed. */
export type RunCommand = (file: string, args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<CommandResult>;

/** What a listing found, and why it is empty or partial when it is. */
export interface ProcessListing {
  readonly processes: readonly ProcessInfo[];
  /** Null when the listing worked as intended. */
  readonly problem: string | null;
}

export interface ProcessListOptions {
  /** Defaults to process.platform; other platforms list nothing. */
  readonly platform?: NodeJS.Platform;
  /** Defaults to execFile with a 5 s timeout; tests pass fakes to replay recorded outputs. */
  readonly run?: RunCommand;
  /** Defaults to process.env.SystemRoot (Windows). */
  readonly systemRoot?: string;
}

/** execFile, bounded in time and output, no shell, no console window on Windows. */
export const runCommand: RunCommand = (file, args, env) =>
  new Promise((resolve) => {
    try {
      execFile(
        file,
        [...args],
        { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, shell: false, ...(env ? { env } : {}) },
        (error, stdout) => {
          if (error) resolve({ ok: false, reason: `${file} failed: ${error.killed ? `no answer within ${COMMAND_TIMEOUT_MS / 1000} s` : error.message}` });
          else resolve({ ok: true, stdout });
        },
      );
    } catch (error) {
      resolve({ ok: false, reason: `${file} could not start: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

/** Lists the current user's processes; never rejects. */
export async function listProcesses(options: ProcessListOptions = {}): Promise<ProcessListing> {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runCommand;
  try {
    if (platform === 'win32') return await listWindows(run, options.systemRoot ?? process.env['SystemRoot'] ?? '');
    if (platform === 'darwin') return await listMac(run);
    if (platform === 'linux') return await listLinux(run);
    return { processes: [], problem: `listing processes is not supported on ${platform}` };
  } catch (error) {
    return { processes: [], problem: `could not list processes: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The {@link ProcessLister} port over {@link listProcesses}; problems go to `onProblem` (e.g. a log). */
export function createProcessLister(options: ProcessListOptions & { readonly onProblem?: (problem: string) => void } = {}): ProcessLister {
  return {
    async list() {
      const listing = await listProcesses(options);
      if (listing.problem !== null) options.onProblem?.(listing.problem);
      return listing.processes;
    },
  };
}

// Our logon session only (a terminal server runs other people's Outlook too). The creation time is
// formatted here, in UTC, so Windows PowerShell 5.1 and PowerShell 7 print the same thing. One line
// and no double quotes: the script travels as one argv entry, and Windows re-quotes double quotes.
const POWERSHELL_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
  '$session = (Get-Process -Id $PID).SessionId',
  "Get-CimInstance Win32_Process -Filter ('SessionId=' + $session) | Select-Object ProcessId,Name,@{Name='CreationDate';Expression={ if ($_.CreationDate) { $_.CreationDate.ToUniversalTime().ToString('o') } }} | ConvertTo-Json -Compress",
].join('; ');

/** The Windows folder as an absolute path only: a relative SystemRoot would let the working directory pick the program. */
function windowsFolder(systemRoot: string): string {
  return win32.isAbsolute(systemRoot) && /^[a-z]:\\/i.test(systemRoot) ? systemRoot : 'C:\\Windows';
}

async function listWindows(run: RunCommand, systemRoot: string): Promise<ProcessListing> {
  const root = windowsFolder(systemRoot);
  const powershell = win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  const viaCim = await run(powershell, ['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_SCRIPT]);
  const parsed = viaCim.ok ? parsePowerShellProcesses(viaCim.stdout) : null;
  if (parsed !== null) return { processes: parsed, problem: null };
  const why = viaCim.ok ? 'PowerShell printed no process list' : viaCim.reason;
  let user: string | null = null;
  try {
    user = userInfo().username;
  } catch {
    user = null;
  }
  const filter = user === null || user === '' ? [] : ['/fi', `USERNAME eq ${user}`];
  const viaTasklist = await run(win32.join(root, 'System32', 'tasklist.exe'), ['/fo', 'csv', '/nh', ...filter]);
  if (!viaTasklist.ok) return { processes: [], problem: `${why}; ${viaTasklist.reason}` };
  // No start times from tasklist: these clients are known to run, but never said to predate a fix.
  return { processes: parseTasklistCsv(viaTasklist.stdout), problem: `${why}; used tasklist, which gives no start times` };
}

async function listMac(run: RunCommand): Promise<ProcessListing> {
  const uid = process.getuid?.();
  if (uid === undefined) return { processes: [], problem: 'no user id to select processes by' };
  const result = await run('/bin/ps', ['-axo', 'pid=,uid=,lstart=,comm='], { ...process.env, LC_ALL: 'C' });
  if (!result.ok) return { processes: [], problem: result.reason };
  return { processes: parsePsLstart(result.stdout, uid), problem: null };
}

async function clockTicksPerSecond(run: RunCommand): Promise<number> {
  const result = await run('getconf', ['CLK_TCK']);
  const ticks = result.ok ? Number(result.stdout.trim()) : Number.NaN;
  return Number.isSafeInteger(ticks) && ticks > 0 ? ticks : DEFAULT_CLOCK_TICKS;
}

function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function listLinux(run: RunCommand): Promise<ProcessListing> {
  const uid = process.getuid?.();
  if (uid === undefined) return { processes: [], problem: 'no user id to select processes by' };
  const timedOut: ProcessListing = { processes: [], problem: `reading /proc took longer than ${COMMAND_TIMEOUT_MS / 1000} s` };
  return withTimeout(readProc(run, uid), COMMAND_TIMEOUT_MS, timedOut);
}

async function readProc(run: RunCommand, uid: number): Promise<ProcessListing> {
  const bootTime = parseBootTime(await readFile('/proc/stat', 'utf8'));
  if (bootTime === null) return { processes: [], problem: '/proc/stat has no btime' };
  const ticksPerSecond = await clockTicksPerSecond(run);
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const processes: ProcessInfo[] = [];
  // In batches: a busy machine has thousands of processes, and each read holds a descriptor.
  for (let i = 0; i < pids.length; i += 64) {
    const batch = await Promise.all(pids.slice(i, i + 64).map((pid) => readProcEntry(pid, uid, bootTime, ticksPerSecond)));
    for (const entry of batch) if (entry !== null) processes.push(entry);
  }
  return { processes, problem: null };
}

/** One /proc/<pid>, or null when it is someone else's, gone meanwhile, or unreadable. */
async function readProcEntry(pidText: string, uid: number, bootTime: number, ticksPerSecond: number): Promise<ProcessInfo | null> {
  const dir = `/proc/${pidText}`;
  try {
    if ((await stat(dir)).uid !== uid) return null;
    const [statText, commText] = await Promise.all([readFile(`${dir}/stat`, 'utf8'), readFile(`${dir}/comm`, 'utf8')]);
    const ticks = parseProcStatStartTicks(statText);
    const comm = commText.replace(/\n$/, '');
    if (ticks === null || comm === '') return null;
    return { pid: Number(pidText), name: await fullName(dir, comm), startedAt: linuxStartedAt(ticks, bootTime, ticksPerSecond) };
  } catch {
    return null;
  }
}

/**
 * comm is cut to 15 characters; when it may have been, the executable's file name is used if it
 * begins with comm (a longer name the kernel shortened, not a process that renamed itself).
 */
async function fullName(dir: string, comm: string): Promise<string> {
  if (comm.length < COMM_MAX) return comm;
  try {
    const target = (await readlink(`${dir}/exe`)).replace(/ \(deleted\)$/, '');
    const base = target.slice(target.lastIndexOf('/') + 1);
    return base.startsWith(comm) ? base : comm;
  } catch {
    return comm;
  }
}
