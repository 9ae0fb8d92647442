/**
 * `outage-radar check` end to end: the built CLI as a child process, real HTTP servers on
 * 127.0.0.1 serving the recorded payloads byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/fixtures.js';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

interface JsonReport {
  checkedAt: string;
  overall: string;
  tray: string;
  verdict: { kind: string; summary: string };
  sources: Array<{
    id: string;
    type: string;
    health: string;
    fetchedAt: string | null;
    checkedAt: string;
    error: string | null;
    incidents: Array<{ id: string; title: string; health: string; status: string; startedAt: string | null; updatedAt: string | null; url: string | null }>;
    components: Array<{ id: string; name: string; health: string }>;
    upcoming: Array<{ id: string }>;
  }>;
  services: Array<{ id: string; name: string; health: string; incidents: Array<{ id: string }> }>;
  messages: Array<{ id: string; text: string }>;
}

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({
    '/github/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json'),
    '/cloudamqp/api/v2/summary.json': serveFixture('statuspage/cloudamqp-summary-2020-07-16-under-maintenance.json'),
    '/twilio/api/v2/summary.json': serveFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json'),
    '/dropbox/api/v2/components.json': serveFixture('statuspage/dropbox-components-2021-12-02-operational.json'),
    '/ms/api/posts/mac': serveFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json'),
    '/ms/api/posts': serveText('<!doctype html><html><head><title>Microsoft 365 Status</title></head><body><div id="root"></div></body></html>', 'text/html; charset=utf-8'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
  });
});
afterAll(() => server.close());

const bySource = (report: JsonReport, id: string): JsonReport['sources'][number] => {
  const source = report.sources.find((s) => s.id === id);
  if (!source) throw new Error(`no source ${id} in report`);
  return source;
};

describe('outage-radar check --json against loopback copies of the recorded payloads', () => {
  it('reports the right health, incidents and components for each source, and exit 2 for an outage', async () => {
    const config = writeConfig({
      orgFeedUrl: `${server.url}/feed.json`,
      sources: [
        { id: 'github', url: `${server.url}/github` },
        { id: 'cloudamqp', type: 'statuspage', name: 'CloudAMQP', url: `${server.url}/cloudamqp/` },
        { id: 'twilio', url: `${server.url}/twilio` },
        { id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` },
      ],
      watch: ['outlook', 'teams'],
    });
    const run = await runCli(['check', '--config', config, '--json', '--no-probes']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;

    const github = bySource(report, 'github');
    expect(github.health).toBe('outage');
    expect(github.error).toBeNull();
    expect(github.incidents.map((i) => [i.id, i.status, i.health])).toEqual([['80d0cs6kpsps', 'investigating', 'outage']]);
    expect(github.components.find((c) => c.name === 'Git Operations')?.health).toBe('outage');
    expect(github.components.find((c) => c.name === 'GitHub Pages')?.health).toBe('operational');
    expect(Date.parse(github.fetchedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const cloudamqp = bySource(report, 'cloudamqp');
    expect(cloudamqp.health).toBe('maintenance');
    expect(cloudamqp.incidents.map((i) => i.id)).toEqual(['qy6n39trpl7l']);
    expect(cloudamqp.components.find((c) => c.name === 'Shared servers')?.health).toBe('maintenance');

    const twilio = bySource(report, 'twilio');
    expect(twilio.health).toBe('degraded');
    expect(twilio.incidents.map((i) => i.id).sort()).toEqual(['4dtnnnnxnhn9', 'r0f0vdz8vrgm']);
    expect(twilio.upcoming).toHaveLength(9);
    // Group rows repeat their worst child and are not components of their own.
    expect(twilio.components.some((c) => c.name === 'PROGRAMMABLE MESSAGING')).toBe(false);

    const ms = bySource(report, 'microsoft-public');
    expect(ms.health).toBe('operational');
    expect(ms.incidents).toEqual([]);

    const feed = bySource(report, 'org-feed');
    expect(feed.health).toBe('outage');
    expect(feed.incidents.map((i) => i.id)).toContain('EX1224375');

    // Outlook reads Microsoft's public banner AND the tenant feed: the feed knows better.
    const outlook = report.services.find((s) => s.id === 'outlook');
    expect(outlook?.health).toBe('outage');
    expect(outlook?.incidents.map((i) => i.id)).toEqual(['EX1224375']);
    expect(report.services.find((s) => s.id === 'teams')?.health).toBe('operational');
    expect(report.messages.length).toBeGreaterThan(0);

    expect(report.overall).toBe('outage');
    expect(report.verdict.kind).toBe('provider-incident');
    expect(report.tray).toBe('outage');
    expect(run.code).toBe(2);
  });

  it('exits 0 when every watched service is confirmed operational', async () => {
    const config = writeConfig({ watch: ['dropbox'], sources: [{ id: 'dropbox', url: `${server.url}/dropbox/api/v2/components.json` }] });
    const run = await runCli(['check', '--config', config, '--json', '--no-probes']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(bySource(report, 'dropbox').health).toBe('operational');
    expect(bySource(report, 'dropbox').components).toHaveLength(7);
    expect(report.overall).toBe('operational');
    expect(report.tray).toBe('ok');
    expect(run.code).toBe(0);
  });

  it('exits 1 for maintenance and for a degraded service', async () => {
    const maintenance = await runCli(['check', '--config', writeConfig({ sources: [{ id: 'c', type: 'statuspage', url: `${server.url}/cloudamqp` }] }), '--json', '--no-probes']);
    expect((JSON.parse(maintenance.stdout) as JsonReport).overall).toBe('maintenance');
    expect(maintenance.code).toBe(1);
    const degraded = await runCli(['check', '--config', writeConfig({ watch: ['twilio'], sources: [{ id: 'twilio', url: `${server.url}/twilio` }] }), '--json', '--no-probes']);
    expect((JSON.parse(degraded.stdout) as JsonReport).overall).toBe('degraded');
    expect(degraded.code).toBe(1);
  });

  it('an HTML app shell served with 200 is a failure, not health: unknown, exit 3', async () => {
    const config = writeConfig({ watch: ['outlook'], sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts` }] });
    const run = await runCli(['check', '--config', config, '--json', '--no-probes']);
    const report = JSON.parse(run.stdout) as JsonReport;
    const ms = bySource(report, 'microsoft-public');
    expect(ms.health).toBe('unknown');
    expect(ms.error).toMatch(/expected JSON but got a web page/);
    expect(report.tray).toBe('unknown');
    expect(run.code).toBe(3);
  });

  it('prints a readable report by default', async () => {
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Overall: Outage/m);
    expect(run.stdout).toMatch(/\[DOWN\] GitHub\s+Outage/);
    expect(run.stdout).toMatch(/80d0cs6kpsps: Incident on 2020-04-02 20:20 UTC \(investigating, outage, started \d+ days ago\)/);
    expect(run.stdout).toMatch(/^What to do: /m);
  });
});

describe('a bad config file exits 64 naming the file, the key and what was expected', () => {
  it('wrong type', async () => {
    const config = writeConfig({ sources: [{ id: 'x', type: 'statuspage', url: 7 }] });
    const run = await runCli(['check', '--config', config, '--json']);
    expect(run.code).toBe(64);
    // --json: the script gets the error as one JSON object, the person reads stderr.
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { kind: 'bad-config', file: config, key: 'sources[0].url' } });
    expect(run.stderr).toContain(`${config}: sources[0].url: expected a string, got 7`);
  });

  it('unknown key, insecure URL, broken JSON, missing file', async () => {
    const typo = writeConfig({ sorces: [] });
    expect((await runCli(['check', '--config', typo])).stderr).toContain(`${typo}: sorces: unknown key (check the spelling)`);
    const insecure = writeConfig({ orgFeedUrl: 'http://intranet.example/feed.json' });
    const run = await runCli(['check', '--config', insecure]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`${insecure}: orgFeedUrl: plain http is only allowed for loopback hosts`);
    const broken = writeConfig('{ "sources": [ ');
    expect((await runCli(['check', '--config', broken])).stderr).toContain(`${broken}: not valid JSON`);
    const missing = await runCli(['check', '--config', '/nonexistent/outage-radar.json']);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('/nonexistent/outage-radar.json: cannot read the file (ENOENT)');
  });

  it('bad usage exits 64 too', async () => {
    expect((await runCli(['chek'])).code).toBe(64);
    expect((await runCli(['check', '--frobnicate'])).code).toBe(64);
    expect((await runCli([])).code).toBe(64);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/outage-radar check \[--config FILE\] \[--json\] \[--no-probes\]/);
  });
});

describe('bad input from sources: unknown with a reason, within the time bound, never a crash', () => {
  it('every hostile source is unknown with a readable error while good sources stay right', async () => {
    const bigComponents = (() => {
      const doc = JSON.parse(readFixture('statuspage/github-summary-2020-04-02-major-outage.json')) as Record<string, unknown>;
      doc['status'] = { indicator: 'none', description: 'All Systems Operational' };
      doc['incidents'] = [];
      // 10,000 healthy components and one whose status nobody knows.
      doc['components'] = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, status: i === 9_999 ? 'on_fire' : 'operational' }));
      return JSON.stringify(doc);
    })();
    const unknownEnum = (() => {
      const doc = JSON.parse(readFixture('statuspage/dropbox-components-2021-12-02-operational.json')) as Record<string, unknown>;
      doc['status'] = { indicator: 'sparkly', description: '?' };
      return JSON.stringify(doc);
    })();
    const truncated = readFixture('statuspage/github-summary-2020-04-02-major-outage.json').slice(0, 2000);
    const routes: Record<string, Parameters<Loopback['route']>[1]> = {
      '/html/api/v2/summary.json': serveText('<html><body>Sign in to continue</body></html>', 'text/html'),
      '/truncated/api/v2/summary.json': serveText(truncated),
      '/huge/api/v2/summary.json': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent <= 2 * 1024 * 1024 + 64 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
      '/drip/api/v2/summary.json': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 500);
        res.on('close', () => clearInterval(timer));
      },
      '/throttled/api/v2/summary.json': serveText('{"error":"slow down"}', 'application/json', 429, { 'retry-after': '120' }),
      '/unavailable/api/v2/summary.json': serveText('<h1>503</h1>', 'text/html', 503, { 'retry-after': '30' }),
      '/broken/api/v2/summary.json': serveText('oops', 'text/plain', 500),
      '/loop/api/v2/summary.json': (_req, res) => res.writeHead(302, { location: '/loop/api/v2/summary.json' }).end(),
      '/enum/api/v2/summary.json': serveText(unknownEnum),
      '/proto/api/v2/summary.json': serveText('{"__proto__":{"status":{"indicator":"none"},"components":[]},"page":{"id":"p","name":"Evil"}}'),
      '/big/api/v2/summary.json': serveText(bigComponents),
    };
    for (const [path, handler] of Object.entries(routes)) server.route(path, handler);
    const names = Object.keys(routes).map((p) => p.split('/')[1] ?? '');
    const config = writeConfig({
      sources: [
        { id: 'github', url: `${server.url}/github` },
        ...names.map((name) => ({ id: name, type: 'statuspage', url: `${server.url}/${name}` })),
      ],
    });
    const started = Date.now();
    const run = await runCli(['check', '--config', config, '--json', '--no-probes']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    // The slowest source (the drip) is cut at the 10 s timeout, and nothing waits longer than that.
    expect(run.wallMs).toBeLessThan(14_000);
    const errors: Record<string, RegExp> = {
      html: /expected JSON but got a web page/,
      truncated: /truncated|unexpected end/i,
      huge: /larger than 2048 KiB/,
      drip: /no complete answer within 10 s/,
      throttled: /HTTP 429, asked to retry after 120 s/,
      unavailable: /HTTP 503, asked to retry after 30 s/,
      broken: /HTTP 500/,
      loop: /more than 3 redirects/,
    };
    for (const name of names) {
      const source = bySource(report, name);
      expect(source.health, name).toBe('unknown');
      if (errors[name]) expect(source.error, name).toMatch(errors[name]);
    }
    // Parsed but not vouched for: the reason is in the warnings rather than a fetch error.
    expect(JSON.stringify(bySource(report, 'enum'))).toMatch(/sparkly/);
    expect(JSON.stringify(bySource(report, 'big'))).toMatch(/on_fire/);
    expect(bySource(report, 'big').components).toHaveLength(10_000);
    // The good source in the same run is unaffected, and was not held up by the slow one.
    const github = bySource(report, 'github');
    expect(github.health).toBe('outage');
    expect(Date.parse(github.checkedAt) - started).toBeLessThan(5_000);
    expect(Date.parse(bySource(report, 'drip').checkedAt) - started).toBeGreaterThanOrEqual(9_500);
    expect(report.overall).toBe('outage');
    expect(run.code).toBe(2);
  });
});
