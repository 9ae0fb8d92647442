/**
 * Restart-needed detection, pure half: the client catalog is reviewed data held to its schema and
 * to the service catalog; recognition finds a watched service's client by executable name in any
 * install path; "running since before the fix" is decided to the second with no grace window.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CLIENT_CATALOG, clientsRunningSince, recognizeClients, type ProcessInfo, type RunningClient } from '../../../main/core/advice/clients.js';
import { CATALOG_SERVICES } from '../../../main/core/sources/catalog.js';

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
const schema = readJson('../../../schema/clients.schema.json') as object;
const file = readJson('../../../main/core/advice/clients.json') as { clients: Record<string, unknown>[] };

/** Services with desktop clients that the service catalog does not have yet. */
const NOT_YET_IN_CATALOG: readonly string[] = [];

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const proc = (pid: number, name: string, startedAt: string): ProcessInfo => ({ pid, name, startedAt });

describe('client catalog', () => {
  it('matches its JSON Schema, which refuses a wrong entry', () => {
    const validate = validator();
    expect(validate(file)).toEqual([]);
    const first = file.clients[0] ?? {};
    const withClient = (patch: Record<string, unknown>): unknown => ({ ...file, clients: [{ ...first, ...patch }, ...file.clients.slice(1)] });
    expect(validate(withClient({ executables: { win32: ['C:\\Program Files\\x.exe'] } })).join()).toContain('/clients/0/executables/win32/0');
    expect(validate(withClient({ executables: { freebsd: ['x'] } })).join()).toContain('must NOT have additional properties');
    expect(validate(withClient({ executables: {} })).join()).toContain('/clients/0/executables');
    expect(validate(withClient({ name: '' })).join()).toContain('/clients/0/name');
  });

  it('is what the app loads', () => {
    expect(CLIENT_CATALOG).toEqual(file.clients);
  });

  it('names only services of the service catalog (or ones listed here as not in it yet)', () => {
    const known = new Set([...CATALOG_SERVICES.map((s) => s.id), ...NOT_YET_IN_CATALOG]);
    expect(CLIENT_CATALOG.map((c) => c.service).filter((id) => !known.has(id))).toEqual([]);
    for (const id of NOT_YET_IN_CATALOG) expect(CATALOG_SERVICES.map((s) => s.id)).not.toContain(id);
  });

  it('never gives one executable name to two clients on the same OS', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const fold = (s: string): string => (platform === 'linux' ? s : s.toLowerCase());
      const names = CLIENT_CATALOG.flatMap((c) => (c.executables[platform] ?? []).map(fold));
      expect(names.filter((n, i) => names.indexOf(n) !== i), platform).toEqual([]);
    }
  });

  it('knows the clients the issue names, on each OS', () => {
    const on = (platform: 'win32' | 'darwin' | 'linux', name: string, service: string): RunningClient[] =>
      recognizeClients([proc(7, name, '2026-12-02T12:00:00.000Z')], platform, [service]);
    expect(on('win32', 'OUTLOOK.EXE', 'outlook')[0]?.name).toBe('Outlook (classic)');
    expect(on('win32', 'olk.exe', 'outlook')[0]?.name).toBe('new Outlook');
    expect(on('darwin', 'Microsoft Outlook', 'outlook')[0]?.name).toBe('Outlook');
    expect(on('win32', 'Teams.exe', 'teams')[0]?.name).toBe('Teams (classic)');
    expect(on('win32', 'ms-teams.exe', 'teams')[0]?.name).toBe('Teams');
    expect(on('darwin', 'Microsoft Teams', 'teams')[0]?.name).toBe('Teams');
    expect(on('darwin', 'MSTeams', 'teams')[0]?.name).toBe('Teams');
    expect(on('linux', 'teams', 'teams')[0]?.name).toBe('Teams');
    expect(on('linux', 'teams-for-linux', 'teams')[0]?.name).toBe('Teams for Linux');
    expect(on('win32', 'OneDrive.exe', 'sharepoint')[0]?.name).toBe('OneDrive');
    expect(on('darwin', 'OneDrive', 'sharepoint')[0]?.name).toBe('OneDrive');
    expect(on('win32', 'Zoom.exe', 'zoom')[0]?.name).toBe('Zoom');
    expect(on('darwin', 'zoom.us', 'zoom')[0]?.name).toBe('Zoom');
    expect(on('linux', 'zoom', 'zoom')[0]?.name).toBe('Zoom');
    expect(on('win32', 'slack.exe', 'slack')[0]?.name).toBe('Slack');
  });
});

