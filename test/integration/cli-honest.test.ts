/**
 * Honest signals through the built CLI (issue 9, item 1 and the words of items 2 and 9): no false
 * green, no stale "it is not you", incidents only where they belong, exit codes by the table.
 * Real HTTP servers on 127.0.0.1 serve the recorded payloads (or the documented example feed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { closedPort, serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

interface JsonReport {
  overall: string;
  tray: string;
  exitCode: number;
  advice?: Array<{ id: string; channels?: Array<{ name: string; service: string | null }> }>;
  verdict: { kind: string; title: string; summary: string; advice: string; evidence: Array<{ code: string; text: string }> };
  sources: Array<{
    id: string;
    name: string;
    health: string;
    error: string | null;
    warnings: string[];
    lastKnown?: { asOf: string | null; reason: string } | null;
    incidents: Array<{ id: string; health: string }>;
  }>;
  services: Array<{ id: string; health: string; incidents: Array<{ id: string }> }>;
}

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';
const GITHUB_OUTAGE = 'statuspage/github-summary-2020-04-02-major-outage.json';
const HOUR = 3_600_000;
const NCSI_BODY = 'Microsoft Connect Test';

/** The example feed with every service operational and one Exchange incident whose health word we do not know. */
function feedWithUnknownHealthIncident(now: number): string {
  const feed = JSON.parse(currentExampleFeed(now)) as { services: Array<{ health: string }>; incidents: Array<{ id: string; health: string }> };
  for (const service of feed.services) service.health = 'operational';
  feed.incidents = feed.incidents.filter((i) => i.id === 'EX1224375').map((i) => ({ ...i, health: 'severe' }));
  return JSON.stringify(feed);
}

/** The recorded GitHub outage page, its open incident's id a number and every other signal green. */
function githubWithNumericIncidentId(): string {
  const doc = JSON.parse(readFixture(GITHUB_OUTAGE)) as {
    status: { indicator: string };
    components: Array<{ status: string }>;
    incidents: Array<{ id: unknown }>;
  };
  doc.status.indicator = 'none';
  for (const component of doc.components) component.status = 'operational';
  for (const incident of doc.incidents) incident.id = 4242;
  return JSON.stringify(doc);
}

function microsoftPostWithStatus(status: string): string {
  return JSON.stringify({ ...(JSON.parse(readFixture(MS_POST)) as object), Status: status });
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/ms-odd/api/posts/mac': serveText(microsoftPostWithStatus('ServiceInterruption')),
    '/github.json': serveFixture(GITHUB_OUTAGE),
    '/github-numeric-id.json': serveText(githubWithNumericIncidentId()),
    '/dropbox.json': serveFixture('statuspage/dropbox-components-2021-12-02-operational.json'),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
    // Generated three hours ago with a one-hour lifetime: expired, its Exchange incident still "open".
    '/expired-feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now() - 3 * HOUR)),
    '/unknown-feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feedWithUnknownHealthIncident(Date.now())),
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/connecttest.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(NCSI_BODY),
  });
});
afterAll(() => server.close());

