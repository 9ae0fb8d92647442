/**
 * `outage-radar relay` end to end: the built CLI as a child process against the Graph and token
 * emulator on 127.0.0.1 serving the recorded payloads (PascalCase doc samples and camelCase tenant
 * data, timestamps moved to now). The feed it writes is valid, `outage-radar check` shows the
 * tenant's incident under the right service, `--listen` answers 304s and gzip, and the secret
 * appears nowhere.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import validateOrgFeed from '../../main/core/generated/validate-org-feed.js';
import { CLI, runCli, writeConfig } from '../helpers/cli.js';
import type { Settings } from '../../main/core/contract.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine } from '../../main/node/app-engine.js';
import { createUndiciHttp } from '../../main/node/http-undici.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { recordAllGoodLadder, withMicrosoftStatusAt } from '../helpers/engine-scenario.js';
import { ISSUES_PATH, OVERVIEWS_PATH, shiftedFixture, startGraphEmulator, type GraphEmulator } from '../helpers/graph-emulator.js';
import { serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';

const TENANT = 'b3f6d2a0-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const CLIENT_ID = 'relay-app';
const SECRET = 'S3cr3t~relay.Value_from-Entra';
const MINUTE = 60_000;

let emulator: GraphEmulator;
let dir: string;
let allGood: LadderResult;

/** EX226792 (the doc sample, page 1) open and degrading Exchange Online, last changed 10 minutes ago. */
function openExchangeIssue(now: number): string {
  return shiftedFixture('docs-v1-list-issues-with-nextLink.json', now - 10 * MINUTE - Date.parse('2020-11-14T18:20:24.767Z'), (text) =>
    text.replace('"isResolved": true', '"isResolved": false').replace('"status": "ServiceRestored"', '"status": "ServiceDegradation"'),
  );
}
/** The camelCase tenant data (page 2), FM298724 having ended two hours ago. */
function recentForms(now: number): string {
  return shiftedFixture('recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json', now - 120 * MINUTE - Date.parse('2021-11-17T13:58:00Z'));
}

beforeAll(async () => {
  const now = Date.now();
  emulator = await startGraphEmulator({
    tenant: TENANT,
    clientId: CLIENT_ID,
    secret: SECRET,
    overviews: shiftedFixture('docs-v1-list-healthOverviews-expand-issues-example2.json', now - Date.parse('2020-12-20T00:00:00Z')),
    issuePages: [openExchangeIssue(now), recentForms(now)],
  });
  dir = mkdtempSync(join(tmpdir(), 'outage-radar-relay-'));
  allGood = await recordAllGoodLadder();
});
afterAll(() => emulator.close());

const relayArgs = (...extra: string[]): string[] => ['relay', '--tenant', TENANT, '--client-id', CLIENT_ID, '--graph-url', emulator.url, '--login-url', emulator.url, ...extra];
const secretEnv = { RELAY_SECRET: SECRET };

interface WrittenFeed {
  services: Array<{ id: string; name: string; health: string; status: string }>;
  incidents: Array<{ id: string; service: string; status: string; sourceStatus: string; health: string; endedAt: string | null; posts: Array<{ format: string }> }>;
  messages: Array<{ id: string; text: string }>;
  expiresAt: string;
}

