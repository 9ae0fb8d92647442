/**
 * The desktop engine and an org feed its publisher let expire (issue 9, item 1): its last known
 * incidents stay readable, but they drive neither the verdict nor a notification. Real loopback
 * servers, the real undici adapter, the real ladder against loopback, hand-driven time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import type { Settings } from '../../main/core/contract.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import type { Http } from '../../main/core/ports.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine, type AppEngine } from '../../main/node/app-engine.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';
import { recordAllGoodLadder, withMicrosoftStatusAt } from '../helpers/engine-scenario.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Noon local time: outside the default quiet hours wherever the tests run.
const NOON = new Date(2025, 2, 4, 12, 0, 0).getTime();

const cacheRoot = mkdtempSync(join(tmpdir(), 'outage-radar-expired-feed-'));
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

/**
 * An engine watching Outlook and Teams from Microsoft's public status and an org feed. The feed
 * describes the example's moment shifted by `feedAgeMs`: 0 = current, 3 h = expired two hours ago.
 */
async function watchFeed(feedAgeMs: number): Promise<{ engine: AppEngine; notes: NotificationSpec[]; offLoopback: string[]; advance(ms: number): Promise<void> }> {
  const time = createManualTime(NOON);
  const server = await startLoopback({
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(time.now() - feedAgeMs)),
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
  const engine = createAppEngine({
    http,
    clock: time.clock,
    timers: time.timers,
    random: () => 0.5,
    runLadder: async () => allGood,
    cache: createStateCache(join(cacheRoot, `case-${open.length}-${feedAgeMs}`, 'state.json')),
    settings,
    appVersion: '0.1.0',
    platform: 'linux',
    configFor: withMicrosoftStatusAt(server.url),
    onError: (error) => {
      throw error;
    },
  });
  open.push({ engine, http: undici, server });
  const notes: NotificationSpec[] = [];
  engine.onNotify((n) => notes.push(n));
  await engine.start();
  await engine.whenIdle();
  return { engine, notes, offLoopback, advance: (ms) => time.advance(ms, () => engine.whenIdle()) };
}

describe('an expired org feed in the desktop engine', () => {
  it('a current feed with the open Exchange outage is a provider incident and notifies (the control)', async () => {
    const h = await watchFeed(0);
    await h.advance(10 * MINUTE);
    const report = h.engine.view().report;
    expect(report?.verdict.kind).toBe('provider-incident');
    expect(h.notes.some((n) => n.key.includes('EX1224375'))).toBe(true);
    expect(h.offLoopback).toEqual([]);
  });

  it('the same feed, expired, gives no provider-incident verdict and no notification, and keeps its incidents as last known', async () => {
    const h = await watchFeed(3 * HOUR);
    await h.advance(10 * MINUTE);
    const report = h.engine.view().report;
    const feed = report?.sources.find((s) => s.id === 'org-feed');
    expect(feed?.health).toBe('unknown');
    expect(feed?.lastKnown?.reason).toMatch(/expired/);
    expect(feed?.incidents.map((i) => i.id)).toContain('EX1224375');
    for (const service of report?.services ?? []) expect(service.incidents).toEqual([]);
    expect(report?.verdict.kind).not.toBe('provider-incident');
    expect(report?.tray).toBe('unknown');
    expect(h.notes).toEqual([]);
    expect(h.offLoopback).toEqual([]);
  });
});
