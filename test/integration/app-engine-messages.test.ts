/**
 * Helpdesk messages through the real desktop engine (issue 12, item 4): a loopback org feed,
 * the real undici adapter, the real state cache on disk, hand-driven time. A warning is notified
 * once, not again after a restart with the same cache file, again after an update; a critical
 * message pierces quiet hours only with `helpdesk.criticalPiercesQuietHours`; an expired message
 * is gone although the feed still lists it. The verdict history survives the restart too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../main/core/contract.js';
import type { HelpdeskMessage } from '../../main/core/model.js';
import { messagesInForce } from '../../main/core/notifications/helpdesk-messages.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import { createManualTime, type ManualTime } from '../../main/node/manual-time.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { MINUTE, NOON, useLoopbackEngines, type LoopbackEngine } from '../helpers/engine-scenario.js';
import { serveFixture, type Loopback } from '../helpers/loopback.js';

const QUIET_AROUND_NOON = { enabled: true, start: '11:00', end: '13:00' };

const engines = useLoopbackEngines('messages');

type RawMessage = Omit<HelpdeskMessage, 'postedAt' | 'expiresAt' | 'incidentId' | 'url'> & Partial<HelpdeskMessage>;

/** The org feed the loopback server answers with: edit `messages` between polls. */
class FeedServer {
  messages: RawMessage[] = [];
  server!: Loopback;
  constructor(private readonly time: ManualTime) {}

  async start(): Promise<void> {
    this.server = await engines.serve({
      '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
      '/feed.json': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            format: 'outage-radar/org-feed',
            version: 1,
            generatedAt: new Date(NOON - MINUTE).toISOString(),
            publisher: { name: 'Contoso IT' },
            services: [{ name: 'Exchange Online', health: 'operational' }],
            messages: this.messages,
          }),
        ),
    });
  }
}

/** A started engine watching Outlook and Teams with the feed, its cache at `cacheFile`. */
function run(time: ManualTime, feed: FeedServer, cacheFile: string, options: { settings?: Partial<Settings>; pierces?: boolean } = {}): Promise<LoopbackEngine> {
  return engines.start({
    time,
    server: feed.server,
    cacheFile,
    settings: options.settings,
    config: { helpdesk: { criticalPiercesQuietHours: options.pierces === true } },
  });
}

async function feedAt(time: ManualTime): Promise<FeedServer> {
  const feed = new FeedServer(time);
  await feed.start();
  return feed;
}

const messageNotes = (notes: readonly NotificationSpec[]) => notes.filter((n) => n.key.startsWith('message/'));

const warning: RawMessage = {
  id: 'email-2025-03-04',
  severity: 'warning',
  text: 'We know about the Outlook email problem; no need to open a ticket.',
  postedAt: '2025-03-04T10:00:00Z',
  url: 'https://helpdesk.contoso.com/status/EX1224375',
};

