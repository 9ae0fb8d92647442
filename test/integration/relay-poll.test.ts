/**
 * The relay's Node half against the Graph and token emulator on 127.0.0.1, on a fake clock:
 * paging, throttling, token refresh before expiry and once on a 401, and a Graph outage (the last
 * good feed kept until its expiresAt, then every service unknown with the reason). Real HTTP, no
 * real waiting: the relay's sleep advances the fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import validateOrgFeed from '../../main/core/generated/validate-org-feed.js';
import { relayEndpoints } from '../../main/core/relay/endpoints.js';
import type { OrgFeedDocument } from '../../main/core/relay/feed-build.js';
import { parseOrgFeed } from '../../main/core/sources/org-feed.js';
import { createRelay, type Publisher } from '../../main/node/relay/relay.js';
import { createRelayTransport } from '../../main/node/relay/relay-http.js';
import { createScheduler } from '../../main/node/relay/scheduler.js';
import { createTokenClient } from '../../main/node/relay/token-client.js';
import { ISSUES_PATH, OVERVIEWS_PATH, shiftedFixture, startGraphEmulator, type GraphEmulator } from '../helpers/graph-emulator.js';

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'relay-test-secret-Zx9~q';
/** The recorded EX226792 ended 2020-11-14T17:15Z; the tests' clock starts 2 hours later. */
const START = Date.parse('2020-11-14T19:15:00Z');
const MINUTE = 60_000;

let emulator: GraphEmulator | null = null;
afterEach(async () => {
  await emulator?.close();
  emulator = null;
});

async function setUp(tokenLifetimeS = 3599) {
  emulator = await startGraphEmulator({
    tenant: TENANT,
    clientId: CLIENT_ID,
    secret: SECRET,
    overviews: shiftedFixture('docs-v1-list-healthOverviews-expand-issues-example2.json', 0),
    // Page 1: the doc sample with its nextLink; page 2: real camelCase tenant data.
    issuePages: [shiftedFixture('docs-v1-list-issues-with-nextLink.json', 0), shiftedFixture('recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json', 0)],
    tokenLifetimeS,
  });
  const clock = { now: START };
  const published: OrgFeedDocument[] = [];
  const publisher: Publisher = { previous: async () => null, publish: async (feed) => void published.push(feed) };
  const transport = createRelayTransport({ userAgent: 'OutageRadar/test' });
  const endpoints = relayEndpoints(emulator.url, emulator.url, TENANT);
  const tokens = createTokenClient({ transport, tokenUrl: endpoints.token, scope: endpoints.scope, clientId: CLIENT_ID, credential: { kind: 'secret', secret: SECRET } });
  const logs: string[] = [];
  const relay = createRelay({
    transport,
    tokens,
    endpoints,
    publisher,
    readMessagesFile: null,
    messagesLabel: '',
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
    log: (line) => logs.push(line),
    publisherName: 'Contoso relay',
    ttlMs: 30 * MINUTE,
    refreshMs: 10 * MINUTE,
  });
  return { emulator, clock, published, relay, logs, close: () => transport.close() };
}

