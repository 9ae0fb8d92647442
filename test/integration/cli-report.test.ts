/**
 * `outage-radar report`: one check like `check`, then the diagnostics report for the helpdesk,
 * through the real CLI against loopback servers. The machine's user name, home folder, host name
 * and an e-mail address are planted where they reach the report (a source URL, an incident title,
 * the config file's path); none of them may come out unless `report.include` keeps it.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { serveText, startLoopback, type Loopback } from '../helpers/loopback.js';

const NCSI_BODY = 'Microsoft Connect Test';
const EMAIL = 'jane.doe@contoso.example';
const HOST = os.hostname();
const USER = os.userInfo().username;
/** Names too short or too common to tell from ordinary report words are not asserted on. */
const COMMON = new Set(['root', 'user', 'admin', 'administrator', 'guest', 'test', 'runner', 'ubuntu', 'node', 'app', 'home', 'build', 'default', 'owner', 'service']);
const USER_CHECKED = USER.length >= 3 && !COMMON.has(USER.toLowerCase());

/** A name as a whole word, any case: the unit of the redaction contract. */
const word = (name: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'iu');

/** A status page whose open incident names the person, the machine and an address. */
function pageNamingThePerson(): string {
  const page = JSON.parse(readFixture('statuspage/github-summary-2020-04-02-major-outage.json').toString()) as { incidents: Array<{ name: string }> };
  for (const incident of page.incidents) incident.name = `Mail fails for ${USER} on ${HOST}, write to ${EMAIL}`;
  return JSON.stringify(page);
}

let web: Loopback;
let home: string;

beforeAll(async () => {
  web = await startLoopback({
    '/ok': serveText('{"ok":true}'),
    '/connecttest.txt': serveText(NCSI_BODY, 'text/plain'),
  });
  // The URL path itself carries the host name, the user name and the e-mail address.
  web.route(`/status/${HOST}/${USER}/summary.json`, serveText(pageNamingThePerson()));
  web.route(`/broken/${EMAIL}/feed.json`, serveText('{"oops": true', 'application/json', 500));
});
afterAll(() => web.close());

/** A home folder of its own and a config file under it, as a person's own config would be. */
function homeWithConfig(extra: Record<string, unknown> = {}): { home: string; config: string } {
  const dir = mkdtempSync(join(os.tmpdir(), 'outage-radar-report-'));
  const configDir = join(dir, '.config', 'outage-radar');
  mkdirSync(configDir, { recursive: true });
  const config = join(configDir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      // A catalog id read from loopback keeps every request on this machine.
      watch: ['github'],
      sources: [
        { id: 'github', type: 'statuspage', name: 'ACME', url: `${web.url}/status/${HOST}/${USER}/summary.json?profile=${dir}/profile` },
        { id: 'broken', type: 'statuspage', name: 'Broken', url: `${web.url}/broken/${EMAIL}/feed.json` },
      ],
      connectivity: {
        baseline: [`${web.url}/ok`],
        captive: [{ id: 'ncsi', url: `${web.url}/connecttest.txt`, expectStatus: 200, expectBody: NCSI_BODY }],
        targets: [{ id: 'acme-web', url: `${web.url}/ok`, role: 'service', serviceId: 'github' }],
      },
      ...extra,
    }),
  );
  return { home: dir, config };
}

/** Every file under a folder, for "writes nothing". */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

interface ReportJson {
  summary: string;
  app: { name: string; version: string };
  os: { platform: string; release: string };
  locale: string;
  time: string;
  timeZone: string;
  verdict: { kind: string; title: string; evidence: Array<{ code: string; text: string }> };
  probes: Array<{ id: string; steps: Array<{ step: string; outcome: string; durationMs: number }> }>;
  proxy: { mode: string | null };
  sources: Array<{ id: string; name: string; health: string; ageSeconds: number | null; error: string | null; incidentIds: string[]; url: string }>;
  history: unknown[];
  knowledgeBase: string | null;
  typed: string | null;
  configPath: string | null;
  redaction: { removed: string[]; kept: string[]; found: string[] };
}