async function check(config: unknown, args: readonly string[] = ['--no-probes']): Promise<{ report: JsonReport; code: number | null; stderr: string }> {
  const run = await runCli(['check', '--config', writeConfig(config), '--json', ...args]);
  if (run.stdout.trim() === '') throw new Error(`no JSON on stdout (exit ${String(run.code)}): ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as JsonReport, code: run.code, stderr: run.stderr };
}

const source = (report: JsonReport, id: string): JsonReport['sources'][number] => {
  const found = report.sources.find((s) => s.id === id);
  if (!found) throw new Error(`no source ${id}; got ${report.sources.map((s) => s.id).join(', ')}`);
  return found;
};
const service = (report: JsonReport, id: string): JsonReport['services'][number] => {
  const found = report.services.find((s) => s.id === id);
  if (!found) throw new Error(`no service ${id}; got ${report.services.map((s) => s.id).join(', ')}`);
  return found;
};

/** The channels the switch-channel advice suggests ([] when it suggests none). */
function switchChannels(report: JsonReport): { name: string; service: string | null }[] {
  const item = report.advice?.find((a) => a.id === 'switch-channel');
  return item?.channels ?? [];
}

describe('a config source with a catalog id only says where that source is read', () => {
  it('keeps the default watch list and the org feed: an open Exchange outage is not "Operational"', async () => {
    const { report, code, stderr } = await check({
      orgFeedUrl: `${server.url}/feed.json`,
      sources: [{ id: 'microsoft-public', type: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }],
    });
    expect(stderr).toBe('');
    expect(report.services.map((s) => s.id).sort()).toEqual(['m365', 'outlook', 'sharepoint', 'teams']);
    expect(report.sources.map((s) => s.id).sort()).toEqual(['microsoft-public', 'org-feed']);
    expect(source(report, 'org-feed').name).toBe('Microsoft 365 (your organization)');
    expect(service(report, 'outlook').health).toBe('outage');
    expect(report.overall).toBe('outage');
    expect(report.verdict.kind).toBe('provider-incident');
    expect(code).toBe(2);
    expect(report.exitCode).toBe(2);
  });

  it('advice names Microsoft and suggests only the failing services’ alternatives', async () => {
    const { report } = await check({
      orgFeedUrl: `${server.url}/feed.json`,
      sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }],
    });
    expect(report.verdict.title).toBe('Microsoft has an incident: it is not you');
    expect(report.verdict.advice).toContain('wait for Microsoft to fix it');
    expect(report.verdict.advice).not.toMatch(/public status/);
    // Exchange and SharePoint fail; Teams and the suite do not. Other channels come from the advice,
    // and only those that work now: never Outlook on the web or email while Exchange is down.
    const channels = switchChannels(report);
    expect(channels.map((c) => c.name)).toContain('files synced on this computer');
    expect(channels.map((c) => c.name)).not.toContain('the desktop apps with files on this computer');
    for (const c of channels) expect(['outlook', 'sharepoint'], c.name).not.toContain(c.service);
    expect(report.verdict.advice).not.toMatch(/Outlook on the web|email/);
  });
});

describe('an expired org feed', () => {
  it('is unknown with its reason, shown as last known, and never says "it is not you"', async () => {
    const { report, code } = await check({
      orgFeedUrl: `${server.url}/expired-feed.json`,
      sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }],
    });
    const feed = source(report, 'org-feed');
    expect(feed.health).toBe('unknown');
    expect(feed.warnings.join('\n')).toMatch(/expired/);
    expect(feed.lastKnown?.reason).toMatch(/^the feed expired at /);
    expect(Date.parse(feed.lastKnown?.asOf ?? '')).toBeLessThan(Date.now() - 2 * HOUR);
    // The data stays readable on the feed's own line, marked last known; no service claims it.
    expect(feed.incidents.map((i) => i.id)).toContain('EX1224375');
    for (const s of report.services) expect(s.incidents).toEqual([]);
    expect(report.verdict.kind).not.toBe('provider-incident');
    expect(report.verdict.summary).toMatch(/expired/);
    expect(report.overall).toBe('unknown');
    expect(code).toBe(3);
    expect(report.exitCode).toBe(3);
  });
});

describe('incidents attach only to the services they concern', () => {
  it('an Exchange incident from a feed whose health is unknown shows under Outlook only', async () => {
    const { report, code } = await check({
      orgFeedUrl: `${server.url}/unknown-feed.json`,
      sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }],
    });
    expect(source(report, 'org-feed').health).toBe('unknown');
    expect(source(report, 'org-feed').incidents.map((i) => i.id)).toEqual(['EX1224375']);
    expect(service(report, 'outlook').incidents.map((i) => i.id)).toEqual(['EX1224375']);
    for (const id of ['teams', 'sharepoint', 'm365']) expect(service(report, id).incidents, id).toEqual([]);
    // Outlook's own web version and email depend on the failing Exchange: never suggested.
    for (const c of switchChannels(report)) expect(c.service, c.name).not.toBe('outlook');
    expect(report.verdict.advice).not.toMatch(/Outlook on the web|email/);
    // Posted but of unknown weight, over an unknown roll-up: exit 3 by the table, not 1.
    expect(report.overall).toBe('unknown');
    expect(code).toBe(3);
    expect(report.exitCode).toBe(3);
  });
});

describe('a field of an unexpected type never drops data silently', () => {
  it('an open major incident whose id is a number still makes the page an outage', async () => {
    const { report, code } = await check({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github-numeric-id.json` }] });
    const github = source(report, 'github');
    expect(github.incidents.map((i) => [i.id, i.health])).toEqual([['4242', 'outage']]);
    expect(github.health).toBe('outage');
    expect(report.overall).toBe('outage');
    expect(code).toBe(2);
  });
});