describe('relay poll against the Graph emulator', () => {
  it('follows the issues nextLink, waits out a 429 as Retry-After asks, and publishes a valid feed', async () => {
    const t = await setUp();
    t.emulator.script(ISSUES_PATH, { status: 429, headers: { 'retry-after': '7' } });
    const report = await t.relay.poll(60_000);
    await t.close();
    expect(report.ok).toBe(true);
    expect(t.clock.now - START).toBe(7_000);
    expect(t.emulator.graphRequests.map((r) => r.pathAndQuery)).toEqual([
      `${OVERVIEWS_PATH}?$expand=issues`,
      ISSUES_PATH,
      ISSUES_PATH,
      `${ISSUES_PATH}?$skip=100`,
    ]);
    const [feed] = t.published;
    expect(validateOrgFeed(feed)).toBe(true);
    // EX226792 (page 1) ended two hours before: resolved in the last 24 hours. Page 2's issues
    // (2021) and the overview's (ended 2020-11-20) end in this clock's future: not recent.
    expect(feed?.incidents.map((i) => i.id)).toEqual(['EX226792']);
    expect(JSON.stringify(t.published)).not.toContain(SECRET);
    expect(t.logs.join('\n')).not.toContain(SECRET);
  });

  it('gives up within the wait budget when Graph asks for more, and says what it asked', async () => {
    const t = await setUp();
    t.emulator.script(OVERVIEWS_PATH, { status: 503, headers: { 'retry-after': '120' } });
    const report = await t.relay.poll(60_000);
    await t.close();
    expect(report.ok).toBe(false);
    expect(!report.ok && report.error).toBe('Graph answered unavailable (HTTP 503) and asks to wait 120 s more, beyond the 60 s left to wait');
    expect(!report.ok && report.retryAfterMs).toBe(120_000);
    expect(t.clock.now).toBe(START);
  });

  it('asks for a new token shortly before the old one expires, and once when Graph answers 401', async () => {
    const t = await setUp(3600);
    await t.relay.poll(60_000);
    expect(t.emulator.tokenRequests).toHaveLength(1);
    t.clock.now += 50 * MINUTE;
    await t.relay.poll(60_000);
    expect(t.emulator.tokenRequests).toHaveLength(1);
    // 56 minutes in: within 5 minutes of expiry, so a new token before asking Graph.
    t.clock.now += 6 * MINUTE;
    await t.relay.poll(60_000);
    expect(t.emulator.tokenRequests).toHaveLength(2);
    t.emulator.revokeTokens();
    const afterRevoke = await t.relay.poll(60_000);
    expect(afterRevoke.ok).toBe(true);
    expect(t.emulator.tokenRequests).toHaveLength(3);
    // A token that is refused even when new ends the poll instead of looping.
    t.emulator.script(OVERVIEWS_PATH, { status: 401 }, { status: 401 });
    const refused = await t.relay.poll(60_000);
    await t.close();
    expect(!refused.ok && refused.error).toContain('Graph answered HTTP 401');
    expect(!refused.ok && refused.error).toContain('ServiceHealth.Read.All');
    expect(t.emulator.tokenRequests).toHaveLength(4);
    for (const seen of t.emulator.tokenRequests) {
      expect(seen.authorization).toBeUndefined();
      expect(Object.fromEntries(seen.form)).toEqual({ grant_type: 'client_credentials', client_id: CLIENT_ID, scope: `${t.emulator.url}/.default`, client_secret: SECRET });
    }
  });

  it('keeps the last good feed through a Graph outage until it expires, then publishes every service unknown with the reason', async () => {
    const t = await setUp();
    // Polled by the real scheduler with fake timers: 60-120 s apart (random 0 → 60 s).
    const timers: Array<{ at: number; run: () => void }> = [];
    const scheduler = createScheduler({
      poll: () => t.relay.poll(60_000),
      timers: { setTimeout: (run, ms) => timers.push({ at: t.clock.now + ms, run }), clearTimeout: () => undefined },
      random: () => 0,
    });
    const tick = async (): Promise<void> => {
      const next = timers.shift();
      if (next === undefined) throw new Error('nothing scheduled');
      t.clock.now = next.at;
      next.run();
      while (timers.length === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    scheduler.start();
    while (timers.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(t.published).toHaveLength(1);
    const good = t.published[0]!;

    t.emulator.outage = { status: 503, headers: { 'retry-after': '90' } };
    // Graph's Retry-After (90 s) stretches the wait past the 60 s jitter: polls 90 s apart. For
    // 19 of them (28.5 minutes) the good feed stands: its expiresAt is 30 minutes after it.
    for (let i = 0; i < 19; i++) await tick();
    expect(timers[0]!.at - t.clock.now).toBe(90_000);
    expect(t.published).toHaveLength(1);
    expect(parseOrgFeed(JSON.stringify(good), t.clock.now).ok).toBe(true);
    await tick();
    await tick();
    await scheduler.stop();
    await t.close();
    expect(t.published).toHaveLength(2);
    const unknown = t.published[1]!;
    expect(validateOrgFeed(unknown)).toBe(true);
    expect(unknown.services.map((s) => [s.name, s.health])).toEqual([['Exchange Online', 'unknown']]);
    expect(unknown.incidents).toEqual([]);
    expect(unknown.messages.at(-1)?.text).toBe(
      `Microsoft 365 service health for our organization is unavailable: Graph answered unavailable (HTTP 503) and asks to wait 90 s more, beyond the 60 s left to wait. Last good data: ${good.generatedAt}.`,
    );
    const read = parseOrgFeed(JSON.stringify(unknown), t.clock.now);
    expect(read.ok && read.snapshot.health).toBe('unknown');
    expect(read.ok && read.snapshot.components.map((c) => c.health)).toEqual(['unknown']);
  });
});
