/**
 * The one diagnostics report: its first line groups tickets, its JSON has the documented shape,
 * and neither the text nor any string of the JSON carries the person's user name, host name, home
 * folder, e-mail or IP address, wherever they hid (probe errors, source errors, what was typed),
 * unless the organization keeps that kind.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { buildDiagnosticsReport, REPORT_INCLUDE_KINDS, type DiagnosticsInput, type MachineFacts } from '../../../main/core/helpdesk/diagnostics-report.js';
import { reportSummary } from '../../../main/core/helpdesk/report-summary.js';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { LadderResult, TargetResult } from '../../../main/core/verdict/connectivity-model.js';
import { incident, makeReport, message, verdict } from '../../helpers/reports.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';

const NOW = Date.parse('2025-03-04T10:02:00Z');
const MIN = 60_000;

const MACHINE: MachineFacts = {
  appVersion: '0.1.0',
  platform: 'win32',
  release: '10.0.22631',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  userName: 'mkowalski',
  homeDir: 'C:\\Users\\mkowalski',
  hostName: 'WS-MKOWALSKI-07',
};
const EMAIL = 'Maria.Kowalski@contoso.com';
const PRIVATE_IP = '10.20.30.40';
const PERSONAL = ['mkowalski', 'ws-mkowalski-07', 'maria.kowalski@contoso.com', PRIVATE_IP, 'users\\mkowalski', 'users/mkowalski', 'users\\\\mkowalski'];

const target: TargetResult = {
  target: { id: 'outlook', url: 'https://outlook.office365.com/', role: 'service', serviceId: 'outlook', expectedIssuers: [] },
  path: 'DIRECT',
  steps: [
    { step: 'dns', outcome: 'ok', startedAt: '2025-03-04T10:01:00Z', durationMs: 12, errorCode: null, detail: 'resolved to 52.96.1.2', addresses: ['52.96.1.2'] },
    { step: 'tcp', outcome: 'fail', startedAt: '2025-03-04T10:01:00Z', durationMs: 3000, errorCode: 'ECONNREFUSED', detail: `connect from ${PRIVATE_IP} on ws-mkowalski-07 refused (C:\\Users\\MKOWALSKI\\AppData\\Local\\x.log)` },
  ],
  failedAt: 'tcp',
  reachable: false,
  httpStatus: null,
};
const LADDER: LadderResult = {
  startedAt: '2025-03-04T10:01:00Z',
  durationMs: 3100,
  timedOut: false,
  link: { online: true, detail: `Wi-Fi up as MKowalski, DNS 8.8.8.8 and ${PRIVATE_IP}` },
  proxy: { mode: 'DIRECT', source: 'system' },
  captive: [],
  targets: [target],
};

const PLAN = resolveWatchPlan({ watch: ['outlook', 'teams'], orgFeedUrl: 'https://feeds.contoso.example/feed.json', sources: [{ id: 'microsoft-public', url: 'https://status.cloud.microsoft/api/posts/mac' }] });

function report(): CheckReport {
  const at = NOW - 2 * MIN;
  return makeReport(
    [
      { id: 'microsoft-public', health: 'unknown', checkedAt: at, fetchedAt: at - 60 * MIN, error: `cannot write C:/Users/mkowalski/AppData/cache.json for ${EMAIL}` },
      {
        id: 'org-feed',
        health: 'outage',
        checkedAt: at,
        incidents: [incident('EX1224375', 'outage', { title: 'Users may be unable to send email', affects: ['Exchange Online'], status: 'identified' })],
        messages: [message('help-1', `Known problem; questions to ${EMAIL}`, 'EX1224375')],
      },
    ],
    verdict('provider-incident', { serviceIds: ['outlook'], evidence: [{ code: 'status-incident', text: 'Your organization reports an outage.' }] }),
    at,
    { plan: PLAN, ladder: LADDER },
  );
}

function build(extra: Partial<DiagnosticsInput> = {}) {
  return buildDiagnosticsReport({
    report: report(),
    machine: MACHINE,
    now: NOW,
    history: [],
    knowledgeBase: null,
    typed: `Outlook says 0x800CCC0E. I am mkowalski on WS-MKOWALSKI-07, file C:\\Users\\mkowalski\\Desktop\\err.png, mail me at ${EMAIL}`,
    configPath: 'C:\\Users\\mkowalski\\AppData\\Roaming\\Outage Radar\\config.json',
    include: [],
    ...extra,
  });
}

describe('personal data is removed by default', () => {
  const built = build();
  const json = JSON.stringify(built.json).toLowerCase();
  const text = built.text.toLowerCase();

  it('from the text and from every string of the JSON: probe errors, source errors, messages, typed text, config path', () => {
    for (const value of PERSONAL) {
      expect(text, value).not.toContain(value.toLowerCase());
      expect(json, value).not.toContain(value.toLowerCase());
    }
    expect(built.json.configPath).toBe('[home folder path]');
    expect(built.json.typed).toBe('Outlook says 0x800CCC0E. I am [user name] on [host name], file [home folder path], mail me at [e-mail address]');
    expect(built.json.sources.find((s) => s.id === 'microsoft-public')?.error).toBe('cannot write [home folder path] for [e-mail address]');
    expect(built.json.probes[0]?.steps[1]?.detail).toBe('connect from [IP address] on [host name] refused ([home folder path])');
    expect(built.text).toContain('Network link: up (Wi-Fi up as [user name], DNS 8.8.8.8 and [IP address])');
  });

  it('the facts stay: the public resolver, the error code, the service', () => {
    expect(built.text).toContain('8.8.8.8');
    expect(built.text).toContain('0x800CCC0E');
    expect(built.text).toContain('TCP failed after 3000 ms (ECONNREFUSED)');
  });

  it('says what kinds it removed and which were found, never the values', () => {
    expect(built.text).toContain(
      "Personal data removed: user name, host name, home folder paths, e-mail addresses, IP addresses (kept by your organization's report.include: none; found and removed here: user name, host name, home folder paths, e-mail addresses, IP addresses).",
    );
    expect(built.json.redaction).toEqual({ removed: [...REPORT_INCLUDE_KINDS], kept: [], found: [...REPORT_INCLUDE_KINDS] });
  });
});

describe('report.include keeps the kinds it names', () => {
  it('everything allowed: every value is there', () => {
    const built = build({ include: REPORT_INCLUDE_KINDS });
    for (const value of ['mkowalski', 'WS-MKOWALSKI-07', EMAIL, PRIVATE_IP, 'C:\\Users\\mkowalski\\AppData\\Roaming\\Outage Radar\\config.json']) expect(built.text, value).toContain(value);
    expect(built.json.configPath).toBe('C:\\Users\\mkowalski\\AppData\\Roaming\\Outage Radar\\config.json');
    expect(built.json.redaction.found).toEqual([]);
  });

  it('one kind allowed: only that kind is there', () => {
    const built = build({ include: ['emailAddresses'] });
    expect(built.text).toContain(EMAIL);
    expect(built.json.typed).toBe(`Outlook says 0x800CCC0E. I am [user name] on [host name], file [home folder path], mail me at ${EMAIL}`);
    expect(built.json.redaction.kept).toEqual(['emailAddresses']);
  });
});

describe('the one-line summary', () => {
  it('is the first line: service, verdict, incident, knowledge-base entry', () => {
    const built = build({ serviceId: 'outlook', knowledgeBase: 'outlook-0x800ccc0e', shownIncidents: [{ sourceId: 'org-feed', id: 'EX1224375' }] });
    expect(built.summary).toBe('Outage Radar · service outlook · verdict provider-incident · incident EX1224375 · kb outlook-0x800ccc0e');
    expect(built.text.split('\n')[0]).toBe(built.summary);
    expect(built.json.summary).toBe(built.summary);
    expect(built.text).toContain('Was shown the incident and reported anyway: EX1224375 (org-feed)');
    expect(built.text).toContain('Reported service: outlook');
  });

  it('is the same for everyone with the same problem: no time, person or machine in it', () => {
    const mine = build({ serviceId: 'outlook' }).summary;
    const theirs = build({ serviceId: 'outlook', now: NOW + 37 * MIN, typed: 'different words', machine: { ...MACHINE, userName: 'other', hostName: 'PC-2', locale: 'fr-FR' } }).summary;
    expect(theirs).toBe(mine);
  });

  it('names a few incidents and counts the rest; "none" where nothing is known', () => {
    expect(reportSummary({ service: null, verdictKind: 'unknown', incidentIds: ['a', 'b', 'c', 'd', 'e'], knowledgeBase: null })).toBe(
      'Outage Radar · service none · verdict unknown · incident a, b, c +2 more · kb none',
    );
    expect(reportSummary({ service: 'teams', verdictKind: 'all-good', incidentIds: [], knowledgeBase: null })).toBe('Outage Radar · service teams · verdict all-good · incident none · kb none');
  });
});

describe('the JSON', () => {
  it('has the documented shape', () => {
    const history = Array.from({ length: 25 }, (_, i) => ({ at: new Date(NOW - (25 - i) * MIN).toISOString(), kind: i % 2 ? ('all-good' as const) : ('no-network' as const) }));
    const { json } = build({ history, knowledgeBase: 'kb-1' });
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['summary', 'app', 'os', 'locale', 'time', 'timeZone', 'verdict', 'probes', 'proxy', 'sources', 'history', 'knowledgeBase', 'typed']));
    expect(json.app).toEqual({ name: 'Outage Radar', version: '0.1.0' });
    expect(json.os).toEqual({ platform: 'win32', release: '10.0.22631' });
    expect(json.locale).toBe('de-DE');
    expect(json.time).toBe('2025-03-04T10:02:00.000Z');
    expect(json.timeZone).toBe('Europe/Berlin');
    expect(json.verdict).toMatchObject({ kind: 'provider-incident', evidence: [{ code: 'status-incident', text: 'Your organization reports an outage.' }] });
    expect(json.proxy.mode).toBe('DIRECT');
    expect(json.probes[0]).toMatchObject({ id: 'outlook', host: 'outlook.office365.com', path: 'DIRECT', failedAt: 'tcp', steps: [{ step: 'dns', durationMs: 12 }, { step: 'tcp', outcome: 'fail', durationMs: 3000, errorCode: 'ECONNREFUSED' }] });
    const ms = json.sources.find((s) => s.id === 'microsoft-public');
    expect(ms).toMatchObject({ name: 'Microsoft 365 public status', health: 'unknown', ageSeconds: 62 * 60, incidentIds: [] });
    expect(json.sources.find((s) => s.id === 'org-feed')).toMatchObject({ health: 'outage', ageSeconds: 120, error: null, incidentIds: ['EX1224375'] });
    expect(json.history).toHaveLength(20);
    expect(json.history[19]).toEqual(history[24]);
    expect(json.knowledgeBase).toBe('kb-1');
  });

  it('before any check: says so, verdict unknown, no sources', () => {
    const built = build({ report: null, typed: null, configPath: null });
    expect(built.text).toContain('\nNo check has finished yet.\n');
    expect(built.json.verdict.kind).toBe('unknown');
    expect(built.json.sources).toEqual([]);
    expect(built.json.typed).toBeNull();
    expect(built.summary).toBe('Outage Radar · service none · verdict unknown · incident none · kb none');
  });

  it('lists the recent verdicts in the text with their times', () => {
    const built = build({ history: [{ at: '2025-03-04T09:58:00Z', kind: 'no-network' }] });
    expect(built.text).toMatch(/Recent verdicts \(last 20\):\n- 2025-03-04 \d\d:58 \(UTC[+-]\d\d:\d\d\): no network \(no-network\)/);
    expect(build().text).toContain('Recent verdicts (last 20):\n- none recorded');
  });

  it('says each recent verdict in the person\'s language, keeping its id for the helpdesk', () => {
    const german = createTranslator('de');
    const built = build({ history: [{ at: '2025-03-04T09:58:00Z', kind: 'captive-portal' }], words: { t: german, report: report() } });
    expect(built.text).toMatch(/Letzte Ergebnisse \(höchstens 20\):\n- 2025-03-04 \d\d:58 \(UTC[+-]\d\d:\d\d\): eine Anmeldeseite ist im Weg \(captive-portal\)/);
    expect(built.json.history).toEqual([{ at: '2025-03-04T09:58:00Z', kind: 'captive-portal' }]);
  });
});
