/**
 * Every status format end to end: `outage-radar check --json` as a child process against real
 * HTTP servers on 127.0.0.1 serving the recorded payloads byte for byte, each source configured
 * by the page URL a person would paste (the adapter adds its API path) or by the document URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';

interface JsonReport {
  overall: string;
  tray: string;
  sources: Array<{
    id: string;
    type: string;
    health: string;
    error: string | null;
    warnings: string[];
    incidents: Array<{ id: string; title: string; health: string; status: string; kind: string; affects: string[] }>;
    components: Array<{ id: string; name: string; health: string }>;
    upcoming: Array<{ id: string }>;
    recentlyResolved: Array<{ id: string }>;
  }>;
  services: Array<{ id: string; name: string; health: string; incidents: Array<{ id: string }> }>;
}

const SLACK = 'slack/slack-current-v2-2020-07-30-two-active-incidents.json';
const STATUSIO = 'statusio/docker-statusio-v1-status-2020-07-16-partial-disruption.json';
const GOOGLE_BUILT = 'google-workspace/BUILT-FROM-SCHEMA-workspace-incidents-open-gmail-outage-closed-meet.json';
const GOOGLE_EDITED = 'google-workspace/EDITED-checkmk-gcp-incidents-2022-07-20-one-open-two-closed.json';
const INCIDENTIO = 'incidentio/incidentio-widget-api-v1-summary-docs-example-via-fitnudge.json';
const INSTATUS_UP = 'instatus/recraft-instatus-summary-up-no-incident-arrays.json';
const INSTATUS_INCIDENT = 'instatus/manychat-instatus-summary-2026-05-06-up-with-open-degraded-incident.json';
const INSTATUS_COMPONENTS = 'instatus/BUILT-FROM-DOCS-instatus-components-v2-one-degraded.json';
const RSS = 'rss-atom/digitalocean-statuspage-history.rss-2020-01-11.xml';
const ATOM = 'rss-atom/digitalocean-statuspage-history.atom-2020-01-11.xml';

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>x</guid></item></channel></rss>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>`;

/** An open incident in a generic feed, as UTF-16LE with a byte-order mark (an encoding mix-up the HTTP layer must undo). */
function utf16Feed(): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Ünïcode Status</title><item><title>Störung der Anmeldung</title><guid>https://status.example/incidents/u1</guid><link>https://status.example/incidents/u1</link><pubDate>${new Date().toUTCString()}</pubDate><description>&lt;strong&gt;Investigating&lt;/strong&gt; - wir prüfen</description></item></channel></rss>`;
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({
    '/slack/api/v2.0.0/current': serveFixture(SLACK),
    '/1.0/status/533c6539221ae15e3f000031': serveFixture(STATUSIO),
    '/appsstatus/dashboard/incidents.json': serveFixture(GOOGLE_BUILT),
    '/gcp/incidents.json': serveFixture(GOOGLE_EDITED),
    '/iio/api/v1/summary': serveFixture(INCIDENTIO),
    '/recraft/summary.json': serveFixture(INSTATUS_UP),
    '/manychat/summary.json': serveFixture(INSTATUS_INCIDENT),
    '/wistia/v2/components.json': serveFixture(INSTATUS_COMPONENTS),
    '/do/history.atom': serveFixture(ATOM, 'application/atom+xml; charset=utf-8'),
    '/do/history.rss': serveFixture(RSS, 'application/rss+xml; charset=utf-8'),
    '/feeds/html/history.atom': serveText('<!doctype html><html><head><title>Sign in</title></head><body>Sign in</body></html>', 'text/html; charset=utf-8'),
    '/feeds/json/history.atom': serveFixture(SLACK),
    '/feeds/laughs/history.atom': serveText(BILLION_LAUGHS, 'application/xml'),
    '/feeds/xxe/history.atom': serveText(XXE, 'application/rss+xml'),
    '/feeds/utf16/history.rss': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-16' }).end(utf16Feed()),
    '/slack-as-xml/api/v2.0.0/current': serveFixture(RSS, 'application/rss+xml'),
  });
});
afterAll(() => server.close());