describe('outage-radar relay --once --out', () => {
  it('reads both collections across pages and a 429, writes a valid feed that check shows under Outlook, and leaks no secret', async () => {
    const out = join(dir, 'feed.json');
    const messages = join(dir, 'messages.json');
    writeFileSync(messages, JSON.stringify([{ id: 'hd-1', severity: 'warning', text: 'We know about the Outlook problem; no ticket needed.', incidentId: 'EX226792' }]));
    emulator.script(ISSUES_PATH, { status: 429, headers: { 'retry-after': '1' } });
    const tokensBefore = emulator.tokenRequests.length;
    const run = await runCli(relayArgs('--secret-env', 'RELAY_SECRET', '--messages', messages, '--out', out, '--once'), { env: secretEnv });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`wrote ${out}: services 1, open issues 1, resolved in the last 24 h 1, helpdesk messages 1`);

    const text = readFileSync(out, 'utf8');
    const feed = JSON.parse(text) as WrittenFeed;
    expect(validateOrgFeed(feed)).toBe(true);
    expect(feed.services).toEqual([{ id: 'Exchange', name: 'Exchange Online', health: 'degraded', status: 'ServiceOperational' }]);
    expect(feed.incidents.map((i) => [i.id, i.service, i.status, i.sourceStatus, i.endedAt === null])).toEqual([
      ['EX226792', 'Exchange Online', 'identified', 'ServiceDegradation', true],
      ['FM298724', 'Microsoft Forms', 'postmortem', 'postIncidentReviewPublished', false],
    ]);
    expect(feed.incidents[1]?.posts).toHaveLength(6);
    expect(feed.messages.map((m) => m.id)).toEqual(['hd-1']);
    expect(Date.parse(feed.expiresAt) - Date.now()).toBeGreaterThan(25 * MINUTE);

    // The token came from the form body, never Basic auth; the secret went nowhere else.
    const token = emulator.tokenRequests.slice(tokensBefore);
    expect(token).toHaveLength(1);
    expect(token[0]?.authorization).toBeUndefined();
    expect(token[0]?.form.get('client_secret')).toBe(SECRET);
    for (const output of [run.stdout, run.stderr, text]) expect(output).not.toContain(SECRET);

    // A tray's `check`, reading that file from a web server on loopback.
    const web: Loopback = await startLoopback({
      '/feed.json': serveText(text),
      '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    });
    try {
      const config = writeConfig({ orgFeedUrl: `${web.url}/feed.json`, sources: [{ id: 'microsoft-public', url: `${web.url}/ms/api/posts/mac` }], watch: ['outlook', 'teams'] });
      const check = await runCli(['check', '--config', config, '--json', '--no-probes']);
      const report = JSON.parse(check.stdout) as {
        services: Array<{ id: string; health: string; incidents: Array<{ id: string; status: string }> }>;
        sources: Array<{ id: string; error: string | null; health: string }>;
        messages: Array<{ id: string }>;
      };
      expect(report.sources.find((s) => s.id === 'org-feed')).toMatchObject({ error: null, health: 'degraded' });
      const outlook = report.services.find((s) => s.id === 'outlook');
      expect(outlook?.health).toBe('degraded');
      expect(outlook?.incidents.map((i) => [i.id, i.status])).toEqual([['EX226792', 'identified']]);
      expect(report.services.find((s) => s.id === 'teams')?.incidents).toEqual([]);
      expect(report.messages.map((m) => m.id)).toContain('hd-1');
      expect(check.code).toBe(1);

      // The desktop app's engine, reading the same file: the tenant incident with Microsoft's posts.
      const http = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
      const settings: Settings = { ...DEFAULT_SETTINGS, watch: ['outlook', 'teams'], customSources: [], orgFeedUrl: `${web.url}/feed.json` };
      const engine = createAppEngine({
        http,
        clock: { now: () => Date.now() },
        runLadder: async () => allGood,
        cache: createStateCache(join(dir, 'engine-cache', 'state.json')),
        settings,
        appVersion: '0.1.0',
        platform: 'linux',
        configFor: withMicrosoftStatusAt(web.url),
      });
      try {
        await engine.start();
        await engine.whenIdle();
        const shown = engine.view().report;
        expect(shown?.services.find((s) => s.id === 'outlook')?.incidents.map((i) => [i.id, i.status])).toEqual([['EX226792', 'identified']]);
        const posts = shown?.sources.find((s) => s.id === 'org-feed')?.incidents.find((i) => i.id === 'EX226792')?.updates ?? [];
        expect(posts.length).toBeGreaterThan(0);
        expect(posts.every((p) => p.body.format === 'html')).toBe(true);
        expect(shown?.messages.map((m) => m.id)).toContain('hd-1');
      } finally {
        await engine.stop();
        await http.close();
      }
    } finally {
      await web.close();
    }
  });

  it('signs in with a certificate: an RS256 client assertion naming the certificate by x5t', async () => {
    const pem = join(dir, 'relay.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=outage-radar-relay', '-days', '2'], { stdio: 'ignore' });
    const certificatePem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    writeFileSync(pem, readFileSync(join(dir, 'key.pem'), 'utf8') + certificatePem, { mode: 0o600 });
    const certEmulator = await startGraphEmulator({ tenant: TENANT, clientId: CLIENT_ID, secret: null, certificatePem, overviews: shiftedFixture('docs-v1-list-healthOverviews-example1.json', 0), issuePages: [recentForms(Date.now())] });
    try {
      const out = join(dir, 'cert-feed.json');
      const run = await runCli(['relay', '--tenant', TENANT, '--client-id', CLIENT_ID, '--certificate', pem, '--out', out, '--once', '--graph-url', certEmulator.url, '--login-url', certEmulator.url]);
      expect(run.stderr).not.toContain('cannot');
      expect(run.code).toBe(0);
      expect(certEmulator.tokenRequests[0]?.form.get('client_secret')).toBeNull();
      expect((JSON.parse(readFileSync(out, 'utf8')) as WrittenFeed).services).toHaveLength(3);
    } finally {
      await certEmulator.close();
    }
  });

  it('gives up at once with exit 2 and the reason when Graph asks to wait longer than 60 s', async () => {
    emulator.script(OVERVIEWS_PATH, { status: 429, headers: { 'retry-after': '300' } });
    const out = join(dir, 'throttled.json');
    const run = await runCli(relayArgs('--secret-env', 'RELAY_SECRET', '--out', out, '--once'), { env: secretEnv });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('outage-radar relay: Graph answered throttled (HTTP 429) and asks to wait 300 s more, beyond the 60 s left to wait');
    expect(run.wallMs).toBeLessThan(15_000);
    // Nothing good was ever written, so the file says "unknown" and why.
    const feed = JSON.parse(readFileSync(out, 'utf8')) as WrittenFeed;
    expect(feed.services).toEqual([]);
    expect(feed.messages[0]?.text).toContain('HTTP 429');
  });

  it('keeps going with the last good messages when the messages file is broken, and says why', async () => {
    const out = join(dir, 'messages-bad.json');
    const messages = join(dir, 'bad-messages.json');
    writeFileSync(messages, '[{"id": "x", "severity": "info"}]');
    const run = await runCli(relayArgs('--secret-env', 'RELAY_SECRET', '--messages', messages, '--out', out, '--once'), { env: secretEnv });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`messages file ${messages}: messages[0].text: required but missing; keeping the last good messages (0)`);
  });
});

