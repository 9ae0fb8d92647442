/**
 * Statuspage light polling against a real loopback page (issue 14, item 5): status.json first, the
 * summary only when it may have changed. The page's documents are the recorded Twilio summary and
 * its own page/status blocks (status.json is exactly those two keys of the summary).
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceDef } from '../../main/core/sources/catalog.js';
import { fetchSource, type SourceMemory } from '../../main/core/sources/source-fetch.js';
import { FULL_READ_EVERY_MS } from '../../main/core/sources/statuspage-light.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import { readFixture } from '../helpers/fixtures.js';
import { startLoopback, type Loopback } from '../helpers/loopback.js';

const CALM = JSON.parse(readFixture('statuspage/dropbox-components-2021-12-02-operational.json')) as Record<string, unknown>;
const TWILIO = readFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json');
const T0 = Date.parse('2026-12-02T09:00:00Z');

interface Page {
  updatedAt: string;
  indicator: string;
  summary: string;
}

const open: Array<{ server: Loopback; http: UndiciHttp }> = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.http.close();
    await h.server.close();
  }
});

/** A page that answers status.json and summary.json with ETags (304 to a matching If-None-Match), like Statuspage's CDN. */
async function page(initial: Page) {
  const state = { ...initial };
  const send = (body: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  };
  const statusJson = () => JSON.stringify({ page: { id: 'p', name: 'Page', url: 'https://status.example', updated_at: state.updatedAt }, status: { indicator: state.indicator, description: 'x' } });
  const server = await startLoopback({
    '/sp/api/v2/status.json': (req, res) => send(statusJson())(req, res),
    // The summary's page and status blocks are the same as status.json's, as on a real page.
    '/sp/api/v2/summary.json': (req, res) => {
      const summary = JSON.parse(state.summary) as Record<string, unknown>;
      const withPage = { ...summary, page: { id: 'p', name: 'Page', url: 'https://status.example', updated_at: state.updatedAt }, status: { indicator: state.indicator, description: 'x' } };
      send(JSON.stringify(withPage))(req, res);
    },
  });
  const http = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
  open.push({ server, http });
  const def: SourceDef = { id: 'page', type: 'statuspage', name: 'Page', url: `${server.url}/sp`, pollIntervalSeconds: null };
  let now = T0;
  let memory: SourceMemory | null = null;
  const summaryReads = (): number => server.requests.filter((r) => r.path.endsWith('/summary.json') && r.method === 'GET').length;
  return {
    state,
    async poll(at: number) {
      now = at;
      const outcome = await fetchSource(def, { http, clock: { now: () => now } }, memory, 120_000);
      memory = outcome.memory;
      return outcome;
    },
    summaryReads,
    paths: () => server.requests.map((r) => r.path),
  };
}

describe('Statuspage light polling on loopback', () => {
  it('reads status.json every poll and the summary only on the first poll, after page.updated_at changes, and every 30 min', async () => {
    const p = await page({ updatedAt: '2026-12-02T08:00:00Z', indicator: 'none', summary: JSON.stringify(CALM) });
    // Nothing kept yet: status.json could only say "read the summary", so only the summary is read.
    const first = await p.poll(T0);
    expect(first.result.health).toBe('operational');
    expect(p.paths()).toEqual(['/sp/api/v2/summary.json']);

    // Nothing changed: status.json answers 304 and the summary is not read; the data is confirmed fresh.
    const quiet = await p.poll(T0 + 120_000);
    expect(quiet.notModified).toBe(true);
    expect(quiet.result.fetchedAt).toBe(new Date(T0 + 120_000).toISOString());
    expect(p.summaryReads()).toBe(1);

    // An incident posted while the indicator stays "none" (real pages do this): updated_at moves.
    p.state.updatedAt = '2026-12-02T09:03:00Z';
    p.state.summary = TWILIO;
    const posted = await p.poll(T0 + 240_000);
    expect(p.summaryReads()).toBe(2);
    expect(posted.result.health).toBe('degraded');
    expect(posted.result.incidents.length).toBeGreaterThan(0);

    // Indicator back to none and nothing new: still read in full until a read saw it calm.
    await p.poll(T0 + 360_000);
    const reads = p.summaryReads();
    // Half an hour after the last full read, the summary is read again (conditionally: a 304).
    await p.poll(T0 + 240_000 + FULL_READ_EVERY_MS);
    expect(p.summaryReads()).toBe(reads + 1);
  });

  it('a troubled indicator reads the summary on every poll', async () => {
    const p = await page({ updatedAt: '2026-12-02T08:00:00Z', indicator: 'minor', summary: TWILIO });
    for (let i = 0; i < 3; i++) await p.poll(T0 + i * 120_000);
    expect(p.summaryReads()).toBe(3);
  });

  it('a page without status.json (404) is still read in full every poll', async () => {
    const p = await page({ updatedAt: 'x', indicator: 'none', summary: JSON.stringify(CALM) });
    const server = open.at(-1)?.server;
    server?.route('/sp/api/v2/status.json', (_req, res) => res.writeHead(404).end('not found'));
    const first = await p.poll(T0);
    const second = await p.poll(T0 + 120_000);
    expect([first.result.health, second.result.health]).toEqual(['operational', 'operational']);
    expect(p.summaryReads()).toBe(2);
  });
});