describe('outage-radar report --json', () => {
  it('prints the diagnostics as one JSON object, exit 0, with nothing personal in it and no file written', async () => {
    ({ home } = homeWithConfig());
    const before = filesUnder(home);
    const run = await runCli(['report', '--json', '--config', join(home, '.config', 'outage-radar', 'config.json')], { env: { HOME: home, USERPROFILE: home } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson;

    // The diagnostics: app, OS, time, verdict with evidence, every probe step, each source.
    expect(report.summary).toMatch(/^Outage Radar · service \S+ · verdict provider-incident · incident \S+/);
    expect(report.app.name).toBe('Outage Radar');
    expect(report.os.platform).toBe(process.platform);
    expect(report.os.release.length).toBeGreaterThan(0);
    expect(Date.parse(report.time)).toBeGreaterThan(0);
    expect(report.timeZone.length).toBeGreaterThan(0);
    expect(report.verdict.kind).toBe('provider-incident');
    expect(report.verdict.evidence.length).toBeGreaterThan(0);
    expect(report.probes.map((p) => p.id)).toContain('acme-web');
    expect(report.probes.find((p) => p.id === 'acme-web')?.steps.find((s) => s.step === 'http')?.outcome).toBe('ok');
    expect(report.proxy.mode).toBe('DIRECT');
    const acme = report.sources.find((s) => s.id === 'github');
    expect(acme).toMatchObject({ name: 'ACME', health: 'outage', error: null });
    expect(acme?.incidentIds.length).toBeGreaterThan(0);
    expect(acme?.ageSeconds).toBeGreaterThanOrEqual(0);
    const broken = report.sources.find((s) => s.id === 'broken');
    expect(broken?.health).toBe('unknown');
    expect(broken?.error).toMatch(/500/);
    expect(report.history).toEqual([]);
    expect(report.knowledgeBase).toBeNull();
    expect(report.typed).toBeNull();

    // Nothing personal: planted in the URL, the incident title and the config path.
    expect(run.stdout).not.toContain(home);
    expect(run.stdout.toLowerCase()).not.toContain(EMAIL);
    expect(run.stdout).not.toMatch(word(HOST));
    if (USER_CHECKED) expect(run.stdout).not.toMatch(word(USER));
    expect(report.configPath).toBe('[home folder path]');
    expect(acme?.url).toContain('[host name]');
    expect(acme?.url).toContain('?profile=[home folder path]');
    expect(report.redaction.found).toEqual(expect.arrayContaining(['hostName', 'homePaths', 'emailAddresses']));

    // It writes nothing: the home folder holds what it held.
    expect(filesUnder(home)).toEqual(before);
  });

  it('keeps what the config\'s report.include allows', async () => {
    const { home: kept, config } = homeWithConfig({ report: { include: ['hostName', 'homePaths', 'emailAddresses'] } });
    const run = await runCli(['report', '--json', '--config', config], { env: { HOME: kept, USERPROFILE: kept } });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson;
    expect(report.configPath).toBe(config);
    expect(run.stdout).toMatch(word(HOST));
    expect(run.stdout).toContain(EMAIL);
    expect(report.redaction.kept).toEqual(['hostName', 'homePaths', 'emailAddresses']);
  });

  it('a bad config: exit 64 and exactly one JSON error object', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'outage-radar-report-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ report: { include: ['password'] } }));
    const run = await runCli(['report', '--json', '--config', config], { env: { HOME: dir } });
    expect(run.code).toBe(64);
    const parsed = JSON.parse(run.stdout) as { error: { kind: string; key: string | null } };
    expect(parsed.error.kind).toBe('bad-config');
    expect(parsed.error.key).toMatch(/^report\.include/);
  });

  it('an unexpected argument is bad usage: exit 64', async () => {
    const run = await runCli(['report', 'now', '--json']);
    expect(run.code).toBe(64);
    expect((JSON.parse(run.stdout) as { error: { kind: string } }).error.kind).toBe('bad-usage');
  });
});

describe('outage-radar report (text)', () => {
  it('starts with the one-line summary and says what was removed', async () => {
    const { home: dir, config } = homeWithConfig();
    const run = await runCli(['report', '--config', config], { env: { HOME: dir, USERPROFILE: dir } });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Outage Radar · service \S+ · verdict provider-incident · incident /);
    expect(run.stdout).toMatch(/^Personal data removed: user name, host name, home folder paths, e-mail addresses, IP addresses /m);
    expect(run.stdout).toMatch(/^- ACME \(statuspage, .*\[host name\].*\): Outage/m);
    expect(run.stdout).toMatch(/^Connection checks \(/m);
    expect(run.stdout).not.toContain(dir);
    expect(run.stdout).not.toMatch(word(HOST));
  });
});

describe('check names the report command where the window has a button', () => {
  it('advice that would copy the report says to run `outage-radar report`', async () => {
    const { home: dir, config } = homeWithConfig({ watch: [], sources: [{ id: 'ok', type: 'statuspage', name: 'OK page', url: `${web.url}/ok` }] });
    const run = await runCli(['check', '--config', config, '--no-probes'], { env: { HOME: dir } });
    expect(run.stdout).toContain('run `outage-radar report`');
    expect(run.stdout).not.toMatch(/from this window/);
  });
});