describe('outage-radar relay refuses what would expose the secret', () => {
  it('a secret file others can read, plain http to a remote Graph, a missing tenant: exit 64 with a clear message', async () => {
    const file = join(dir, 'secret.txt');
    writeFileSync(file, `${SECRET}\n`);
    chmodSync(file, 0o644);
    const open = await runCli(relayArgs('--secret-file', file, '--out', join(dir, 'x.json'), '--once'));
    expect(open.code).toBe(64);
    expect(open.stderr).toContain(`refusing the secret file ${file}: other users may read it (mode 644); make it readable by its owner only, e.g. chmod 600 ${file}`);
    expect(open.stderr).not.toContain(SECRET);

    chmodSync(file, 0o600);
    const remote = await runCli(['relay', '--tenant', TENANT, '--client-id', CLIENT_ID, '--secret-file', file, '--out', join(dir, 'x.json'), '--graph-url', 'http://graph.example.com']);
    expect(remote.code).toBe(64);
    expect(remote.stderr).toContain('--graph-url: plain http is only allowed for loopback hosts; use https');

    const noTenant = await runCli(['relay', '--client-id', CLIENT_ID, '--secret-env', 'X', '--out', 'x.json']);
    expect(noTenant.code).toBe(64);
    expect(noTenant.stderr).toContain('--tenant is required');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
function get(port: number, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/feed.json', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('outage-radar relay --listen', () => {
  it('serves the feed with gzip, ETag and Cache-Control, answers 304 to If-None-Match, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, ...relayArgs('--secret-env', 'RELAY_SECRET', '--listen', '127.0.0.1:0')], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...secretEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const published = new Promise<number>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const port = /serving the feed at http:\/\/127\.0\.0\.1:(\d+)\/feed\.json/.exec(stderr)?.[1];
        if (port !== undefined && stderr.includes('published a new feed')) resolve(Number(port));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const port = await published;
      const zipped = await get(port, { 'accept-encoding': 'gzip, br' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers['cache-control']).toBe('no-cache');
      expect(zipped.headers['vary']).toBe('Accept-Encoding');
      const feed = JSON.parse(gunzipSync(zipped.body).toString('utf8')) as WrittenFeed;
      expect(validateOrgFeed(feed)).toBe(true);
      expect(feed.incidents.map((i) => i.id)).toContain('EX226792');

      const again = await get(port, { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers['etag']) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      const plain = await get(port, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.body.toString('utf8'))).toEqual(feed);
      expect((await get(port, { 'if-none-match': String(plain.headers['etag']) })).status).toBe(304);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping');
    for (const output of [stdout, stderr]) expect(output).not.toContain(SECRET);
  });
});
