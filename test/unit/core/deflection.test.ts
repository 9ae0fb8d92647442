/**
 * Deflection: which open incidents tell a person "IT is aware; you do not need to open a ticket",
 * for which service. Reports are built from real payloads by the real parsers and buildReport.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { allDeflections, deflectionSentence, deflectionsFor } from '../../../main/core/helpdesk/deflection.js';
import {
  deflectionFor,
  exchangeIncidentReport,
  HELPDESK_NOW,
  M365,
  microsoftPost,
  MINUTE,
  reportFrom,
  statuspageNow,
} from '../../helpers/helpdesk-scenarios.js';

const NOW = HELPDESK_NOW;
const microsoftIncident = (): CheckReport =>
  reportFrom({ watch: M365 }, { 'microsoft-public': { body: microsoftPost({ Status: 'ServiceDegradation', Title: 'EX1230001 Exchange Online: users cannot send mail' }) } });
const githubOutage = (fetchedAgo = MINUTE): CheckReport => reportFrom({ watch: ['github', 'outlook'] }, { github: { body: statuspageNow('github-summary-2020-04-02-major-outage.json'), fetchedAgo } });
const cloudamqpMaintenance = (): CheckReport =>
  reportFrom(
    { watch: ['outlook'], sources: [{ id: 'cloudamqp', type: 'statuspage', name: 'CloudAMQP', url: 'https://status.cloudamqp.com' }] },
    { cloudamqp: { body: statuspageNow('cloudamqp-summary-2020-07-16-under-maintenance.json') } },
  );
const noMessages = (): CheckReport => exchangeIncidentReport((feed) => void (feed.messages = []));
const resolvedExchange = (): CheckReport =>
  exchangeIncidentReport((feed) => {
    const first = feed.incidents[0] as Record<string, unknown>;
    first['status'] = 'resolved';
    first['endedAt'] = new Date(NOW - 10 * MINUTE).toISOString();
    feed.messages = [];
  });
const expiredFeed = (): CheckReport => exchangeIncidentReport((feed) => void (feed.expiresAt = new Date(NOW - 5 * MINUTE).toISOString()));

interface Row {
  readonly name: string;
  readonly report: () => CheckReport;
  /** Service id -> the incident that deflects it, or null. */
  readonly expect: Readonly<Record<string, string | null>>;
}

const TABLE: readonly Row[] = [
  { name: 'org feed: open Exchange incident deflects Outlook only; the SharePoint advisory deflects SharePoint', report: noMessages, expect: { outlook: 'EX1224375', teams: null, sharepoint: 'SP1224410', m365: null } },
  { name: "Microsoft's public status: an Exchange incident deflects Outlook, not Teams", report: microsoftIncident, expect: { outlook: 'EX1230001', teams: null } },
  { name: 'Statuspage: an open GitHub incident deflects GitHub, not Outlook', report: () => githubOutage(), expect: { github: '80d0cs6kpsps', outlook: null } },
  { name: 'Statuspage: maintenance in progress deflects (planned work)', report: cloudamqpMaintenance, expect: { cloudamqp: 'qy6n39trpl7l', outlook: null } },
  { name: 'resolved incidents never deflect', report: resolvedExchange, expect: { outlook: null, sharepoint: 'SP1224410' } },
  { name: 'stale data never deflects (3 hours old)', report: () => githubOutage(3 * 60 * MINUTE), expect: { github: null } },
  { name: 'an expired org feed (last known) never deflects', report: expiredFeed, expect: { outlook: null, sharepoint: null } },
];

describe('which incidents deflect which services', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const report = row.report();
      for (const [service, incident] of Object.entries(row.expect)) {
        expect(deflectionFor(report, service, NOW)?.incidentId ?? null, service).toBe(incident);
      }
    });
  }
});

describe('what the deflection says', () => {
  it('without a helpdesk message: the plain sentence with the incident id', () => {
    const deflection = deflectionFor(noMessages(), 'outlook', NOW);
    expect(deflection).toMatchObject({ from: 'app', messageId: null, postedAt: null, sourceType: 'org-feed' });
    expect(deflection?.text).toBe('This is a known problem (EX1224375). IT is aware; you do not need to open a ticket.');
  });

  it("a helpdesk message that acknowledges the incident replaces the sentence, with its time", () => {
    const deflection = deflectionFor(exchangeIncidentReport(), 'outlook', NOW);
    expect(deflection).toMatchObject({ from: 'helpdesk', messageId: 'helpdesk-2025-03-04-email', incidentId: 'EX1224375' });
    expect(deflection?.text).toMatch(/^We know about the Outlook email problem/);
    expect(Date.parse(deflection?.postedAt ?? '')).toBeLessThan(NOW);
  });

  it('the same message once expired gives way to the sentence again', () => {
    const report = exchangeIncidentReport();
    const message = report.messages.find((m) => m.incidentId === 'EX1224375');
    const later = Date.parse(message?.expiresAt ?? '') + 1;
    expect(deflectionFor(report, 'outlook', later)?.from).toBe('app');
  });

  it('planned maintenance says so', () => {
    expect(deflectionFor(cloudamqpMaintenance(), 'cloudamqp', NOW)?.text).toBe(deflectionSentence('qy6n39trpl7l', 'maintenance'));
    expect(deflectionSentence('X1', 'maintenance')).toMatch(/^This is planned maintenance \(X1\)\. IT is aware; you do not need to open a ticket\.$/);
  });

  it('a closed status under a service never deflects, whatever its source put it in', () => {
    const report = noMessages();
    for (const status of ['resolved', 'postmortem', 'completed', 'scheduled'] as const) {
      const changed: CheckReport = { ...report, services: report.services.map((s) => ({ ...s, incidents: s.incidents.map((i) => ({ ...i, status })) })) };
      expect(deflectionsFor(changed, 'outlook', NOW), status).toEqual([]);
    }
  });

  it('the helpdesk-acknowledged incident comes first; unknown services and no report give none', () => {
    const report = exchangeIncidentReport();
    expect(allDeflections(report, NOW).map((d) => [d.serviceId, d.incidentId, d.from])).toEqual([
      ['outlook', 'EX1224375', 'helpdesk'],
      ['sharepoint', 'SP1224410', 'app'],
    ]);
    expect(deflectionFor(report, 'zoom', NOW)).toBeNull();
    expect(deflectionFor(null, 'outlook', NOW)).toBeNull();
    expect(allDeflections(null, NOW)).toEqual([]);
  });

  it('a Microsoft public incident deflects with the plain sentence (no helpdesk message there)', () => {
    expect(deflectionFor(microsoftIncident(), 'outlook', NOW)).toMatchObject({ sourceType: 'microsoft-public', from: 'app' });
  });
});

