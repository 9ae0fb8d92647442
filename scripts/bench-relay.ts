/**
 * The relay's rows of `npm run bench` (issue #13, item 8): the `--listen` server, in its own
 * process, under many concurrent keep-alive clients sending If-None-Match (what 100,000 trays do),
 * and the relay's heap over 1,000 Graph polls against an emulator. Everything on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'undici';
import { relayEndpoints } from '../main/core/relay/endpoints.js';
import { createFeedServer } from '../main/node/relay/feed-server.js';
import { createRelay } from '../main/node/relay/relay.js';
import { createRelayTransport } from '../main/node/relay/relay-http.js';
import { createTokenClient } from '../main/node/relay/token-client.js';

type RowFn = (group: string, what: string, value: string, target?: string, met?: boolean | null) => void;

const TENANT = 'contoso.onmicrosoft.com';
const SECRET = 'bench-secret';

/** Token endpoint and the two Graph collections, serving recorded payloads. */
async function graphEmulator(fixture: (name: string) => string): Promise<{ url: string; server: Server }> {
  const overviews = fixture('graph/docs-v1-list-healthOverviews-expand-issues-example2.json');
  const issues = fixture('graph/recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json');
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    req.resume();
    req.on('end', () => {
      if (path === `/${TENANT}/oauth2/v2.0/token`) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'bench-token', expires_in: 3599 }));
      else if (path === '/v1.0/admin/serviceAnnouncement/healthOverviews') res.writeHead(200, { 'content-type': 'application/json' }).end(overviews);
      else if (path === '/v1.0/admin/serviceAnnouncement/issues') res.writeHead(200, { 'content-type': 'application/json' }).end(issues);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function listenRows(row: RowFn, cli: string, graphUrl: string): Promise<void> {
  const child = spawn(process.execPath, [cli, 'relay', '--tenant', TENANT, '--client-id', 'bench', '--secret-env', 'BENCH_SECRET', '--listen', '127.0.0.1:0', '--graph-url', graphUrl, '--login-url', graphUrl], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', BENCH_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      const found = /serving the feed at http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr)?.[1];
      if (found !== undefined && stderr.includes('published a new feed')) resolve(Number(found));
    });
    child.on('close', () => reject(new Error(`relay exited: ${stderr}`)));
  });
  const clients = 200;
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: clients });
  const first = await pool.request({ path: '/feed.json', method: 'GET', headers: { 'accept-encoding': 'gzip' } });
  const etag = String(first.headers['etag']);
  await first.body.dump();
  const latencies: number[] = [];
  let notModified = 0;
  const durationMs = 3000;
  const end = performance.now() + durationMs;
  const started = performance.now();
  // Each simulated tray asks again as soon as it has its answer: the server's ceiling, not a schedule.
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await pool.request({ path: '/feed.json', method: 'GET', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
        await res.body.dump();
        latencies.push(performance.now() - t0);
        if (res.statusCode === 304) notModified++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  child.kill('SIGTERM');
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / elapsed;
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
  row('relay', `--listen, ${clients} concurrent keep-alive clients with If-None-Match (${Math.round((notModified / latencies.length) * 100)}% 304)`, `${Math.round(rate)} req/s`, '>= 5000 req/s', rate >= 5000);
  row('relay', '--listen, same run: p99 latency', `${p99.toFixed(1)} ms`);
}

async function pollHeapRows(row: RowFn, graphUrl: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    row('relay', 'heap after 1,000 Graph polls', 'skipped: run with --expose-gc (npm run bench does)');
    return;
  }
  let now = Date.parse('2021-11-18T00:00:00Z');
  const transport = createRelayTransport({ userAgent: 'OutageRadar/bench' });
  const endpoints = relayEndpoints(graphUrl, graphUrl, TENANT);
  const relay = createRelay({
    transport,
    tokens: createTokenClient({ transport, tokenUrl: endpoints.token, scope: endpoints.scope, clientId: 'bench', credential: { kind: 'secret', secret: SECRET } }),
    endpoints,
    publisher: createFeedServer(),
    readMessagesFile: null,
    messagesLabel: '',
    now: () => now,
    sleep: async (ms) => void (now += ms),
    log: () => undefined,
    publisherName: 'bench',
    ttlMs: 30 * 60_000,
    refreshMs: 10 * 60_000,
  });
  const heapAfter = async (polls: number): Promise<number> => {
    for (let i = 0; i < polls; i++) {
      // 90 s apart: the feed is republished every 10 minutes, as in service.
      now += 90_000;
      const report = await relay.poll(60_000);
      if (!report.ok) throw new Error(report.error);
    }
    gc();
    await new Promise((r) => setTimeout(r, 20));
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  const at100 = await heapAfter(100);
  const at500 = await heapAfter(400);
  const at1000 = await heapAfter(500);
  await transport.close();
  const mb = (n: number): string => `${n.toFixed(2)} MB`;
  row('relay', 'heap after 100 / 500 / 1,000 Graph polls (emulator on loopback, forced GC)', `${mb(at100)} / ${mb(at500)} / ${mb(at1000)}`);
  row('relay', 'heap growth, polls 500 -> 1,000', `${at1000 - at500 >= 0 ? '+' : ''}${(at1000 - at500).toFixed(2)} MB`, '< +0.5 MB', at1000 - at500 < 0.5);
}

/** Adds the relay rows; `root` is the repository root (the built CLI is under out/). */
export async function relayRows(row: RowFn, fixture: (name: string) => string, root: string): Promise<void> {
  const graph = await graphEmulator(fixture);
  try {
    await listenRows(row, join(root, 'out', 'cli', 'outage-radar.js'), graph.url);
    await pollHeapRows(row, graph.url);
  } finally {
    graph.server.close();
  }
}