describe('helpdesk messages in the desktop engine', () => {
  it('notifies a warning once, not again after a restart with the same cache, and again after an update', async () => {
    const time = createManualTime(NOON);
    const feed = await feedAt(time);
    feed.messages = [warning];
    const cacheFile = engines.cacheFile('restart');

    const first = await run(time, feed, cacheFile);
    await first.advance(5 * MINUTE);
    const told = messageNotes(first.notes);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: 'Message from your IT helpdesk', body: warning.text, urgency: 'normal' });
    expect(first.engine.findLink({ kind: 'message', sourceId: 'org-feed', messageId: warning.id })).toBe(warning.url);
    expect(first.engine.verdictHistory().map((v) => v.kind)).toEqual(['all-good']);
    await first.engine.stop();

    const saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as { memory: { seenMessages: unknown[] } };
    expect(saved.memory.seenMessages).toHaveLength(1);

    const second = await run(time, feed, cacheFile);
    await second.advance(5 * MINUTE);
    expect(messageNotes(second.notes)).toEqual([]);
    // The history came back from disk: the same verdict after the restart is not a new entry.
    expect(second.engine.verdictHistory()).toEqual(first.engine.verdictHistory());

    feed.messages = [{ ...warning, text: 'Fixed for most people. Restart Outlook once.' }];
    await second.advance(2 * MINUTE);
    expect(messageNotes(second.notes).map((n) => n.body)).toEqual(['Fixed for most people. Restart Outlook once.']);
    await second.advance(3 * MINUTE);
    expect(messageNotes(second.notes)).toHaveLength(1);
    expect([...first.offLoopback, ...second.offLoopback]).toEqual([]);
  });

  it('keeps the seen set while the feed is unreachable, so its return notifies nothing', async () => {
    const time = createManualTime(NOON);
    const feed = await feedAt(time);
    feed.messages = [warning];
    const cacheFile = engines.cacheFile('unreachable');
    const first = await run(time, feed, cacheFile);
    await first.advance(3 * MINUTE);
    expect(messageNotes(first.notes)).toHaveLength(1);
    await first.engine.stop();

    // The feed's host is gone for this whole run (the port refuses): nothing is pruned.
    const url = feed.server.url;
    await feed.server.close();
    const down = await run(time, feed, engines.cacheFile('unreachable'), { settings: { orgFeedUrl: `${url}/feed.json` } });
    await down.advance(10 * MINUTE);
    expect(down.engine.view().report?.sources.find((s) => s.id === 'org-feed')?.error).not.toBeNull();
    await down.engine.stop();
    const saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as { memory: { seenMessages: Array<{ id: string }> } };
    expect(saved.memory.seenMessages.map((m) => m.id)).toEqual([warning.id]);
  });

  it('a critical message pierces quiet hours only with helpdesk.criticalPiercesQuietHours', async () => {
    const time = createManualTime(NOON);
    const feed = await feedAt(time);
    const critical: RawMessage = { id: 'phishing', severity: 'critical', text: 'Do not open the "Invoice" e-mail: it is phishing.', postedAt: '2025-03-04T11:00:00Z' };
    feed.messages = [warning, critical];

    const without = await run(time, feed, engines.cacheFile('quiet-off'), { settings: { quietHours: QUIET_AROUND_NOON } });
    await without.advance(3 * MINUTE);
    expect(messageNotes(without.notes)).toEqual([]);

    const pierced = await run(time, feed, engines.cacheFile('quiet-on'), { settings: { quietHours: QUIET_AROUND_NOON }, pierces: true });
    await pierced.advance(3 * MINUTE);
    expect(messageNotes(pierced.notes).map((n) => [n.title, n.urgency])).toEqual([['Urgent message from your IT helpdesk', 'critical']]);

    const muted = await run(time, feed, engines.cacheFile('quiet-muted'), { settings: { quietHours: QUIET_AROUND_NOON }, pierces: true });
    muted.engine.mute('1h');
    feed.messages = [warning, { ...critical, text: 'Update: the phishing e-mail also says "Payment".' }];
    await muted.advance(3 * MINUTE);
    expect(messageNotes(muted.notes).filter((n) => n.body.startsWith('Update'))).toEqual([]);
  });

  it('an expired message is gone although the feed still lists it: no notification, no link, not in force', async () => {
    const time = createManualTime(NOON);
    const feed = await feedAt(time);
    feed.messages = [{ ...warning, expiresAt: new Date(NOON + 4 * MINUTE).toISOString() }];
    const h = await run(time, feed, engines.cacheFile('expiry'));
    await h.advance(2 * MINUTE);
    expect(messageNotes(h.notes)).toHaveLength(1);
    expect(h.engine.findLink({ kind: 'message', sourceId: 'org-feed', messageId: warning.id })).toBe(warning.url);

    await h.advance(4 * MINUTE);
    const report = h.engine.view().report;
    expect(messagesInForce(report?.messages ?? [], time.now())).toEqual([]);
    expect(h.engine.findLink({ kind: 'message', sourceId: 'org-feed', messageId: warning.id })).toBeNull();

    // A message that arrives already expired is never notified.
    feed.messages = [{ ...warning, id: 'late', text: 'Too late.', expiresAt: new Date(NOON - MINUTE).toISOString() }];
    await h.advance(3 * MINUTE);
    expect(messageNotes(h.notes)).toHaveLength(1);
  });

  it('reads a cache file written before the memory existed, and then saves the memory into it', async () => {
    const time = createManualTime(NOON);
    const feed = await feedAt(time);
    feed.messages = [warning];
    const cacheFile = engines.cacheFile('old-format');
    const first = await run(time, feed, cacheFile);
    await first.advance(3 * MINUTE);
    await first.engine.stop();
    const { memory: _dropped, ...old } = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(cacheFile, JSON.stringify(old));

    expect(await createStateCache(cacheFile).load()).not.toBeNull();
    const second = await run(time, feed, cacheFile);
    await second.advance(3 * MINUTE);
    // Without the memory the message is news once more: that is the cost of an old file, once.
    expect(messageNotes(second.notes)).toHaveLength(1);
    await second.engine.stop();
    expect((await createStateCache(cacheFile).loadMemory()).seenMessages).toHaveLength(1);
  });
});
