/**
 * Microsoft's public banner in the desktop engine (issue 11's replay findings): the post names no
 * service field, so a post about Teams must not mark Outlook failing, and an edited post (a new
 * `Id` for the same incident) must not read as "resolved" plus a new incident. Real loopback
 * server, the real undici adapter, hand-driven time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppEngine } from '../../main/node/app-engine.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { fixturePath } from '../helpers/fixtures.js';
import { MINUTE, NOON, useLoopbackEngines, type LoopbackEngine } from '../helpers/engine-scenario.js';

const RECORDED = JSON.parse(readFileSync(fixturePath('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'), 'utf8')) as Record<string, unknown>;

const engines = useLoopbackEngines('ms-banner', 'teams');

async function watchBanner(): Promise<LoopbackEngine & { post(p: Record<string, unknown>): void }> {
  const time = createManualTime(NOON);
  let current: Record<string, unknown> = RECORDED;
  const server = await engines.serve({
    '/ms/api/posts/mac': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current)),
  });
  const h = await engines.start({ time, server, settings: { orgFeedUrl: null } });
  return {
    ...h,
    post: (p) => {
      current = { ...RECORDED, ...p };
    },
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
