/**
 * The process lister: each OS's output parsed from recorded samples (test/fixtures/processes,
 * hand-written in the documented formats), the Windows PowerShell -> tasklist fallback driven by a
 * fake command runner, and Linux for real: a child started here is found with its name and start time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientsRunningSince, recognizeClients } from '../../../main/core/advice/clients.js';
import { createProcessLister, listProcesses, runCommand, type RunCommand } from '../../../main/node/process-list.js';
import {
  linuxStartedAt,
  parseBootTime,
  parsePowerShellProcesses,
  parseProcStatStartTicks,
  parsePsLstart,
  parseTasklistCsv,
  parseWindowsTime,
} from '../../../main/node/process-parsers.js';

const sample = (name: string): string => readFileSync(new URL(`../../fixtures/processes/${name}`, import.meta.url), 'utf8');

describe('Windows: Get-CimInstance Win32_Process as JSON', () => {
  it('reads our command output, creation times to the second in UTC', () => {
    const processes = parsePowerShellProcesses(sample('windows-cim.json'));
    expect(processes?.find((p) => p.pid === 10244)).toEqual({ pid: 10244, name: 'OUTLOOK.EXE', startedAt: '2026-12-02T12:02:11.000Z' });
    // A process Windows gives no creation time (and pid 0) is not a client anyone can restart.
    expect(processes?.some((p) => p.pid === 0)).toBe(false);
    expect(processes?.map((p) => p.name)).toContain('Zoom.exe');
    expect(recognizeClients(processes ?? [], 'win32', ['teams'])).toEqual([{ name: 'Teams', service: 'teams', pid: 11388, startedAt: '2026-12-02T12:02:29.000Z' }]);
  });

  it("reads Windows PowerShell 5.1's /Date(ms)/ forms, bare and wrapped", () => {
    expect(parsePowerShellProcesses(sample('windows-cim-ps51.json'))).toEqual([
      { pid: 10244, name: 'OUTLOOK.EXE', startedAt: '2026-12-02T12:02:11.000Z' },
      { pid: 11388, name: 'ms-teams.exe', startedAt: '2026-12-02T12:02:29.000Z' },
      { pid: 4, name: 'System', startedAt: '' },
    ]);
  });

  it('reads a lone object (one process) and refuses what is not the JSON list', () => {
    expect(parsePowerShellProcesses('{"ProcessId":42,"Name":"olk.exe","CreationDate":"2026-12-02T12:00:00.0000000Z"}')).toEqual([
      { pid: 42, name: 'olk.exe', startedAt: '2026-12-02T12:00:00.000Z' },
    ]);
    expect(parsePowerShellProcesses('')).toBeNull();
    expect(parsePowerShellProcesses('Get-CimInstance : Access denied')).toBeNull();
    expect(parsePowerShellProcesses('"text"')).toBeNull();
    expect(parsePowerShellProcesses('[{"ProcessId":"x","Name":"a"},{"__proto__":{"ProcessId":1}}]')).toEqual([]);
  });

  it('reads creation times in every form PowerShell prints, and no zone-less guess', () => {
    expect(parseWindowsTime('2026-12-02T13:02:11.9+01:00')).toBe('2026-12-02T12:02:11.000Z');
    expect(parseWindowsTime('20261202130211.123456+060')).toBe('2026-12-02T12:02:11.000Z');
    expect(parseWindowsTime('/Date(1796212931500)/')).toBe('2026-12-02T12:02:11.000Z');
    expect(parseWindowsTime('2026-12-02T13:02:11')).toBe('');
    expect(parseWindowsTime(null)).toBe('');
    expect(parseWindowsTime(1796212931500)).toBe('');
  });
});

describe('Windows: tasklist fallback', () => {
  it('reads names and pids, with no start time', () => {
    const processes = parseTasklistCsv(sample('windows-tasklist.csv'));
    expect(processes).toContainEqual({ pid: 10244, name: 'OUTLOOK.EXE', startedAt: '' });
    expect(processes).toHaveLength(5);
    expect(parseTasklistCsv(sample('windows-tasklist-none.txt'))).toEqual([]);
  });

  it('so its clients are known to run but never told to restart', () => {
    const clients = recognizeClients(parseTasklistCsv(sample('windows-tasklist.csv')), 'win32', ['outlook', 'teams']);
    expect(clients.map((c) => c.name)).toEqual(['Outlook (classic)', 'Teams']);
    expect(clientsRunningSince(clients, 'teams', '2026-12-02T16:14:00.000Z')).toEqual([]);
  });
});

describe('Windows: which command runs', () => {
  const calls: { file: string; args: readonly string[] }[] = [];
  const fake =
    (answers: Record<string, string | null>): RunCommand =>
    (file, args) => {
      calls.push({ file, args });
      const key = Object.keys(answers).find((k) => file.toLowerCase().endsWith(k));
      const out = key === undefined ? null : answers[key];
      return Promise.resolve(out === null || out === undefined ? { ok: false, reason: `${file} failed: disabled by policy` } : { ok: true, stdout: out });
    };

  it('asks PowerShell first, by absolute path and without a shell', async () => {
    calls.length = 0;
    const listing = await listProcesses({ platform: 'win32', systemRoot: 'D:\\Win', run: fake({ 'powershell.exe': sample('windows-cim.json') }) });
    expect(listing.problem).toBeNull();
    expect(listing.processes.map((p) => p.pid)).toContain(10244);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.file).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(calls[0]?.args.join(' ')).toContain('Get-CimInstance Win32_Process');
    expect(calls[0]?.args.join(' ')).toContain('CreationDate');
    // Windows re-quotes double quotes inside an argument; the script carries none.
    expect(calls[0]?.args.join(' ')).not.toContain('"');
  });

  it('falls back to tasklist where PowerShell is disabled, and says so', async () => {
    calls.length = 0;
    const listing = await listProcesses({ platform: 'win32', systemRoot: '.\\evil', run: fake({ 'powershell.exe': null, 'tasklist.exe': sample('windows-tasklist.csv') }) });
    expect(listing.processes).toHaveLength(5);
    expect(listing.problem).toContain('disabled by policy');
    expect(listing.problem).toContain('no start times');
    // A relative SystemRoot is not trusted to pick the program.
    expect(calls.map((c) => c.file)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Windows\\System32\\tasklist.exe']);
    expect(calls[1]?.args.slice(0, 3)).toEqual(['/fo', 'csv', '/nh']);
  });

  it('gives an empty list with the reasons when both fail, through the port too', async () => {
    const listing = await listProcesses({ platform: 'win32', run: fake({}) });
    expect(listing.processes).toEqual([]);
    expect(listing.problem).toMatch(/powershell\.exe failed.*tasklist\.exe failed/);
    const problems: string[] = [];
    await expect(createProcessLister({ platform: 'win32', run: fake({}), onProblem: (p) => problems.push(p) }).list()).resolves.toEqual([]);
    expect(problems).toHaveLength(1);
  });
});

describe('macOS: ps -axo pid=,uid=,lstart=,comm=', () => {
  it('reads lstart as local time and keeps only our uid, names from full paths with spaces', () => {
    const processes = parsePsLstart(sample('macos-ps.txt'), 501);
    expect(processes.map((p) => p.pid)).toEqual([388, 412, 418, 530, 611, 905]);
    expect(processes.find((p) => p.pid === 412)).toEqual({ pid: 412, name: 'MSTeams', startedAt: new Date(2026, 11, 2, 13, 2, 11).toISOString() });
    expect(processes.find((p) => p.pid === 530)?.name).toBe('Microsoft Outlook');
    expect(processes.find((p) => p.pid === 905)?.startedAt).toBe(new Date(2026, 11, 31, 23, 59, 59).toISOString());
    expect(recognizeClients(processes, 'darwin', ['teams', 'outlook', 'sharepoint', 'zoom']).map((c) => `${c.name}:${c.pid}`)).toEqual([
      'Teams:412',
      'Outlook:530',
      'OneDrive:611',
      'Zoom:905',
    ]);
  });

  it('interprets lstart in the local time zone', () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      expect(parsePsLstart(sample('macos-ps.txt'), 501).find((p) => p.pid === 412)?.startedAt).toBe('2026-12-02T18:02:11.000Z');
      process.env['TZ'] = 'Asia/Kolkata';
      expect(parsePsLstart(sample('macos-ps.txt'), 501).find((p) => p.pid === 412)?.startedAt).toBe('2026-12-02T07:32:11.000Z');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('runs /bin/ps in the C locale', async () => {
    let seen: { file: string; args: readonly string[]; lcAll: string | undefined } | null = null;
    const run: RunCommand = (file, args, env) => {
      seen = { file, args, lcAll: env?.['LC_ALL'] };
      return Promise.resolve({ ok: true, stdout: '' });
    };
    await listProcesses({ platform: 'darwin', run });
    expect(seen).toEqual({ file: '/bin/ps', args: ['-axo', 'pid=,uid=,lstart=,comm='], lcAll: 'C' });
  });
});

describe('Linux: /proc', () => {
  it('reads the start ticks after the last ")" even when comm holds spaces and parentheses', () => {
    expect(parseProcStatStartTicks(sample('linux-proc-stat-odd-comm.txt'))).toBe(4231567);
    expect(parseProcStatStartTicks('12 (x) S 1')).toBeNull();
    expect(parseProcStatStartTicks('garbage')).toBeNull();
    expect(parseBootTime(sample('linux-proc-stat.txt'))).toBe(1764640000);
    expect(parseBootTime('cpu 1 2 3')).toBeNull();
    expect(linuxStartedAt(4231567, 1764640000, 100)).toBe(new Date((1764640000 + 42315) * 1000).toISOString());
  });

  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'process-list-'));
  afterAll(() => {
    for (const child of children) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(process.platform !== 'linux')('finds a process started here, by pid, with its name and start time', async () => {
    // Started through a link named like the Linux Teams client: the kernel names the process after it.
    const teams = join(dir, 'teams-for-linux');
    symlinkSync(process.execPath, teams);
    const spawnedAt = Date.now();
    const child = spawn(teams, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
    const pid = child.pid ?? -1;

    const listing = await listProcesses();
    expect(listing.problem).toBeNull();
    const found = listing.processes.find((p) => p.pid === pid);
    expect(found?.name).toBe('teams-for-linux');
    // btime is whole seconds and can drift a little from the wall clock: a couple of seconds either way.
    expect(Math.abs(Date.parse(found?.startedAt ?? '') - spawnedAt)).toBeLessThan(3000);

    const clients = recognizeClients(listing.processes, 'linux', ['teams']);
    const client = clients.find((c) => c.pid === pid);
    expect(client).toMatchObject({ name: 'Teams for Linux', service: 'teams' });
    const later = new Date(spawnedAt + 60_000).toISOString();
    const earlier = new Date(spawnedAt - 60_000).toISOString();
    expect(clientsRunningSince(clients, 'teams', later).map((c) => c.pid)).toContain(pid);
    expect(clientsRunningSince(clients, 'teams', earlier).map((c) => c.pid)).not.toContain(pid);
  });

  it.skipIf(process.platform !== 'linux')("lists only the current user's processes", async () => {
    const uid = process.getuid?.() ?? -1;
    // Another user's process: as root we can start one; otherwise pid 1 (root's init) is one.
    let otherPid = 1;
    if (uid === 0) {
      const other = spawn('sleep', ['30'], { stdio: 'ignore', uid: 65534, gid: 65534 });
      children.push(other);
      await new Promise<void>((resolve, reject) => {
        other.once('spawn', () => resolve());
        other.once('error', reject);
      });
      otherPid = other.pid ?? -1;
    }
    const listing = await listProcesses();
    expect(listing.processes.length).toBeGreaterThan(0);
    expect(listing.processes.some((p) => p.pid === otherPid)).toBe(false);
  });
});

describe('bounded and quiet', () => {
  it('turns a program that cannot start into a reason, not a throw', async () => {
    const result = await runCommand(join(tmpdir(), 'no-such-program-here'), []);
    expect(result.ok).toBe(false);
  });

  it('lists nothing, with a reason, on an OS it does not know', async () => {
    expect(await listProcesses({ platform: 'aix' })).toEqual({ processes: [], problem: 'listing processes is not supported on aix' });
  });
});
