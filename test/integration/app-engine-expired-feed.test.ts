/**
 * The desktop engine and an org feed its publisher let expire (issue 9, item 1): its last known
 * incidents stay readable, but they drive neither the verdict nor a notification. Real loopback
 * servers, the real undici adapter, the real ladder against loopback, hand-driven time.
 */
import { describe, expect, it } from 'vitest';
import { createManualTime } from '../../main/node/manual-time.js';
import { serveFixture } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';
import { HOUR, MINUTE, NOON, useLoopbackEngines, type LoopbackEngine } from '../helpers/engine-scenario.js';

const engines = useLoopbackEngines('expired-feed');

/**
 * An engine watching Outlook and Teams from Microsoft's public status and an org feed. The feed
 * describes the example's moment shifted by `feedAgeMs`: 0 = current, 3 h = expired two hours ago.
 */
async function watchFeed(feedAgeMs: number): Promise<LoopbackEngine> {
  const time = createManualTime(NOON);
  const server = await engines.serve({
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(time.now() - feedAgeMs)),
  });
  return engines.start({ time, server });
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
