/**
 * `outage-radar add-source <url>`: each status format served on loopback (recorded payloads) is
 * detected through the real built CLI, and pages that are not status pages are refused with
 * exit 3 and a message that says what was found.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkConfig } from '../../main/core/settings/config.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';

const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function loopback(routes: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
  const server = await startLoopback(routes);
  open.push(server);
  return server;
}

/** A server that gives the same answer for every path, as many web sites and APIs do. */
async function sameForEveryPath(contentType: string, body: string): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

interface Detected {
  readonly source: { readonly id: string; readonly type: string; readonly name: string; readonly url: string };
  readonly components: readonly { readonly id: string; readonly name: string }[];
}

async function detect(url: string): Promise<Detected> {
  const run = await runCli(['add-source', url, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as Detected;
  expect(Object.keys(out)).toEqual(['source', 'components']);
  expect(Object.keys(out.source)).toEqual(['id', 'type', 'name', 'url']);
  for (const component of out.components) expect(Object.keys(component)).toEqual(['id', 'name']);
  // What it prints is a valid config source.
  expect(checkConfig({ sources: [out.source] })).toMatchObject({ ok: true });
  return out;
}

async function refused(url: string): Promise<{ reason: string; message: string; stderr: string }> {
  const run = await runCli(['add-source', url, '--json']);
  expect(run.code).toBe(3);
  const { error } = JSON.parse(run.stdout) as { error: { kind: string; reason: string; message: string } };
  expect(error.kind).toBe('not-detected');
  expect(run.stderr).toContain(error.message);
  return { reason: error.reason, message: error.message, stderr: run.stderr };
}

const STATUSPAGE_HTML = '<!DOCTYPE html><html><head><title>GitHub Status</title><link rel="alternate" type="application/atom+xml" href="/sp/history.atom"><script src="https://dka575ofm4ao0.cloudfront.net/x.js"></script></head><body>All Systems Operational</body></html>';

describe('outage-radar add-source: each format on loopback', () => {
  it('a Statuspage page root: the summary under the given path, the page root configured, groups left out', async () => {
    const server = await loopback({
      '/sp': serveText(STATUSPAGE_HTML, HTML),
      '/sp/api/v2/summary.json': serveFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json'),
    });
    const out = await detect(`${server.url}/sp`);
    expect(out.source).toEqual({ id: 'twilio', type: 'statuspage', name: 'Twilio', url: `${server.url}/sp` });
    expect(out.components.map((c) => c.name)).toContain('Studio');
    expect(out.components.map((c) => c.name)).not.toContain('PROGRAMMABLE MESSAGING');
    expect(server.requests.map((r) => r.path)).toEqual(['/sp', '/sp/api/v2/summary.json']);
  });

  it("a Statuspage summary.json address: read as given, its page root configured", async () => {
    const server = await loopback({ '/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
    const out = await detect(`${server.url}/api/v2/summary.json`);
    expect(out.source).toEqual({ id: 'github', type: 'statuspage', name: 'GitHub', url: server.url });
    expect(out.components.map((c) => c.name)).toContain('Git Operations');
  });

  it('a status.io API address', async () => {
    const server = await loopback({ '/1.0/status/533c6539221ae15e3f000031': serveFixture('statusio/docker-statusio-v1-status-2020-07-16-partial-disruption.json') });
    const out = await detect(`${server.url}/1.0/status/533c6539221ae15e3f000031`);
    expect(out.source).toMatchObject({ type: 'statusio', url: `${server.url}/1.0/status/533c6539221ae15e3f000031`, name: 'status.io page 533c6539221ae15e3f000031' });
    expect(out.components.map((c) => c.name)).toEqual(expect.arrayContaining(['Docker Hub Registry', 'Docker Hub Web']));
  });

  it('an incident.io widget path, and an incident.io page whose markup names the vendor', async () => {
    const server = await loopback({
      '/': serveText('<!DOCTYPE html><html><head><title>FitNudge</title></head><body>Powered by <a href="https://incident.io">incident.io</a></body></html>', HTML),
      '/api/v1/summary': serveFixture('incidentio/incidentio-widget-api-v1-summary-docs-example-via-fitnudge.json'),
    });
    const widget = await detect(`${server.url}/api/v1/summary`);
    expect(widget.source).toEqual({ id: 'fitnudge-system', type: 'incidentio', name: 'FitNudge System', url: server.url });
    expect(widget.components).toEqual([{ id: '01H0QJ1BXP0E76RGBYRDHKA2KQ', name: 'Authentication / Login' }]);
    server.requests.length = 0;
    const page = await detect(`${server.url}/`);
    expect(page.source).toEqual(widget.source);
    // The vendor's API first; then its Statuspage-compatible summary for the full component list (absent here).
    expect(server.requests.map((r) => r.path)).toEqual(['/', '/api/v1/summary', '/api/v2/summary.json']);
  });

  it('an Instatus summary, with the components from its components document', async () => {
    const server = await loopback({
      '/summary.json': serveFixture('instatus/manychat-instatus-summary-2026-05-06-up-with-open-degraded-incident.json'),
      '/v2/components.json': serveFixture('instatus/BUILT-FROM-DOCS-instatus-components-v2-one-degraded.json'),
    });
    const out = await detect(`${server.url}/summary.json`);
    expect(out.source).toEqual({ id: 'manychat', type: 'instatus', name: 'Manychat', url: server.url });
    expect(out.components.map((c) => c.id)).toEqual(['cm86c68hh003drlefrrklqlw1', 'cm86c68hh003drlefrrklqlw2', 'cm86c68hh003drlefrrklqlw3']);
  });

  it('RSS and Atom feed addresses stay feeds: one request each, nothing they link followed', async () => {
    const server = await loopback({
      '/history.rss': serveFixture('rss-atom/digitalocean-statuspage-history.rss-2020-01-11.xml', RSS),
      '/history.atom': serveFixture('rss-atom/digitalocean-statuspage-history.atom-2020-01-11.xml', ATOM),
    });
    for (const path of ['/history.rss', '/history.atom']) {
      const out = await detect(`${server.url}${path}`);
      expect(out).toEqual({ source: { id: 'digitalocean-status', type: 'rss', name: 'DigitalOcean Status', url: `${server.url}${path}` }, components: [] });
    }
    expect(server.requests.map((r) => r.path)).toEqual(['/history.rss', '/history.atom']);
  });

  it('a web page that links its feed with <link rel="alternate">', async () => {
    const server = await loopback({
      '/status': serveText('<!DOCTYPE html><html><head><title>Acme status</title><link rel="alternate" type="application/atom+xml" href="/status/feed.atom"></head><body>ok</body></html>', HTML),
      '/status/feed.atom': serveFixture('rss-atom/digitalocean-statuspage-history.atom-2020-01-11.xml', ATOM),
    });
    const out = await detect(`${server.url}/status`);
    expect(out.source).toEqual({ id: 'digitalocean-status', type: 'rss', name: 'DigitalOcean Status', url: `${server.url}/status/feed.atom` });
    expect(server.requests.length).toBeLessThanOrEqual(5);
  });

  it('prints a ready-to-paste config with a services entry narrowed to a component, and the component list', async () => {
    const server = await loopback({ '/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
    const run = await runCli(['add-source', `${server.url}/api/v2/summary.json`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Found a Statuspage page: GitHub');
    const snippet = /^\{\n[\s\S]*?\n\}$/m.exec(run.stdout)?.[0] ?? '';
    const config = JSON.parse(snippet) as { sources: unknown[]; services: { sources: { components: string[] }[] }[] };
    expect(checkConfig(config)).toMatchObject({ ok: true });
    expect(config.sources).toEqual([{ id: 'github', type: 'statuspage', name: 'GitHub', url: server.url }]);
    expect(config.services[0]?.sources[0]?.components).toHaveLength(1);
    expect(run.stdout).toMatch(/Components \(\d+\)/);
    expect(run.stdout).toContain('  Git Operations');
  });
});

describe('outage-radar add-source: refusals', () => {
  it('an unrelated web page that answers 200 with HTML for every path', async () => {
    const site = await sameForEveryPath(HTML, '<!DOCTYPE html><html><head><title>Shop</title></head><body>Buy things</body></html>');
    const { reason, message } = await refused(`${site.url}/`);
    expect(reason).toBe('not-status-page');
    expect(message).toContain('is a web page without a status feed');
    expect(site.paths.length).toBeLessThanOrEqual(5);
  });

  it('a login page', async () => {
    const site = await sameForEveryPath(HTML, '<!DOCTYPE html><html><body><form method="post"><input name="user"><input type="password" name="password"></form></body></html>');
    const { reason, message } = await refused(`${site.url}/status`);
    expect(reason).toBe('login');
    expect(message).toContain('login page');
  });

  it('a JSON API that is not a status page', async () => {
    const site = await sameForEveryPath('application/json', '{"users":[]}');
    const { reason, message } = await refused(`${site.url}/`);
    expect(reason).toBe('not-status-page');
    expect(message).toContain('JSON that is not a status API');
  });

  it('a page that refuses us, and a server that is not there', async () => {
    const server = await loopback({ '/': serveText('denied', 'text/plain', 403) });
    expect(await refused(`${server.url}/`)).toMatchObject({ reason: 'blocked', message: expect.stringContaining('HTTP 403') });
    const port = await closedPort();
    expect(await refused(`http://127.0.0.1:${port}/`)).toMatchObject({ reason: 'unreachable', message: expect.stringContaining('could not be reached') });
  });

  it('prints the reason without --json, exit 3', async () => {
    const site = await sameForEveryPath('application/json', '{"users":[]}');
    const run = await runCli(['add-source', site.url]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^outage-radar: .* is not a status page: it answered with JSON that is not a status API/);
  });
});

describe('outage-radar add-source: usage', () => {
  for (const [label, args] of [
    ['no URL', ['add-source']],
    ['two URLs', ['add-source', 'https://a.example', 'https://b.example']],
    ['a non-http(s) URL', ['add-source', 'ftp://status.example.com/']],
    ['plain http to another machine', ['add-source', 'http://status.example.com/']],
    ['an unknown option', ['add-source', '--frobnicate', 'https://a.example']],
  ] as const) {
    it(`exits 64 for ${label}, with the usual error object under --json`, async () => {
      const run = await runCli([...args, '--json']);
      expect(run.code).toBe(64);
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { kind: 'bad-usage', message: expect.any(String) } });
    });
  }

  it('is listed in --help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('outage-radar add-source');
  });

  it('reads only the network part of --config, and reports a bad config file with 64', async () => {
    const missing = await runCli(['add-source', 'https://a.example', '--config', '/nonexistent/outage-radar.json', '--json']);
    expect(missing.code).toBe(64);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { kind: 'bad-config' } });
  });
});

