/**
 * The desktop engine end to end in plain Node: real loopback servers serving the recorded
 * payloads, the real undici adapter, the real probe ladder against loopback targets, a real
 * cache file, and hand-driven time so that hours of polling take milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../main/core/settings/config.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import type { Settings, ViewState } from '../../main/core/contract.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import { buildProbePlan } from '../../main/core/verdict/probe-targets.js';
import { DEFAULT_SETTINGS, settingsToAppConfig } from '../../main/core/settings/settings.js';
import { trayModel } from '../../main/core/tray/tray-model.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine, type AppEngine } from '../../main/node/app-engine.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { createManualTime, runPollCycles, type ManualTime } from '../../main/node/manual-time.js';
import { runLadder } from '../../main/node/probes/ladder.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { readFixture } from '../helpers/fixtures.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';
import { makeReport, TEST_PLAN } from '../helpers/reports.js';
import { loopbackOnly, NOON, recordAllGoodLadder } from '../helpers/engine-scenario.js';

const OPERATIONAL = 'statuspage/dropbox-components-2021-12-02-operational.json';
const OUTAGE = 'statuspage/github-summary-2020-04-02-major-outage.json';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const cacheRoot = mkdtempSync(join(tmpdir(), 'outage-radar-engine-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));
let cacheCount = 0;

/** Serves whatever fixture `state.fixture` names, with an ETag, answering 304 to a matching If-None-Match. */
function switchable(state: { fixture: string }): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const etag = `"${Buffer.from(state.fixture).toString('base64url').slice(-24)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag }).end(readFixture(state.fixture));
  };
}

interface Harness {
  readonly engine: AppEngine;
  readonly time: ManualTime;
  readonly server: Loopback;
  readonly acme: { fixture: string };
  /** Served at /plain.json with no validators: every poll is a 200 with the full body. */
  readonly plain: { fixture: string };
  readonly portal: { on: boolean };
  readonly notes: NotificationSpec[];
  readonly views: ViewState[];
  readonly cachePath: string;
  /** Requests the guard refused because they were not for 127.0.0.1 (must stay empty). */
  readonly offLoopback: string[];
  readonly errors: unknown[];
  /** Moves time and waits for the engine after every timer. */
  advance(ms: number): Promise<void>;
  requestsTo(path: string): number;
}

interface HarnessOptions {
  readonly settings?: Partial<Settings>;
  /** Point the Microsoft public source at the loopback copy (for Microsoft 365 services). */
  readonly microsoft?: boolean;
  /** Recorded ladder results instead of running the real ladder each cycle. */
  readonly ladder?: LadderResult | (() => LadderResult);
  readonly start?: number;
  /** The jitter roll; default 0.5 (polls at 90 % of the interval). 1 = the full interval. */
  readonly random?: number;
  /** Also watch /plain.json (no validators) as the custom source "plain". */
  readonly plainSource?: boolean;
}

const open: Array<{ engine: AppEngine; http: UndiciHttp; server: Loopback }> = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.http.close();
    await h.server.close();
  }
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const time = createManualTime(options.start ?? NOON);
  const acme = { fixture: OPERATIONAL };
  const plain = { fixture: OPERATIONAL };
  const portal = { on: false };
  const server = await startLoopback({
    '/acme.json': switchable(acme),
    '/beta.json': switchable({ fixture: OPERATIONAL }),
    '/plain.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(readFixture(plain.fixture)),
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(time.now())),
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/connecttest.txt': (_req, res) => {
      if (portal.on) res.writeHead(302, { location: 'http://portal.hotel.example/login' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('Microsoft Connect Test');
    },
  });
  const undici = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
  const { http, offLoopback } = loopbackOnly(undici);
  const configFor = (settings: Settings): AppConfig => {
    const base = settingsToAppConfig(settings);
    return {
      ...base,
      sources: [...(base.sources ?? []), ...(options.microsoft ? [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }] : [])],
      connectivity: {
        targets: [{ id: 'front-door', url: `${server.url}/ok`, role: 'service', serviceId: settings.watch[0] ?? settings.customSources[0]?.id ?? 'acme' }],
        baseline: [`${server.url}/ok`],
        captive: [{ id: 'ncsi', url: `${server.url}/connecttest.txt`, expectStatus: 200, expectBody: 'Microsoft Connect Test' }],
      },
    };
  };
  const cachePath = join(cacheRoot, `case-${++cacheCount}`, 'state.json');
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    watch: [],
    customSources: [
      { id: 'acme', name: 'ACME', url: `${server.url}/acme.json` },
      ...(options.plainSource ? [{ id: 'plain', name: 'Plain', url: `${server.url}/plain.json` }] : []),
    ],
    ...options.settings,
  };
  const errors: unknown[] = [];
  const engine = createAppEngine({
    http,
    clock: time.clock,
    timers: time.timers,
    random: () => options.random ?? 0.5,
    runLadder: options.ladder
      ? async () => {
          const ladder = options.ladder as LadderResult | (() => LadderResult);
          return typeof ladder === 'function' ? ladder() : ladder;
        }
      : async ({ serviceIds, config, signal, mode }) => {
          // The light run is the captive checks only, as the shell's ladder runner builds it.
          const overrides = mode === 'light' ? { ...config.connectivity, targets: [], baseline: [] } : (config.connectivity ?? {});
          const plan = buildProbePlan({ serviceIds, tenantName: config.tenantName ?? null, overrides });
          return runLadder(plan, { env: {}, ...(signal ? { signal } : {}) });
        },
    cache: createStateCache(cachePath),
    settings,
    appVersion: '0.1.0',
    platform: 'linux',
    configFor,
    onError: (error) => errors.push(error),
  });
  open.push({ engine, http: undici, server });
  const notes: NotificationSpec[] = [];
  const views: ViewState[] = [];
  engine.onNotify((n) => notes.push(n));
  engine.onChange((v) => views.push(v));
  return {
    engine,
    time,
    server,
    acme,
    plain,
    portal,
    notes,
    views,
    cachePath,
    offLoopback,
    errors,
    advance: (ms) => time.advance(ms, () => engine.whenIdle()),
    requestsTo: (path) => server.requests.filter((r) => r.path === path).length,
  };
}

async function started(options: HarnessOptions = {}): Promise<Harness> {
  const h = await harness(options);
  await h.engine.start();
  await h.engine.whenIdle();
  return h;
}

let recordedAllGood: LadderResult;
beforeAll(async () => {
  // A real ladder run against loopback, replayed every cycle: this computer's connection is fine.
  recordedAllGood = await recordAllGoodLadder('acme');
});

describe('start', () => {
  it('shows the cached state at once, marked fromCache, then replaces it with a fresh check', async () => {
    const h = await harness();
    const yesterday = NOON - 20 * 60 * MINUTE;
    const cached = makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: yesterday },
        { id: 'org-feed', health: 'operational', checkedAt: yesterday },
        { id: 'acme', health: 'outage', checkedAt: yesterday },
      ],
      'provider-incident',
      yesterday,
      { plan: TEST_PLAN },
    );
    await createStateCache(h.cachePath).save(cached);

    await h.engine.start();
    const first = h.engine.view();
    expect(first.fromCache).toBe(true);
    expect(first.refreshing).toBe(true);
    expect(first.report).toEqual(cached);
    expect(first.tray).toBe('outage');
    expect(h.views[0]?.fromCache).toBe(true);
    expect(trayModel(first, h.time.now(), 'win32').tooltip).toBe('ACME: outage · showing saved status from yesterday 16:00 · refreshing…');

    await h.engine.whenIdle();
    const fresh = h.engine.view();
    expect(fresh.fromCache).toBe(false);
    expect(fresh.refreshing).toBe(false);
    expect(fresh.report?.checkedAt).toBe(new Date(NOON).toISOString());
    expect(fresh.report?.sources.map((s) => [s.id, s.health, s.fetchedAt])).toEqual([['acme', 'operational', new Date(NOON).toISOString()]]);
    expect(fresh.report?.verdict.kind).toBe('all-good');
    expect(fresh.tray).toBe('ok');
    expect(fresh.report?.probes?.targets.map((t) => [t.target.id, t.reachable])).toEqual([
      ['front-door', true],
      [`baseline-127.0.0.1:${h.server.port}`, true],
    ]);
    // A components-only document cannot show open incidents: the tooltip says so instead of a bare green.
    expect(trayModel(fresh, h.time.now() + 2 * MINUTE, 'win32').tooltip).toMatch(
      /^All watched services are working; ACME \(the document has no status, incidents, scheduled_maintenances.* · updated 2 min ago$/,
    );
    // The fresh state is on disk for the next start.
    expect((await createStateCache(h.cachePath).load())?.checkedAt).toBe(new Date(NOON).toISOString());
    expect(h.offLoopback).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('a corrupt cache file is ignored: nothing is shown until the first check finishes', async () => {
    const h = await harness();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(h.cachePath, '..'), { recursive: true });
    writeFileSync(h.cachePath, '{"format":"outage-radar/state-cache","version":1,"report":{"tray":');
    await h.engine.start();
    expect(h.engine.view()).toMatchObject({ report: null, fromCache: false, refreshing: true, tray: 'unknown' });
    await h.engine.whenIdle();
    expect(h.engine.view().tray).toBe('ok');
  });
});

describe('notifications', () => {
  it('one notification on the first poll that shows a posted incident, none for identical polls, one when resolved', async () => {
    const h = await started();
    expect(h.engine.view().tray).toBe('ok');

    h.acme.fixture = OUTAGE;
    await h.advance(5 * MINUTE);
    expect(h.engine.view().report?.sources[0]?.health).toBe('outage');
    // A posted incident is proof: no second poll needed.
    expect(h.notes).toEqual([
      {
        key: 'worse/acme/80d0cs6kpsps/yqsdhyw44qzj',
        title: 'ACME is down',
        body: expect.stringMatching(/\. Reported by ACME\. Now: Wait for ACME to fix it\.$/),
        route: { view: 'incident', sourceId: 'acme', incidentId: '80d0cs6kpsps' },
        urgency: 'critical',
      },
    ]);
    const view = h.engine.view();
    expect(view.tray).toBe('outage');
    expect(view.report?.verdict.kind).toBe('provider-incident');

    // An open incident shortens the interval to 2 min; identical polls are conditional requests answered 304: nothing new to say.
    await h.advance(2 * MINUTE);
    const before = h.requestsTo('/acme.json');
    await h.advance(2 * MINUTE);
    expect(h.requestsTo('/acme.json')).toBe(before + 1);
    expect(h.server.requests.filter((r) => r.path === '/acme.json').at(-1)?.headers['if-none-match']).toBeDefined();
    expect(h.notes).toHaveLength(1);
    expect(h.engine.view().report?.sources[0]?.health).toBe('outage');

    h.acme.fixture = OPERATIONAL;
    await h.advance(2 * MINUTE);
    expect(h.notes).toHaveLength(1);
    await h.advance(5 * MINUTE);
    expect(h.notes.map((n) => n.key)).toEqual(['worse/acme/80d0cs6kpsps/yqsdhyw44qzj', 'resolved/acme/80d0cs6kpsps']);
    expect(h.notes[1]).toMatchObject({ title: 'Resolved: ACME', route: { view: 'service', serviceId: 'acme' } });
    expect(h.notes[1]?.body).toMatch(/is resolved\. If it still misbehaves, close and reopen the app once\.$/);
    expect(h.offLoopback).toEqual([]);
  });

  it('quiet hours suppress the outage notification', async () => {
    const h = await started({ settings: { quietHours: { enabled: true, start: '11:00', end: '14:00' } } });
    h.acme.fixture = OUTAGE;
    await h.advance(5 * MINUTE);
    await h.advance(2 * MINUTE);
    await h.advance(2 * MINUTE);
    expect(h.engine.view().tray).toBe('outage');
    expect(h.notes).toEqual([]);
  });

  it('mute suppresses, and shows in the view until it ends', async () => {
    const h = await started();
    const view = h.engine.mute('1h');
    expect(view.mutedUntil).toBe(new Date(NOON + 60 * MINUTE).toISOString());
    h.acme.fixture = OUTAGE;
    await h.advance(5 * MINUTE);
    await h.advance(2 * MINUTE);
    expect(h.notes).toEqual([]);
    await h.advance(60 * MINUTE);
    expect(h.engine.view().mutedUntil).toBeNull();
    expect(h.views.at(-1)?.mutedUntil).toBeNull();
    // The outage was already known when the mute ended: no backlog bursts out.
    expect(h.notes).toEqual([]);
  });

  it('a captive portal found by the real ladder notifies once and turns the tray to "local"', async () => {
    const h = await started();
    h.portal.on = true;
    const view = await h.engine.runDiagnostics();
    expect(view.report?.verdict.kind).toBe('captive-portal');
    expect(view.tray).toBe('local');
    expect(h.notes.map((n) => [n.key, n.title, n.route])).toEqual([['local/captive-portal', 'Your network needs a sign-in', { view: 'diagnostics' }]]);
    await h.advance(3 * MINUTE);
    expect(h.notes).toHaveLength(1);
    expect(trayModel(h.engine.view(), h.time.now(), 'win32').tooltip).toBe('Your network needs a sign-in');
  });
});

/** The recorded all-good run with the service host refusing connections: "blocked" (the baseline works). */
function blockedLadder(): LadderResult {
  return {
    ...recordedAllGood,
    targets: recordedAllGood.targets.map((t) =>
      t.target.role !== 'service'
        ? t
        : {
            ...t,
            failedAt: 'tcp' as const,
            reachable: false,
            httpStatus: null,
            steps: t.steps.map((step) =>
              step.step === 'tcp' ? { ...step, outcome: 'fail' as const, errorCode: 'ECONNREFUSED' } : step.step === 'tls' || step.step === 'http' ? { ...step, outcome: 'skipped' as const } : step,
            ),
          },
    ),
  };
}

describe('verdict over time', () => {
  it('a provider incident seen by a poll is shown at once: a posted incident needs no confirming ladder run', async () => {
    let runs = 0;
    const h = await started({
      ladder: () => {
        runs += 1;
        return recordedAllGood;
      },
    });
    runs = 0;
    h.acme.fixture = OUTAGE;
    await h.advance(5 * MINUTE);
    expect(h.engine.view().tray).toBe('outage');
    expect(h.engine.view().report?.verdict.kind).toBe('provider-incident');
    expect(h.notes.map((n) => n.key)).toEqual(['worse/acme/80d0cs6kpsps/yqsdhyw44qzj']);
    // No ladder run was pulled forward to confirm it; at most the regular light run.
    expect(runs).toBeLessThanOrEqual(1);
    expect(h.engine.stats().fullLadderRuns).toBe(1);
  });

  it('one glitchy ladder run is never shown, even when a status poll repeats its evidence; two agreeing runs are', async () => {
    let ladder = recordedAllGood;
    let runs = 0;
    const h = await started({
      random: 1,
      ladder: () => {
        runs += 1;
        return ladder;
      },
    });
    // Healthy: a light run every 5 minutes (the full ladder only hourly).
    runs = 0;
    await h.advance(10 * MINUTE);
    expect(runs).toBe(2);
    expect(h.engine.stats()).toMatchObject({ fullLadderRuns: 1, lightLadderRuns: 2 });

    await h.advance(4 * MINUTE + 30 * SECOND);
    ladder = blockedLadder();
    await h.engine.runDiagnostics();
    ladder = recordedAllGood;
    // The status poll at the 15-minute mark sees the blocked run as the latest ladder: not a second run.
    const polls = h.requestsTo('/acme.json');
    await h.advance(40 * SECOND);
    expect(h.requestsTo('/acme.json')).toBe(polls + 1);
    expect(h.engine.view().report?.verdict.kind).toBe('all-good');
    await h.advance(1 * MINUTE);
    expect(h.views.map((v) => v.report?.verdict.kind).filter((k) => k !== 'all-good' && k !== undefined)).toEqual([]);
    expect(h.notes).toEqual([]);

    ladder = blockedLadder();
    await h.engine.runDiagnostics();
    expect(h.engine.view().tray).toBe('ok');
    await h.advance(1 * MINUTE);
    expect(h.engine.view().report?.verdict.kind).toBe('blocked');
    expect(h.engine.view().tray).toBe('local');
    expect(h.notes.map((n) => n.key)).toEqual(['local/blocked']);
    // Troubled: the ladder runs every minute.
    runs = 0;
    await h.advance(5 * MINUTE);
    expect(runs).toBe(5);
  });
});

describe('cost per poll', () => {
  it('a poll answered 304 or with an unchanged body publishes no view; a changed body does', async () => {
    const h = await started({ ladder: recordedAllGood, plainSource: true });
    expect(h.engine.view().report?.services.map((s) => [s.id, s.health])).toEqual([
      ['acme', 'operational'],
      ['plain', 'operational'],
    ]);
    const views = h.views.length;
    const acmeBefore = h.requestsTo('/acme.json');
    const plainBefore = h.requestsTo('/plain.json');
    const rebuilds = h.engine.stats().rebuilds;

    // One poll of each: ACME answers 304, Plain sends the same body again.
    await h.advance(4 * MINUTE + 40 * SECOND);
    expect(h.requestsTo('/acme.json')).toBe(acmeBefore + 1);
    expect(h.server.requests.filter((r) => r.path === '/acme.json').at(-1)?.headers['if-none-match']).toBeDefined();
    expect(h.requestsTo('/plain.json')).toBe(plainBefore + 1);
    expect(h.views.length).toBe(views);
    expect(h.engine.stats().rebuilds).toBe(rebuilds);
    // The tray still learns how fresh the data is when it asks.
    expect(h.engine.view().updatedAt).toBe(new Date(h.time.now() - 10 * SECOND).toISOString());

    // A changed body is recomputed and published.
    h.plain.fixture = OUTAGE;
    await h.advance(4 * MINUTE + 30 * SECOND);
    expect(h.views.length).toBe(views + 1);
    expect(h.views.at(-1)?.report?.services.map((s) => [s.id, s.health])).toEqual([
      ['acme', 'operational'],
      ['plain', 'outage'],
    ]);
    expect(h.errors).toEqual([]);
  });
});

describe('connection ladder cadence', () => {
  it('while calm, the full ladder runs every two hours and the light run (captive checks, a connection to each service host) every 5 minutes', async () => {
    const h = await started({ random: 1 });
    const targetHits = h.requestsTo('/ok');
    const captiveHits = h.requestsTo('/connecttest.txt');
    await h.advance(4 * 60 * MINUTE);
    expect(h.engine.view().report?.verdict.kind).toBe('all-good');
    // Two full runs (target and baseline each), asked with HEAD; the light runs only open a connection.
    expect(h.requestsTo('/ok') - targetHits).toBe(2 * 2);
    expect(h.server.requests.filter((r) => r.path === '/ok').every((r) => r.method === 'HEAD')).toBe(true);
    // The captive check runs in every run, full or light: every 5 minutes.
    expect(h.requestsTo('/connecttest.txt') - captiveHits).toBe(48);
    expect(h.offLoopback).toEqual([]);
  });

  it('a sign-in page appearing while calm is found by the next light run, within 5 minutes, and confirmed by the full ladder', async () => {
    const h = await started({ random: 1 });
    // The worst moment: the portal appears just after a light run.
    await h.advance(5 * MINUTE + 1 * SECOND);
    const full = h.engine.stats().fullLadderRuns;
    h.portal.on = true;
    await h.advance(5 * MINUTE - 1 * SECOND);
    expect(h.engine.view().report?.verdict.kind).toBe('captive-portal');
    expect(h.engine.view().tray).toBe('local');
    expect(h.notes.map((n) => n.key)).toEqual(['local/captive-portal']);
    expect(h.engine.stats().fullLadderRuns).toBe(full + 1);
    // Troubled: the full ladder every minute until it is gone, then calm again.
    h.portal.on = false;
    await h.advance(2 * MINUTE);
    expect(h.engine.view().report?.verdict.kind).toBe('all-good');
  });

  it('during a confirmed provider incident the full ladder runs every 30 minutes, not every minute', async () => {
    const h = await started({ ladder: recordedAllGood, random: 1 });
    h.acme.fixture = OUTAGE;
    await h.advance(5 * MINUTE);
    expect(h.engine.view().report?.verdict.kind).toBe('provider-incident');
    const full = h.engine.stats().fullLadderRuns;
    await h.advance(60 * MINUTE);
    expect(h.engine.view().report?.verdict.kind).toBe('provider-incident');
    expect(h.engine.stats().fullLadderRuns - full).toBeLessThanOrEqual(3);
    expect(h.engine.stats().lightLadderRuns).toBeGreaterThanOrEqual(8);
  });
});

describe('detection time', () => {
  it('an incident posted just after a poll is notified within 300 s, even at the slowest jitter', async () => {
    const h = await started({ ladder: recordedAllGood, random: 0.999_999 });
    // Let a regular poll happen, then post the incident right after it.
    const polls = h.requestsTo('/acme.json');
    while (h.requestsTo('/acme.json') === polls) await h.advance(1 * SECOND);
    const postedAt = h.time.now();
    h.acme.fixture = OUTAGE;
    while (h.notes.length === 0 && h.time.now() - postedAt < 10 * MINUTE) await h.advance(1 * SECOND);
    expect(h.notes.map((n) => n.key)).toEqual(['worse/acme/80d0cs6kpsps/yqsdhyw44qzj']);
    expect(h.time.now() - postedAt).toBeLessThanOrEqual(300 * SECOND);
  });
});

describe('Microsoft 365 with the organization feed', () => {
  it('names the tenant incident in the tooltip and the notification, and finds only safe links', async () => {
    const h = await started({ microsoft: true, settings: { watch: ['outlook', 'teams'], customSources: [], orgFeedUrl: 'http://127.0.0.1:1/placeholder' } });
    // The feed URL needs the server's port, known only now.
    const settings = { ...h.engine.settings(), orgFeedUrl: `${h.server.url}/feed.json` };
    h.engine.applySettings(settings);
    await h.engine.whenIdle();
    await h.advance(1 * MINUTE);
    await h.advance(1 * MINUTE);

    const view = h.engine.view();
    expect(view.report?.services.map((s) => [s.id, s.health])).toEqual([
      ['outlook', 'outage'],
      ['teams', 'operational'],
    ]);
    expect(trayModel(view, h.time.now(), 'win32').tooltip).toMatch(/^Outlook \/ Exchange: Microsoft incident EX1224375 · updated (just now|1 min ago)$/);
    const worse = h.notes.find((n) => n.key.startsWith('worse/org-feed/EX1224375'));
    expect(worse?.title).toBe('Outlook / Exchange is down');
    expect(worse?.body).toBe('Microsoft incident EX1224375: Users may be unable to send or receive email. Your IT team knows about it: no ticket needed. Now: Wait for Microsoft to fix it.');

    expect(h.engine.findLink({ kind: 'incident', sourceId: 'org-feed', incidentId: 'EX1224375' })).toBe('https://helpdesk.contoso.com/status/EX1224375');
    expect(h.engine.findLink({ kind: 'source', sourceId: 'microsoft-public' })).toBe('https://status.cloud.microsoft/');
    expect(h.engine.findLink({ kind: 'helpdesk' })).toBe('https://helpdesk.contoso.com/status');
    expect(h.engine.findLink({ kind: 'message', sourceId: 'org-feed', messageId: 'helpdesk-2025-03-04-email' })).toBe('https://helpdesk.contoso.com/status/EX1224375');
    expect(h.engine.findLink({ kind: 'incident', sourceId: 'org-feed', incidentId: 'nope' })).toBeNull();
    expect(h.engine.findLink({ kind: 'source', sourceId: 'nope' })).toBeNull();

    const { text } = h.engine.helpdeskReport();
    expect(text).toContain('IT knows about EX1224375: We know about the Outlook email problem.');
    expect(text).toContain('- Outlook / Exchange: Outage');
    expect(text).toMatch(/- 127\.0\.0\.1 \(service, outlook\): DNS \d+ ms · TCP \d+ ms · HTTP \d+ ms → HTTP 200 via DIRECT/);
    expect(h.offLoopback).toEqual([]);
  });
});

describe('refresh and settings', () => {
  it('refreshNow("resume") fetches at once; an unlock right after is merged into it', async () => {
    const h = await started();
    await h.advance(1 * MINUTE);
    const before = h.requestsTo('/acme.json');
    const view = await h.engine.refreshNow('resume');
    expect(h.requestsTo('/acme.json')).toBe(before + 1);
    expect(view.refreshing).toBe(false);
    expect(view.report?.sources[0]?.checkedAt).toBe(new Date(h.time.now()).toISOString());
    expect(h.views.some((v) => v.refreshing)).toBe(true);
    await h.engine.refreshNow('unlock');
    expect(h.requestsTo('/acme.json')).toBe(before + 1);
  });

  it('a removed source stops being polled and leaves the report', async () => {
    const h = await started({
      settings: {
        customSources: [
          { id: 'acme', name: 'ACME', url: 'http://127.0.0.1:1/placeholder' },
          { id: 'beta', name: 'Beta', url: 'http://127.0.0.1:1/placeholder' },
        ],
      },
    });
    h.engine.applySettings({
      ...h.engine.settings(),
      customSources: [
        { id: 'acme', name: 'ACME', url: `${h.server.url}/acme.json` },
        { id: 'beta', name: 'Beta', url: `${h.server.url}/beta.json` },
      ],
    });
    await h.engine.whenIdle();
    await h.advance(10 * MINUTE);
    expect(h.requestsTo('/beta.json')).toBeGreaterThanOrEqual(2);
    expect(h.engine.view().report?.services.map((s) => s.id)).toEqual(['acme', 'beta']);

    h.engine.applySettings({ ...h.engine.settings(), customSources: [{ id: 'acme', name: 'ACME', url: `${h.server.url}/acme.json` }] });
    const betaBefore = h.requestsTo('/beta.json');
    const acmeBefore = h.requestsTo('/acme.json');
    await h.advance(30 * MINUTE);
    expect(h.requestsTo('/beta.json')).toBe(betaBefore);
    expect(h.requestsTo('/acme.json')).toBeGreaterThan(acmeBefore);
    expect(h.engine.view().report?.services.map((s) => s.id)).toEqual(['acme']);
    expect(h.engine.view().report?.sources.map((s) => s.id)).toEqual(['acme']);
    expect(h.engine.stats().sources).toBe(1);
  });
});

describe('footprint', () => {
  it('100 poll cycles leave every internal structure the size it was after 10', async () => {
    const h = await started({ ladder: recordedAllGood });
    // Churn: the outage comes and goes every 10 cycles, so incidents are opened, told and resolved.
    const cycle = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i++) {
        h.acme.fixture = Math.floor(i / 10) % 2 === 1 ? OUTAGE : OPERATIONAL;
        await runPollCycles(h.engine, h.time, 1, 6 * MINUTE);
      }
    };
    await cycle(0, 10);
    const early = h.engine.stats();
    const earlyTimers = h.time.pending();
    await cycle(10, 100);
    const late = h.engine.stats();
    const sizes = (s: typeof early) => ({ sources: s.sources, runningPolls: s.runningPolls, waiters: s.waiters, changeListeners: s.changeListeners, notifyListeners: s.notifyListeners, notifyServices: s.notifyServices });
    expect(sizes(late)).toEqual(sizes(early));
    expect(late).toMatchObject({ sources: 1, runningPolls: 0, waiters: 0, notifyServices: 1 });
    expect(late.notifyTold).toBeLessThanOrEqual(1);
    expect(late.timers).toBeLessThanOrEqual(3);
    // The view holds the current report only: its size follows the data shown, not the time run.
    expect(late.viewJsonLength).toBeLessThan(3 * Math.max(early.viewJsonLength, 10_000));
    expect(h.time.pending()).toBeLessThanOrEqual(earlyTimers + 1);
    expect(h.time.pending()).toBeLessThanOrEqual(late.sources + 3);
    // The churn really happened: both an outage and its resolution were announced, repeatedly.
    expect(h.notes.filter((n) => n.key.startsWith('worse/')).length).toBeGreaterThanOrEqual(4);
    expect(h.notes.filter((n) => n.key.startsWith('resolved/')).length).toBeGreaterThanOrEqual(4);
    expect(h.requestsTo('/acme.json')).toBeGreaterThanOrEqual(100);
    expect(h.errors).toEqual([]);
  });
});
