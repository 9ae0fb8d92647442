/**
 * After an incident is resolved, a client that kept running through it may stay broken until it
 * is restarted (Teams, 2021-04-27: "they need to restart their clients to recover"). The check
 * keeps incidents resolved in the last 24 h, lists processes only then, and advises restarting a
 * client started before the fix, to the second. Real sources on loopback through the real HTTP
 * adapter; the process list is a fake (this machine runs no Teams), injected into runCheck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckReport } from '../../main/core/check.js';
import type { ProcessInfo } from '../../main/core/advice/clients.js';
import { resolveWatchPlan } from '../../main/core/settings/config.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';
const NOW = Date.parse('2021-04-27T17:14:00Z');
const FIX = '2021-04-27T16:14:00.000Z';
const HOUR = 3_600_000;

let feedIncidents: readonly Record<string, unknown>[] = [];
let server: Loopback;
let http: UndiciHttp;

function feed(now: number): string {
  return JSON.stringify({
    format: 'outage-radar/org-feed',
    version: 1,
    generatedAt: new Date(now).toISOString(),
    services: [
      { name: 'Exchange Online', health: 'operational' },
      { name: 'Microsoft Teams', health: 'operational' },
    ],
    incidents: feedIncidents,
  });
}

const resolved = (id: string, service: string, endedAt: string): Record<string, unknown> => ({
  id,
  title: `${service} incident`,
  service,
  classification: 'incident',
  health: 'outage',
  status: 'resolved',
  startedAt: new Date(Date.parse(endedAt) - 4 * HOUR).toISOString(),
  endedAt,
});

beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed(Date.now())),
    '/feed-at-now.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed(NOW)),
  });
  http = createUndiciHttp({ userAgent: 'outage-radar-test', proxy: {} });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

const plan = () =>
  resolveWatchPlan({ watch: ['outlook', 'teams'], orgFeedUrl: `${server.url}/feed-at-now.json`, sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }] });

/** One check at NOW with a fake Windows process list; counts how often it was asked. */
async function check(processes: readonly ProcessInfo[]): Promise<{ report: CheckReport; listed: number }> {
  let listed = 0;
  const report = await runCheck(plan(), {
    http,
    clock: { now: () => NOW },
    platform: 'win32',
    listProcesses: () => {
      listed += 1;
      return Promise.resolve(processes);
    },
  });
  return { report, listed };
}

const restarts = (report: CheckReport) => (report.advice ?? []).filter((a) => a.id === 'restart-client');

describe('restart advice after a fix', () => {
  it('an Exchange incident resolved 1 h ago: new Outlook running since before it gets restart-client; health, verdict and sources stay calm', async () => {
    feedIncidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    const { report, listed } = await check([
      { pid: 4100, name: 'olk.exe', startedAt: '2021-04-27T13:02:00.000Z' },
      { pid: 4200, name: 'C:\\Program Files\\WindowsApps\\MSTeams\\ms-teams.exe', startedAt: '2021-04-27T13:00:00.000Z' },
    ]);
    expect(listed).toBe(1);
    const items = restarts(report);
    expect(items.map((a) => a.client)).toEqual([{ name: 'new Outlook', service: 'outlook', pid: 4100, startedAt: '2021-04-27T13:02:00.000Z' }]);
    expect(items[0]?.text).toMatch(/^new Outlook has been running since 13:02 UTC, before the fix at 16:14 UTC: restart it/);
    expect(items[0]?.action).toMatchObject({ kind: 'restart-client', pid: 4100, name: 'new Outlook' });
    // Resolved means history: not open, not health, not "it is not you".
    expect(report.overall).toBe('operational');
    expect(report.exitCode).toBe(0);
    expect(report.services.find((s) => s.id === 'outlook')?.incidents).toEqual([]);
    const orgFeed = report.sources.find((s) => s.id === 'org-feed');
    expect(orgFeed?.incidents).toEqual([]);
    expect(orgFeed?.recentlyResolved.map((i) => [i.id, i.endedAt])).toEqual([['MO1221364', FIX]]);
    expect(report.verdict.kind).not.toBe('provider-incident');
  });

  it.each([
    ['one second before the fix', '2021-04-27T16:13:59.000Z', true],
    ['in the same second as the fix', '2021-04-27T16:14:00.000Z', false],
    ['after the fix', '2021-04-27T16:20:00.000Z', false],
  ])('Teams started %s: restart advice %s', async (_when, startedAt, advised) => {
    feedIncidents = [resolved('TM252802', 'Microsoft Teams', FIX)];
    const { report } = await check([{ pid: 7, name: 'ms-teams.exe', startedAt }]);
    const clients = restarts(report).map((a) => a.client);
    expect(clients).toEqual(advised ? [{ name: 'Teams', service: 'teams', pid: 7, startedAt }] : []);
  });

  it('Teams running since 13:02, fixed at 16:14: "restart it"', async () => {
    feedIncidents = [resolved('TM252802', 'Microsoft Teams', FIX)];
    const { report } = await check([{ pid: 7, name: 'ms-teams.exe', startedAt: '2021-04-27T13:02:00.000Z' }]);
    expect(restarts(report)[0]?.text).toMatch(/^Teams has been running since 13:02 UTC, before the fix at 16:14 UTC: restart it/);
  });
});

describe('a normal day costs nothing', () => {
  it.each([
    ['no incident at all', []],
    ['an incident resolved 30 h ago', [resolved('OLD', 'Microsoft Teams', new Date(NOW - 30 * HOUR).toISOString())]],
    ['a resolved incident of a service not watched', [resolved('SP1', 'SharePoint Online', FIX)]],
  ])('%s: the process list is never asked for', async (_what, incidents) => {
    feedIncidents = incidents;
    const { report, listed } = await check([{ pid: 7, name: 'ms-teams.exe', startedAt: '2021-04-27T13:02:00.000Z' }]);
    expect(listed).toBe(0);
    expect(restarts(report)).toEqual([]);
  });
});

describe('the real CLI', () => {
  it('check --json --no-probes keeps an Exchange incident resolved 1 h ago as recently resolved, not open, and stays healthy', async () => {
    feedIncidents = [resolved('MO1221364', 'Exchange Online', new Date(Date.now() - HOUR).toISOString())];
    const config = writeConfig({ watch: ['outlook', 'teams'], orgFeedUrl: `${server.url}/feed.json`, sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }] });
    const run = await runCli(['check', '--config', config, '--json', '--no-probes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    const orgFeed = report.sources.find((s) => s.id === 'org-feed');
    expect(orgFeed?.incidents).toEqual([]);
    expect(orgFeed?.recentlyResolved.map((i) => i.id)).toEqual(['MO1221364']);
    expect(report.services.find((s) => s.id === 'outlook')?.health).toBe('operational');
    expect((report.advice ?? []).map((a) => a.id)).not.toContain('wait-for-fix');
  });
});
