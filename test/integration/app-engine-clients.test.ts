/**
 * Restart-needed detection in the desktop engine (issue 11, item 4): after an Exchange incident
 * ended, new Outlook running since before the fix gets `restart-client` in the view; on a normal
 * day the process list is never asked for. Real loopback servers, the real undici adapter, the
 * real ladder against loopback, hand-driven time; the process list is a fake (this machine runs no
 * Outlook), injected as the shell injects the real one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../main/core/advice/clients.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import type { Settings } from '../../main/core/contract.js';
import type { Http } from '../../main/core/ports.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine, type AppEngine } from '../../main/node/app-engine.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { recordAllGoodLadder, withMicrosoftStatusAt } from '../helpers/engine-scenario.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Noon local time: outside the default quiet hours wherever the tests run.
const NOON = new Date(2025, 2, 4, 12, 0, 0).getTime();
const FIX = new Date(NOON - HOUR).toISOString();

const cacheRoot = mkdtempSync(join(tmpdir(), 'outage-radar-engine-clients-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

let allGood: LadderResult;
beforeAll(async () => {
  // A real ladder run against loopback, replayed every cycle: this computer's connection is fine.
  allGood = await recordAllGoodLadder();
});

const open: Array<{ engine: AppEngine; http: UndiciHttp; server: Loopback }> = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.http.close();
    await h.server.close();
  }
});

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
  const server = await startLoopback({
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed(time.now(), incidents)),
  });
  const undici = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
  const offLoopback: string[] = [];
  // A safety net, not a mock: nothing may leave this machine.
  const http: Http = {
    get: (request) => {
      if (new URL(request.url).hostname !== '127.0.0.1') {
        offLoopback.push(request.url);
        return Promise.resolve({ ok: false, failure: { kind: 'network', code: 'TEST_GUARD', message: 'not a loopback URL' } });
      }
      return undici.get(request);
    },
  };
  const settings: Settings = { ...DEFAULT_SETTINGS, watch: ['outlook', 'teams'], customSources: [], orgFeedUrl: `${server.url}/feed.json` };
  const listed: number[] = [];
  const engine = createAppEngine({
    http,
    clock: time.clock,
    timers: time.timers,
    random: () => 0.5,
    runLadder: async () => allGood,
    cache: createStateCache(join(cacheRoot, `case-${open.length}-${incidents.length}`, 'state.json')),
    settings,
    appVersion: '0.1.0',
    platform: 'win32',
    listProcesses: () => {
      listed.push(time.now());
      return Promise.resolve(processes);
    },
    configFor: withMicrosoftStatusAt(server.url),
    onError: (error) => {
      throw error;
    },
  });
  open.push({ engine, http: undici, server });
  await engine.start();
  await engine.whenIdle();
  return { engine, listed, offLoopback, advance: (ms: number) => time.advance(ms, () => engine.whenIdle()) };
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
