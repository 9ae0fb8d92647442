/**
 * Restart-needed detection in the desktop engine (issue 11, item 4): after an Exchange incident
 * ended, new Outlook running since before the fix gets `restart-client` in the view; on a normal
 * day the process list is never asked for. Real loopback servers, the real undici adapter, the
 * real ladder against loopback, hand-driven time; the process list is a fake (this machine runs no
 * Outlook), injected as the shell injects the real one.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../main/core/advice/clients.js';
import type { AppEngine } from '../../main/node/app-engine.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { serveFixture } from '../helpers/loopback.js';
import { HOUR, MINUTE, NOON, useLoopbackEngines } from '../helpers/engine-scenario.js';

const FIX = new Date(NOON - HOUR).toISOString();

const engines = useLoopbackEngines('engine-clients');

function feed(now: number, incidents: readonly Record<string, unknown>[]): string {
  return JSON.stringify({
    format: 'outage-radar/org-feed',
    version: 1,
    generatedAt: new Date(now).toISOString(),
    services: [
      { name: 'Exchange Online', health: 'operational' },
      { name: 'Microsoft Teams', health: 'operational' },
    ],
    incidents,
  });
}

const EXCHANGE_RESOLVED = {
  id: 'MO1221364',
  title: 'Users may be unable to send or receive email',
  service: 'Exchange Online',
  classification: 'incident',
  health: 'outage',
  status: 'resolved',
  startedAt: new Date(NOON - 6 * HOUR).toISOString(),
  endedAt: FIX,
};

/** An engine watching Outlook and Teams through Microsoft's public status and an org feed, with a counting fake process list. */
async function watch(incidents: readonly Record<string, unknown>[], processes: readonly ProcessInfo[]) {
  const time = createManualTime(NOON);
  const server = await engines.serve({
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed(time.now(), incidents)),
  });
  const listed: number[] = [];
  const h = await engines.start({
    time,
    server,
    platform: 'win32',
    listProcesses: () => {
      listed.push(time.now());
      return Promise.resolve(processes);
    },
  });
  return { ...h, listed };
}

const restartAdvice = (engine: AppEngine) => (engine.view().report?.advice ?? []).filter((a) => a.id === 'restart-client');

describe('restart advice in the desktop engine', () => {
  it('an Exchange incident resolved 1 h ago: new Outlook started before the fix gets restart-client in the view, from one listing', async () => {
    const h = await watch([EXCHANGE_RESOLVED], [{ pid: 4100, name: 'C:\\Program Files\\WindowsApps\\Microsoft.OutlookForWindows\\olk.exe', startedAt: new Date(NOON - 3 * HOUR).toISOString() }]);
    await h.advance(2 * MINUTE);
    const advice = restartAdvice(h.engine);
    expect(advice.map((a) => a.client)).toEqual([{ name: 'new Outlook', service: 'outlook', pid: 4100, startedAt: new Date(NOON - 3 * HOUR).toISOString() }]);
    expect(advice[0]?.action).toMatchObject({ kind: 'restart-client', pid: 4100 });
    expect(h.listed).toEqual([NOON]);
    expect(h.engine.view().report?.overall).toBe('operational');
    expect(h.offLoopback).toEqual([]);
  });

  it('a normal day: an hour of polls and refreshes never lists processes', async () => {
    const h = await watch([], [{ pid: 4100, name: 'olk.exe', startedAt: new Date(NOON - 3 * HOUR).toISOString() }]);
    await h.advance(30 * MINUTE);
    await h.engine.refreshNow('user');
    await h.advance(30 * MINUTE);
    expect(h.engine.view().report?.overall).toBe('operational');
    expect(h.listed).toEqual([]);
    expect(restartAdvice(h.engine)).toEqual([]);
    expect(h.offLoopback).toEqual([]);
  });
});