describe('recognizeClients', () => {
  const processes = [
    proc(4, 'System', ''),
    proc(10244, 'outlook.exe', '2026-12-02T12:02:11.000Z'),
    proc(11388, 'ms-teams.exe', '2026-12-02T12:02:29.000Z'),
    proc(11020, 'ms-teams.exe', '2026-12-02T12:02:30.000Z'),
    proc(11389, 'ms-teams.exe', '2026-12-02T12:02:29.000Z'),
    proc(15010, 'D:\\Apps\\Zoom\\bin\\Zoom.exe', '2026-12-02T15:20:00.000Z'),
  ];

  it('finds only the clients of watched services, case-insensitively on Windows, in any install path', () => {
    expect(recognizeClients(processes, 'win32', ['teams', 'outlook', 'zoom'])).toEqual([
      { name: 'Teams', service: 'teams', pid: 11388, startedAt: '2026-12-02T12:02:29.000Z' },
      { name: 'Outlook (classic)', service: 'outlook', pid: 10244, startedAt: '2026-12-02T12:02:11.000Z' },
      { name: 'Zoom', service: 'zoom', pid: 15010, startedAt: '2026-12-02T15:20:00.000Z' },
    ]);
    expect(recognizeClients(processes, 'win32', ['teams']).map((c) => c.service)).toEqual(['teams']);
    expect(recognizeClients(processes, 'win32', [])).toEqual([]);
  });

  it('reports a many-process client once, as its earliest process (lowest pid on a tie)', () => {
    const teams = recognizeClients(processes, 'win32', ['teams']);
    expect(teams).toHaveLength(1);
    expect(teams[0]?.pid).toBe(11388);
  });

  it('prefers a process with a known start time over one without', () => {
    const mixed = [proc(1, 'OneDrive.exe', ''), proc(2, 'OneDrive.exe', '2026-12-02T08:00:00.000Z')];
    expect(recognizeClients(mixed, 'win32', ['sharepoint'])[0]?.pid).toBe(2);
  });

  it('matches names case-insensitively on macOS, exactly on Linux', () => {
    expect(recognizeClients([proc(412, '/Applications/Microsoft Teams.app/Contents/MacOS/msteams', '')], 'darwin', ['teams'])).toHaveLength(1);
    expect(recognizeClients([proc(9, 'Teams-for-linux', '')], 'linux', ['teams'])).toEqual([]);
    expect(recognizeClients([proc(9, 'teams-for-linux', '')], 'linux', ['teams'])).toHaveLength(1);
  });

  it('does not take a Windows name on another OS, nor a helper whose name merely starts the same', () => {
    expect(recognizeClients([proc(3, 'OUTLOOK.EXE', '')], 'linux', ['outlook'])).toEqual([]);
    expect(recognizeClients([proc(3, 'Microsoft Teams WebView', '')], 'darwin', ['teams'])).toEqual([]);
    expect(recognizeClients([proc(3, 'ms-teams.exe.bak', '')], 'win32', ['teams'])).toEqual([]);
  });
});

describe('clientsRunningSince', () => {
  const teams = (startedAt: string, pid = 1): RunningClient => ({ name: 'Teams', service: 'teams', pid, startedAt });
  const fix = '2026-12-02T16:14:00.000Z';

  it('lists a client started before the fix and not one started after it', () => {
    const before = teams('2026-12-02T13:02:00.000Z', 1);
    const after = teams('2026-12-02T16:30:00.000Z', 2);
    expect(clientsRunningSince([before, after], 'teams', fix)).toEqual([before]);
  });

  it('compares to the second with no grace window', () => {
    expect(clientsRunningSince([teams('2026-12-02T16:13:59.000Z')], 'teams', fix)).toHaveLength(1);
    expect(clientsRunningSince([teams('2026-12-02T16:14:00.000Z')], 'teams', fix)).toEqual([]);
    // Sub-second parts do not count: the same second is not "before".
    expect(clientsRunningSince([teams('2026-12-02T16:14:00.000Z')], 'teams', '2026-12-02T16:14:00.900Z')).toEqual([]);
    // Offsets are honoured: 17:13:59+01:00 is 16:13:59Z.
    expect(clientsRunningSince([teams('2026-12-02T17:13:59+01:00')], 'teams', fix)).toHaveLength(1);
  });

  it('keeps to the service asked about', () => {
    const outlook: RunningClient = { name: 'new Outlook', service: 'outlook', pid: 5, startedAt: '2026-12-02T08:00:00.000Z' };
    expect(clientsRunningSince([outlook], 'teams', fix)).toEqual([]);
  });

  it('never lists a client whose start time is unknown, and nothing for an end that is not a date', () => {
    expect(clientsRunningSince([teams('')], 'teams', fix)).toEqual([]);
    expect(clientsRunningSince([teams('yesterday')], 'teams', fix)).toEqual([]);
    expect(clientsRunningSince([teams('2026-12-02T13:02:00.000Z')], 'teams', 'not a date')).toEqual([]);
  });
});
