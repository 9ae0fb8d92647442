import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { LadderResult, StepResult, TargetResult } from '../../../main/core/verdict/connectivity-model.js';
import { buildDiagnosticsReport, type DiagnosticsInput, type MachineFacts } from '../../../main/core/helpdesk/diagnostics-report.js';
import { redactSecrets } from '../../../main/core/words/helpdesk-report.js';
import { incident, makeReport, message, verdict } from '../../helpers/reports.js';

const NOW = new Date(2025, 2, 4, 10, 2, 0).getTime();
const MIN = 60_000;
const MACHINE: MachineFacts = {
  appVersion: '0.1.0',
  platform: 'win32',
  release: '10.0.22631',
  locale: 'en-GB',
  timeZone: 'Europe/London',
  userName: null,
  homeDir: null,
  hostName: null,
};

const step = (name: StepResult['step'], outcome: StepResult['outcome'], durationMs: number, errorCode: string | null = null, extra: Partial<StepResult> = {}): StepResult => ({
  step: name,
  outcome,
  startedAt: '2025-03-04T09:01:00.000Z',
  durationMs,
  errorCode,
  detail: `${name} ${outcome}`,
  ...extra,
});

const outlookTarget: TargetResult = {
  target: { id: 'outlook', url: 'https://outlook.office365.com/', role: 'service', serviceId: 'outlook', expectedIssuers: ['Microsoft'] },
  path: 'DIRECT',
  steps: [step('proxy', 'ok', 1), step('dns', 'ok', 40), step('tcp', 'ok', 30), step('tls', 'ok', 80), step('http', 'ok', 120, null, { httpStatus: 200 })],
  failedAt: null,
  reachable: true,
  httpStatus: 200,
};