async function check(config: unknown): Promise<{ code: number | null; report: JsonReport }> {
  const run = await runCli(['check', '--config', writeConfig(config), '--json', '--no-probes']);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

const bySource = (report: JsonReport, id: string): JsonReport['sources'][number] => {
  const source = report.sources.find((s) => s.id === id);
  if (!source) throw new Error(`no source ${id} in report`);
  return source;
};

describe('outage-radar check --json: every format against loopback copies of its payloads', () => {
  it('reads Slack, status.io, Google, incident.io, Instatus and RSS/Atom sources, each from its own path', async () => {
    const { code, report } = await check({
      sources: [
        { id: 'acme-slack', type: 'slack', url: `${server.url}/slack` },
        { id: 'acme-docker', type: 'statusio', url: `${server.url}/1.0/status/533c6539221ae15e3f000031` },
        { id: 'acme-google', type: 'google-workspace', url: `${server.url}/appsstatus/dashboard/` },
        { id: 'acme-gcp', type: 'google-workspace', url: `${server.url}/gcp/incidents.json` },
        { id: 'acme-iio', type: 'incidentio', url: `${server.url}/iio` },
        { id: 'acme-recraft', type: 'instatus', url: `${server.url}/recraft` },
        { id: 'acme-manychat', type: 'instatus', url: `${server.url}/manychat/` },
        { id: 'acme-wistia', type: 'instatus', url: `${server.url}/wistia/v2/components.json` },
        { id: 'acme-atom', type: 'rss', url: `${server.url}/do` },
        { id: 'acme-rss', type: 'rss', url: `${server.url}/do/history.rss` },
      ],
    });

    const slack = bySource(report, 'acme-slack');
    expect(slack).toMatchObject({ type: 'slack', health: 'degraded', error: null });
    expect(slack.incidents.map((i) => [i.id, i.affects])).toEqual([
      ['878', ['Notifications']],
      ['879', ['Apps/Integrations/APIs']],
    ]);

    const docker = bySource(report, 'acme-docker');
    expect(docker).toMatchObject({ type: 'statusio', health: 'outage', error: null });
    expect(docker.incidents.map((i) => i.title)).toEqual(['Docker Hub automated builds issue']);
    expect(docker.components.find((c) => c.name === 'Docker Hub Automated Builds')?.health).toBe('outage');

    const google = bySource(report, 'acme-google');
    expect(google).toMatchObject({ type: 'google-workspace', health: 'outage', error: null });
    expect(google.incidents.map((i) => [i.id, i.title])).toEqual([['B5V4MfnVp97nxoTYbxdX', 'Users are unable to send or receive mail in Gmail']]);
    expect(bySource(report, 'acme-gcp')).toMatchObject({ health: 'degraded', error: null });

    const iio = bySource(report, 'acme-iio');
    expect(iio).toMatchObject({ type: 'incidentio', health: 'outage', error: null });
    expect(iio.incidents.map((i) => i.kind)).toEqual(['incident', 'maintenance']);
    expect(iio.upcoming).toHaveLength(1);

    expect(bySource(report, 'acme-recraft')).toMatchObject({ type: 'instatus', health: 'operational', error: null });
    const manychat = bySource(report, 'acme-manychat');
    expect(manychat).toMatchObject({ health: 'degraded', error: null });
    expect(manychat.incidents.map((i) => i.id)).toEqual(['cmmxljn3s01ntuud42lsa7zud']);
    expect(bySource(report, 'acme-wistia').components.map((c) => c.health)).toEqual(['operational', 'degraded', 'operational']);

    // A feed is history: its one unresolved entry is shown, but it never vouches for the present.
    for (const id of ['acme-atom', 'acme-rss']) {
      const feed = bySource(report, id);
      expect(feed, id).toMatchObject({ type: 'rss', health: 'unknown', error: null });
      expect(feed.incidents.map((i) => [i.title, i.kind, i.status])).toEqual([['Block Storage Maintenance', 'maintenance', 'in-progress']]);
      expect(feed.warnings.join(' ')).toMatch(/a feed is history/);
    }

    expect(report.overall).toBe('outage');
    expect(code).toBe(2);
  });

  it('an operational Instatus page alone exits 0; a feed alone is never green (exit 3)', async () => {
    const up = await check({ sources: [{ id: 'acme-recraft', type: 'instatus', url: `${server.url}/recraft` }] });
    expect(up.report.overall).toBe('operational');
    expect(up.code).toBe(0);
    const feed = await check({ sources: [{ id: 'acme-rss', type: 'rss', url: `${server.url}/do/history.rss` }] });
    expect(feed.report.overall).toBe('unknown');
    expect(feed.code).toBe(3);
  });

  it('a service watches single Google products and status.io components', async () => {
    const { report } = await check({
      sources: [
        { id: 'acme-google', type: 'google-workspace', url: `${server.url}/appsstatus/dashboard` },
        { id: 'acme-docker', type: 'statusio', url: `${server.url}/1.0/status/533c6539221ae15e3f000031` },
      ],
      services: [
        { id: 'gmail', name: 'Gmail', sources: [{ source: 'acme-google', components: ['Gmail'] }] },
        { id: 'meet', name: 'Google Meet', sources: [{ source: 'acme-google', components: ['Google Meet'] }] },
        { id: 'hub', name: 'Docker Hub Web', sources: [{ source: 'acme-docker', components: ['Docker Hub Web'] }] },
        { id: 'builds', name: 'Automated Builds', sources: [{ source: 'acme-docker', components: ['Docker Hub Automated Builds'] }] },
      ],
      watch: ['gmail', 'meet', 'hub', 'builds'],
    });
    const service = (id: string) => report.services.find((s) => s.id === id);
    expect(service('gmail')).toMatchObject({ health: 'outage', incidents: [{ id: 'B5V4MfnVp97nxoTYbxdX' }] });
    expect(service('meet')).toMatchObject({ health: 'operational', incidents: [] });
    expect(service('hub')).toMatchObject({ health: 'operational', incidents: [] });
    expect(service('builds')).toMatchObject({ health: 'outage', incidents: [{ id: '5f108cc06e9c9104c0553a46' }] });
  });

  it('components on a Slack or feed source are a config error (exit 64)', async () => {
    const run = await runCli([
      'check',
      '--config',
      writeConfig({ sources: [{ id: 'acme-slack', type: 'slack', url: `${server.url}/slack` }], services: [{ id: 's', name: 'S', sources: [{ source: 'acme-slack', components: ['Messaging'] }] }] }),
      '--json',
      '--no-probes',
    ]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/only statuspage, statusio, google-workspace, incidentio, instatus sources have components/);
  });
});

describe('hostile feeds and wrong content through the real CLI: unknown with a reason, never a crash', () => {
  it('HTML, JSON-as-feed, billion laughs and XXE are refused; a UTF-16 feed is decoded; XML for a JSON type is refused', async () => {
    const started = Date.now();
    const { code, report } = await check({
      sources: [
        { id: 'html', type: 'rss', url: `${server.url}/feeds/html` },
        { id: 'json', type: 'rss', url: `${server.url}/feeds/json` },
        { id: 'laughs', type: 'rss', url: `${server.url}/feeds/laughs` },
        { id: 'xxe', type: 'rss', url: `${server.url}/feeds/xxe` },
        { id: 'utf16', type: 'rss', url: `${server.url}/feeds/utf16/history.rss` },
        { id: 'slack-xml', type: 'slack', url: `${server.url}/slack-as-xml` },
      ],
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(bySource(report, 'html')).toMatchObject({ health: 'unknown', error: expect.stringMatching(/expected an RSS or Atom feed but got a web page/) as unknown });
    expect(bySource(report, 'json')).toMatchObject({ health: 'unknown', error: expect.stringMatching(/got JSON/) as unknown });
    expect(bySource(report, 'laughs')).toMatchObject({ health: 'unknown', error: expect.stringMatching(/declares a DTD or XML entities/) as unknown });
    expect(bySource(report, 'xxe')).toMatchObject({ health: 'unknown', error: expect.stringMatching(/declares a DTD or XML entities/) as unknown });
    const utf16 = bySource(report, 'utf16');
    expect(utf16).toMatchObject({ health: 'degraded', error: null });
    expect(utf16.incidents.map((i) => i.title)).toEqual(['Störung der Anmeldung']);
    expect(bySource(report, 'slack-xml')).toMatchObject({ health: 'unknown', error: expect.stringMatching(/expected JSON but got XML .*"rss"/) as unknown });
    expect(report.overall).toBe('degraded');
    expect(code).toBe(1);
  });
});
