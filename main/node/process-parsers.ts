/**
 * Parsers for what each OS says about running processes, kept free of I/O so they are tested on
 * recorded outputs (test/fixtures/processes/). Every parser skips lines it cannot read instead of
 * failing: one odd process must not hide the others. Times come out as ISO 8601 UTC to the second.
 */
import type { ProcessInfo } from '../core/advice/clients.js';

/** ISO to the second from epoch milliseconds; '' for anything that is not a time. */
function isoSecond(ms: number): string {
  return Number.isFinite(ms) ? new Date(Math.floor(ms / 1000) * 1000).toISOString() : '';
}

function isPid(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * A Windows process creation time in any form PowerShell may print it: an ISO string (our command
 * formats it so, as does PowerShell 7), Windows PowerShell 5.1's `/Date(ms)/` (bare or wrapped in
 * `{ value, DateTime }`), or a WMI DMTF string `20261202130211.123456+060`. '' when absent.
 */
export function parseWindowsTime(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'value' in value) return parseWindowsTime((value as { value: unknown }).value);
  if (typeof value !== 'string') return '';
  const msDate = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (msDate) return isoSecond(Number(msDate[1]));
  const dmtf = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.\d{6}([+-])(\d{3})$/.exec(value);
  if (dmtf) {
    const [, y, mo, d, h, mi, s, sign, offset] = dmtf;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // DMTF's offset is minutes east of UTC: local = UTC + offset.
    return isoSecond(utc - (sign === '-' ? -1 : 1) * Number(offset) * 60_000);
  }
  // An ISO string without a zone would be read as local time; demand one, as our command writes it.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value)) return '';
  return isoSecond(Date.parse(value));
}

/**
 * `Get-CimInstance Win32_Process | Select-Object ProcessId,Name,CreationDate | ConvertTo-Json`.
 * ConvertTo-Json prints a lone object (one process) without the array around it. Null when the
 * text is not that JSON at all, so the caller can fall back to `tasklist`.
 */
export function parsePowerShellProcesses(json: string): ProcessInfo[] | null {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return null;
  }
  const rows: unknown[] = Array.isArray(data) ? data : data !== null && typeof data === 'object' ? [data] : [];
  if (!Array.isArray(data) && rows.length === 0) return null;
  const out: ProcessInfo[] = [];
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue;
    const { ProcessId: pid, Name: name, CreationDate: created } = row as Record<string, unknown>;
    if (!isPid(pid) || typeof name !== 'string' || name === '') continue;
    out.push({ pid, name, startedAt: parseWindowsTime(created) });
  }
  return out;
}

/** The fields of one tasklist CSV line: every field is quoted, and "" inside one is a quote. */
function csvFields(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

/**
 * `tasklist /fo csv /nh`: `"Image Name","PID","Session Name","Session#","Mem Usage"`. tasklist has
 * no start time, so every process gets startedAt '' and none is ever said to predate a fix: the
 * fallback still tells which clients run, never when they started.
 */
export function parseTasklistCsv(csv: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of csv.split(/\r?\n/)) {
    if (!line.startsWith('"')) continue; // blank lines and "INFO: No tasks are running ..."
    const [name = '', pidText = ''] = csvFields(line);
    const pid = /^\d+$/.test(pidText) ? Number(pidText) : Number.NaN;
    if (name !== '' && isPid(pid)) out.push({ pid, name, startedAt: '' });
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `  501   412 Wed Dec  2 13:02:11 2026 /Applications/Microsoft Teams.app/Contents/MacOS/MSTeams`
const PS_LINE = /^\s*(\d+)\s+(\d+)\s+[A-Z][a-z]{2}\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s+(.+?)\s*$/;

/**
 * macOS `ps -axo pid=,uid=,lstart=,comm=` run with LC_ALL=C (so lstart is `Wed Dec  2 13:02:11
 * 2026`, in local time). comm is the executable, often its full path, possibly with spaces: it is
 * the rest of the line, and the name is its last path segment. Only processes of `uid` are kept.
 */
export function parsePsLstart(output: string, uid: number): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = PS_LINE.exec(line);
    if (!match) continue;
    const [, pidText, uidText, month = '', day, h, mi, s, year, comm = ''] = match;
    const monthIndex = MONTHS.indexOf(month);
    const pid = Number(pidText);
    if (Number(uidText) !== uid || monthIndex === -1 || !isPid(pid)) continue;
    const local = new Date(Number(year), monthIndex, Number(day), Number(h), Number(mi), Number(s));
    const name = comm.slice(comm.lastIndexOf('/') + 1);
    if (name !== '') out.push({ pid, name, startedAt: isoSecond(local.getTime()) });
  }
  return out;
}

/**
 * Field 22 of `/proc/<pid>/stat` (starttime: clock ticks after boot). Field 2 is `(comm)` and comm
 * may itself hold spaces and parentheses, so the fields are counted from the LAST `)`.
 */
export function parseProcStatStartTicks(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  // After ") " come fields 3, 4, ...: field 22 is the 20th.
  const ticks = stat.slice(close + 1).trim().split(/\s+/)[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? Number(ticks) : null;
}

/** `btime` of /proc/stat: the boot time in seconds since the epoch. */
export function parseBootTime(procStat: string): number | null {
  const match = /^btime\s+(\d+)\s*$/m.exec(procStat);
  return match ? Number(match[1]) : null;
}

/** The start time of a Linux process from its stat starttime, the boot time and CLK_TCK. */
export function linuxStartedAt(startTicks: number, bootTimeSeconds: number, clockTicksPerSecond: number): string {
  return isoSecond((bootTimeSeconds + startTicks / clockTicksPerSecond) * 1000);
}