const identityTarget: TargetResult = {
  target: { id: 'identity', url: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration', role: 'identity', serviceId: 'm365', expectedIssuers: [] },
  path: 'PROXY jdoe:hunter2@proxy.contoso.example:8080',
  steps: [step('proxy', 'ok', 1), step('dns', 'skipped', 0), step('tcp', 'fail', 3000, 'ECONNREFUSED'), step('tls', 'skipped', 0), step('http', 'skipped', 0)],
  failedAt: 'tcp',
  reachable: false,
  httpStatus: null,
};

const LADDER: LadderResult = {
  startedAt: '2025-03-04T09:01:00.000Z',
  durationMs: 3100,
  timedOut: false,
  link: { online: true, detail: 'Wi-Fi is up' },
  proxy: { mode: 'PROXY jdoe:hunter2@proxy.contoso.example:8080', source: 'config' },
  captive: [{ check: { id: 'ncsi', url: 'http://www.msftconnecttest.com/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' }, outcome: 'ok', durationMs: 30, httpStatus: 200, location: null, errorCode: null, detail: 'ok' }],
  targets: [outlookTarget, identityTarget],
};

const PLAN = resolveWatchPlan({
  watch: ['outlook', 'teams'],
  orgFeedUrl: 'https://feeds.contoso.example/feed.json?sv=2024-01-01&sig=SECRETSIGNATURE',
  sources: [{ id: 'microsoft-public', url: 'https://status.cloud.microsoft/api/posts/mac' }],
});

function report(): CheckReport {
  const at = NOW - 2 * MIN;
  return makeReport(
    [
      { id: 'microsoft-public', health: 'unknown', checkedAt: at, fetchedAt: at - 3 * 60 * MIN, error: 'network error ENOTFOUND: getaddrinfo failed' },
      {
        id: 'org-feed',
        health: 'outage',
        checkedAt: at,
        incidents: [incident('EX1224375', 'outage', { title: 'Users may be unable\nto send email', affects: ['Exchange Online'], status: 'identified', updatedAt: new Date(at - 10 * MIN).toISOString() })],
        messages: [message('help-1', 'We know about the Outlook email problem. No need to open a ticket.', 'EX1224375'), message('vpn', 'VPN maintenance on Saturday.', null, { severity: 'info' })],
      },
    ],
    verdict('provider-incident', { summary: 'Your organization reports EX1224375', evidence: [{ code: 'status-incident', text: 'Your organization reports an outage.' }], flags: ['tls-intercepted'] }),
    at,
    { plan: PLAN, ladder: LADDER },
  );
}

function textOf(r: CheckReport | null, extra: Partial<DiagnosticsInput> = {}): string {
  return buildDiagnosticsReport({ report: r, machine: MACHINE, now: NOW, history: [], knowledgeBase: null, typed: null, include: [], ...extra }).text;
}

describe('helpdesk report', () => {
  const text = textOf(report());
  const lines = text.split('\n');

  it('starts with the summary, then the time, the app and the verdict with its reasons', () => {
    expect(lines[0]).toBe('Outage Radar · service none · verdict provider-incident · incident EX1224375 · kb none');
    expect(lines[2]).toBe('Outage Radar report');
    expect(lines[3]).toMatch(/^Personal data removed: user name, host name, home folder paths, e-mail addresses, IP addresses /);
    expect(lines[4]).toMatch(/^Time: 2025-03-04 10:02 \(UTC[+-]\d\d:\d\d\) \/ \d{4}-\d\d-\d\dT.* · time zone Europe\/London$/);
    expect(lines[5]).toBe('App: Outage Radar 0.1.0 on win32 10.0.22631 · locale en-GB');
    expect(text).toContain('Verdict: The provider has an incident: it is not you');
    expect(text).toContain('Why: Your organization reports EX1224375');
    expect(text).toMatch(/What to do: Nothing to fix on your side/);
    expect(text).toContain('- Your organization reports an outage.');
    expect(text).toContain('TLS intercepted');
  });

  it('lists each service with its incidents, and the helpdesk messages in force', () => {
    expect(text).toContain('- Outlook / Exchange: Outage');
    expect(text).toMatch(/ {4}EX1224375 · Users may be unable to send email · identified · Outage · started [^·]+ ago · updated 12 min ago · from org-feed/);
    expect(text).toContain('- IT knows about EX1224375: We know about the Outlook email problem. No need to open a ticket.');
    expect(text).toContain('- (info) VPN maintenance on Saturday.');
  });

  it('gives each source its health, data age and last error', () => {
    expect(text).toMatch(/- Microsoft 365 public status \(microsoft-public, https:\/\/status\.cloud\.microsoft\/api\/posts\/mac\): Unknown · fetched 3 h ago \(stale\) · last attempt failed: network error ENOTFOUND/);
    expect(text).toContain('- Microsoft 365 (your organization) (org-feed, https://feeds.contoso.example/feed.json?sv=2024-01-01&sig=***): Outage · fetched 2 min ago');
  });

  it('shows the connection steps with timings and the path', () => {
    expect(text).toContain('- outlook.office365.com (service, outlook): DNS 40 ms · TCP 30 ms · TLS 80 ms · HTTP 120 ms → HTTP 200 via DIRECT');
    expect(text).toContain('- login.microsoftonline.com (identity, m365): TCP failed after 3000 ms (ECONNREFUSED) via PROXY ***@proxy.contoso.example:8080');
    expect(text).toContain('- Network sign-in check ncsi: ok in 30 ms, HTTP 200');
    expect(text).not.toContain('Wi-Fi sign-in');
    // The proxy line is drawn from the routes taken, so it cannot contradict the host lines.
    expect(text).toContain('- Proxy: depends on the address (from the app configuration): direct for 1 host, via proxy ***@proxy.contoso.example:8080 for 1 host');
    expect(text).toContain('- Network link: up (Wi-Fi is up)');
  });

  it('contains no secrets: proxy credentials and signature parameters are masked', () => {
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('jdoe');
    expect(text).not.toContain('SECRETSIGNATURE');
    expect(text).toContain('sig=***');
    expect(redactSecrets('http://admin:pw@proxy:3128 and https://x.example/a?token=abc&page=2')).toBe('http://***@proxy:3128 and https://x.example/a?token=***&page=2');
  });

  it('says when the data is saved status, and when no check finished yet', () => {
    const r = report();
    expect(textOf(r, { shown: { tray: r.tray, fromCache: true, updatedAt: r.checkedAt } })).toContain('(saved status from an earlier session, not refreshed yet)');
    expect(textOf(null)).toMatch(/\nNo check has finished yet\.\n/);
  });
});