describe('Microsoft reports a status word we do not know', () => {
  it('says what was read instead of "could not be read"', async () => {
    const { report, code } = await check({ watch: ['outlook'], sources: [{ id: 'microsoft-public', url: `${server.url}/ms-odd/api/posts/mac` }] });
    const ms = source(report, 'microsoft-public');
    expect(ms.health).toBe('unknown');
    expect(ms.warnings).toEqual(['Microsoft reported a status we do not know: "ServiceInterruption"']);
    expect(report.verdict.kind).toBe('unknown');
    expect(report.verdict.summary).toContain('Microsoft reported a status we do not know: "ServiceInterruption"');
    expect(report.verdict.summary).not.toMatch(/could not be read/);
    expect(code).toBe(3);
  });

  it('the plain-text advice fits the terminal: no "attach the report from this window"', async () => {
    const run = await runCli(['check', '--config', writeConfig({ watch: ['outlook'], sources: [{ id: 'microsoft-public', url: `${server.url}/ms-odd/api/posts/mac` }] }), '--no-probes']);
    expect(run.stdout).toContain('give them the report from Outage Radar');
    expect(run.stdout).not.toMatch(/from this window/);
    expect(run.code).toBe(3);
  });
});

describe('a configured source is named by its own name or id', () => {
  it('not by the title of the page it points at', async () => {
    const { report } = await check({ sources: [{ id: 'acme', type: 'statuspage', url: `${server.url}/github.json` }] });
    expect(source(report, 'acme').name).toBe('acme');
    expect(report.verdict.title).toBe('acme has an incident: it is not you');
    const named = await check({ sources: [{ id: 'acme', type: 'statuspage', name: 'ACME Cloud', url: `${server.url}/github.json` }] });
    expect(source(named.report, 'acme').name).toBe('ACME Cloud');
  });
});

describe('a configured proxy that does not answer', () => {
  it('is proxy-unreachable, a local problem (exit 2), not "blocked"', async () => {
    const dead = await closedPort();
    const { report, code } = await check(
      {
        watch: ['dropbox'],
        sources: [{ id: 'dropbox', url: `${server.url}/dropbox.json` }],
        network: { proxy: `http://127.0.0.1:${dead}` },
        connectivity: {
          targets: [
            { id: 'outlook-a', url: `${server.url}/ok`, role: 'service', serviceId: 'outlook' },
            { id: 'outlook-b', url: `${server.url}/ok?b`, role: 'service', serviceId: 'outlook' },
          ],
          baseline: [`${server.url}/ok`],
          captive: [{ id: 'ncsi', url: `${server.url}/connecttest.txt`, expectStatus: 200, expectBody: NCSI_BODY }],
        },
      },
      [],
    );
    expect(report.verdict.kind).toBe('proxy-unreachable');
    expect(report.verdict.title).toBe("Your company's proxy does not answer");
    expect(`${report.verdict.title} ${report.verdict.summary} ${report.verdict.advice}`).not.toMatch(/reaches everything else|rest of the internet works/);
    expect(report.tray).toBe('local');
    expect(code).toBe(2);
    expect(report.exitCode).toBe(2);
  });
});
