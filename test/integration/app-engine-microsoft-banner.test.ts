/**
 * Microsoft's public banner in the desktop engine (issue 11's replay findings): the post names no
 * service field, so a post about Teams must not mark Outlook failing, and an edited post (a new
 * `Id` for the same incident) must not read as "resolved" plus a new incident. Real loopback
 * server, the real undici adapter, hand-driven time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import type { Settings } from '../../main/core/contract.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine, type AppEngine } from '../../main/node/app-engine.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { startLoopback, type Loopback } from '../helpers/loopback.js';
import { fixturePath } from '../helpers/fixtures.js';
import { recordAllGoodLadder, withMicrosoftStatusAt } from '../helpers/engine-scenario.js';

const MINUTE = 60_000;
// Noon local time: outside the default quiet hours wherever the tests run.
const NOON = new Date(2025, 2, 4, 12, 0, 0).getTime();
const RECORDED = JSON.parse(readFileSync(fixturePath('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'), 'utf8')) as Record<string, unknown>;

const cacheRoot = mkdtempSync(join(tmpdir(), 'outage-radar-ms-banner-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

let allGood: LadderResult;
beforeAll(async () => {
  allGood = await recordAllGoodLadder('teams');
});

const open: Array<{ engine: AppEngine; http: UndiciHttp; server: Loopback }> = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.http.close();
    await h.server.close();
  }
});

async function watchBanner(): Promise<{ engine: AppEngine; notes: NotificationSpec[]; post(p: Record<string, unknown>): void; advance(ms: number): Promise<void> }> {
  const time = createManualTime(NOON);
  let current: Record<string, unknown> = RECORDED;
  const server = await startLoopback({
    '/ms/api/posts/mac': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current)),
  });
  const http = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
  const settings: Settings = { ...DEFAULT_SETTINGS, watch: ['outlook', 'teams'], customSources: [], orgFeedUrl: null };
  const engine = createAppEngine({
    http,
    clock: time.clock,
    timers: time.timers,
    random: () => 0.5,
    runLadder: async () => allGood,
    cache: createStateCache(join(cacheRoot, `case-${open.length}`, 'state.json')),
    settings,
    appVersion: '0.1.0',
    platform: 'linux',
    configFor: withMicrosoftStatusAt(server.url),
    onError: (error) => {
      throw error;
    },
  });
  open.push({ engine, http, server });
  const notes: NotificationSpec[] = [];
  engine.onNotify((n) => notes.push(n));
  await engine.start();
  await engine.whenIdle();
  return {
    engine,
    notes,
    post: (p) => {
      current = { ...RECORDED, ...p };
    },
    advance: (ms) => time.advance(ms, () => engine.whenIdle()),
  };
}

const health = (engine: AppEngine, id: string): string | undefined => engine.view().report?.services.find((s) => s.id === id)?.health;

describe("Microsoft's public banner in the desktop engine", () => {
  it('a post about Teams marks Teams alone; an edited post (new Id) is the same incident; the all-clear resolves it once', async () => {
    const h = await watchBanner();
    h.post({ Id: 'post-1', Status: 'ServiceDegradation', Title: 'Microsoft Teams access issues', Message: '<div>Users may be unable to access Microsoft Teams. More information under TM252802.</div>' });
    await h.advance(6 * MINUTE);
    expect([health(h.engine, 'teams'), health(h.engine, 'outlook')]).toEqual(['degraded', 'operational']);
    expect(h.notes.map((n) => n.key)).toEqual([expect.stringMatching(/^worse\/microsoft-public\/TM252802\//)]);
    expect(h.engine.view().report?.advice?.map((a) => a.id)).not.toContain('mail-delayed-not-lost');

    // Microsoft edits the banner: a new post Id, the same incident.
    h.post({ Id: 'post-2', Status: 'ServiceDegradation', Title: 'Microsoft Teams access issues', Message: '<div>We are deploying a fix. More information under TM252802.</div>' });
    await h.advance(6 * MINUTE);
    expect(h.notes.map((n) => n.key)).toHaveLength(1);

    h.post({ Id: 'post-3', Status: 'Available' });
    await h.advance(6 * MINUTE);
    expect(h.notes.slice(1).map((n) => n.key)).toEqual(['resolved/microsoft-public/TM252802']);
    expect([health(h.engine, 'teams'), health(h.engine, 'outlook')]).toEqual(['operational', 'operational']);
  });
});
