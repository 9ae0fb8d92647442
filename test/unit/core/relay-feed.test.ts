/**
 * The relay's pure half: recorded Graph payloads (PascalCase doc samples and camelCase tenant
 * data) turned into an org feed that the schema accepts and the app reads as the tenant's
 * incidents; the status table of issue #13; the health of sources.md §1.7; the helpdesk file.
 */
import { describe, expect, it } from 'vitest';
import validateOrgFeed from '../../../main/core/generated/validate-org-feed.js';
import { buildOrgFeed, shouldPublish, unavailableFeed, type GraphHealth, type OrgFeedDocument } from '../../../main/core/relay/feed-build.js';
import { feedStatusFor, serviceHealthFor } from '../../../main/core/relay/graph-words.js';
import { parseGraphPage } from '../../../main/core/relay/graph-read.js';
import { readHelpdeskMessages } from '../../../main/core/relay/helpdesk-messages.js';
import { checkRootUrl, checkTenant, nextLinkVerdict, relayEndpoints } from '../../../main/core/relay/endpoints.js';
import { parseOrgFeed } from '../../../main/core/sources/org-feed.js';
import type { JsonObject } from '../../../main/core/sources/json-safe.js';
import { readFixture } from '../../helpers/fixtures.js';

const HOUR = 3600_000;

function page(name: string): readonly JsonObject[] {
  const parsed = parseGraphPage(readFixture(`graph/${name}`));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.page.items;
}

function build(graph: GraphHealth, now: number, messages: OrgFeedDocument['messages'] = []): OrgFeedDocument {
  return buildOrgFeed({ graph, messages, now, publisherName: 'Contoso relay', ttlMs: 30 * 60_000 }).feed;
}

/** A recorded issue with Graph's fields changed, as a tenant would see it while it is open. */
function reopened(issue: JsonObject, status: string): JsonObject {
  return { ...issue, isResolved: false, status, endDateTime: issue['endDateTime'] };
}

describe('Graph issue status words', () => {
  const table: Record<string, string> = {
    investigating: 'investigating',
    reported: 'investigating',
    confirmed: 'investigating',
    investigationSuspended: 'investigating',
    serviceDegradation: 'identified',
    serviceInterruption: 'identified',
    restoringService: 'monitoring',
    extendedRecovery: 'monitoring',
    mitigated: 'monitoring',
    mitigatedExternal: 'monitoring',
    verifyingService: 'verifying',
    serviceRestored: 'resolved',
    resolved: 'resolved',
    resolvedExternal: 'resolved',
    falsePositive: 'resolved',
    postIncidentReviewPublished: 'postmortem',
  };
  it('map exactly as issue #13 lists them, in camelCase and PascalCase', () => {
    for (const [word, status] of Object.entries(table)) {
      expect(feedStatusFor(word)).toBe(status);
      expect(feedStatusFor(word.charAt(0).toUpperCase() + word.slice(1))).toBe(status);
    }
    expect(feedStatusFor('unknownFutureValue')).toBeNull();
  });

  it('keep the raw word in sourceStatus, and an open issue with a word nobody knows reads as unknown, not fixed', () => {
    const [issue] = page('recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json');
    const now = Date.parse('2021-08-06T21:00:00Z');
    const feed = build({ overviews: [], issues: [reopened(issue!, 'extendedRecovery')] }, now);
    expect(feed.incidents[0]).toMatchObject({ id: 'CR275975', status: 'monitoring', sourceStatus: 'extendedRecovery', endedAt: null });
    const odd = build({ overviews: [], issues: [reopened(issue!, 'brandNewWord')] }, now);
    expect(odd.incidents[0]).toMatchObject({ status: 'unknown', sourceStatus: 'brandNewWord', health: 'degraded' });
  });
});

describe('service health, sources.md §1.7', () => {
  it('is an outage on interruption, degraded with an open issue or a troubled status, operational when restored, unknown for a new word', () => {
    expect(serviceHealthFor('ServiceInterruption', 0)).toBe('outage');
    expect(serviceHealthFor('serviceOperational', 1)).toBe('degraded');
    expect(serviceHealthFor('ServiceRestored', 0)).toBe('operational');
    expect(serviceHealthFor('postIncidentReviewPublished', 0)).toBe('operational');
    expect(serviceHealthFor('extendedRecovery', 0)).toBe('degraded');
    expect(serviceHealthFor('unknownFutureValue', 0)).toBe('unknown');
    expect(serviceHealthFor(null, 0)).toBe('unknown');
  });
});

describe('recorded Graph payloads → org feed', () => {
  it('PascalCase doc samples: every service with its raw word, the issue resolved 7 hours ago kept with its HTML post, older ones dropped', () => {
    const now = Date.parse('2020-11-21T00:00:00Z');
    const feed = build(
      { overviews: page('docs-v1-list-healthOverviews-expand-issues-example2.json'), issues: page('docs-v1-list-issues-with-nextLink.json') },
      now,
    );
    expect(validateOrgFeed(feed)).toBe(true);
    expect(feed.services).toEqual([{ id: 'Exchange', name: 'Exchange Online', health: 'operational', status: 'ServiceOperational' }]);
    // EX226792 ended 2020-11-14: more than 24 hours ago, so not in the feed.
    expect(feed.incidents.map((i) => i.id)).toEqual(['EX226574']);
    expect(feed.incidents[0]).toMatchObject({
      service: 'Exchange Online',
      classification: 'advisory',
      status: 'resolved',
      sourceStatus: 'ServiceRestored',
      endedAt: '2020-11-20T17:00:00Z',
      posts: [{ at: '2020-11-12T07:07:38.97Z', format: 'html', content: 'Title: Exchange Online service has login issue. We\'ll provide an update within 30 minutes.' }],
    });
    expect(feed.expiresAt).toBe('2020-11-21T00:30:00.000Z');
    // The app keeps it as recently resolved, never as open.
    const read = parseOrgFeed(JSON.stringify(feed), now);
    expect(read.ok && read.snapshot.incidents).toEqual([]);
    expect(read.ok && read.snapshot.recentlyResolved.map((i) => i.id)).toEqual(['EX226574']);
    expect(read.ok && read.snapshot.health).toBe('operational');
  });

  it('camelCase tenant data: the incident with a published review is a postmortem with its six posts', () => {
    const now = Date.parse('2021-11-18T00:00:00Z');
    const feed = build({ overviews: page('docs-v1-list-healthOverviews-example1.json'), issues: page('recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json') }, now);
    expect(validateOrgFeed(feed)).toBe(true);
    expect(feed.services.map((s) => [s.name, s.health])).toEqual([
      ['Exchange Online', 'operational'],
      ['Identity Service', 'operational'],
      ['Microsoft 365 suite', 'operational'],
    ]);
    const [fm] = feed.incidents;
    expect(feed.incidents).toHaveLength(1);
    expect(fm).toMatchObject({ id: 'FM298724', service: 'Microsoft Forms', classification: 'incident', status: 'postmortem', sourceStatus: 'postIncidentReviewPublished' });
    expect(fm?.posts).toHaveLength(6);
    expect(fm?.posts.every((p) => p.format === 'html')).toBe(true);
  });

  it('an open incident on an interrupted service is an outage, carries no endedAt, and turns its service and the app red', () => {
    const now = Date.parse('2020-11-14T12:00:00Z');
    const [issue] = page('docs-v1-list-issues-with-nextLink.json');
    const overviews = [{ service: 'Exchange Online', status: 'ServiceInterruption', id: 'Exchange' }];
    const feed = build({ overviews, issues: [reopened(issue!, 'RestoringService')] }, now);
    expect(feed.services[0]?.health).toBe('outage');
    expect(feed.incidents[0]).toMatchObject({ id: 'EX226792', health: 'outage', status: 'monitoring', endedAt: null });
    const read = parseOrgFeed(JSON.stringify(feed), now);
    expect(read.ok && read.snapshot.health).toBe('outage');
    expect(read.ok && read.snapshot.incidents.map((i) => i.id)).toEqual(['EX226792']);
  });

  it('the same issue from the overview and from the issues list appears once, the later copy winning', () => {
    const now = Date.parse('2020-11-21T00:00:00Z');
    const overviews = page('docs-v1-list-healthOverviews-expand-issues-example2.json');
    const expanded = (overviews[0]?.['issues'] as JsonObject[])[0]!;
    const newer = { ...expanded, title: 'Edited later', lastModifiedDateTime: '2020-11-20T18:00:00Z' };
    const feed = build({ overviews, issues: [newer] }, now);
    expect(feed.incidents.map((i) => [i.id, i.title])).toEqual([['EX226574', 'Edited later']]);
  });

  it('a feed with sourceStatus still parses in the app', () => {
    const now = Date.parse('2021-08-06T21:00:00Z');
    const [issue] = page('recorded-pnp-cli-list-issues-CR275975-FM298724-2021-camelCase.json');
    const feed = build({ overviews: [], issues: [reopened(issue!, 'serviceDegradation')] }, now);
    const read = parseOrgFeed(JSON.stringify(feed), now);
    expect(read.ok).toBe(true);
    expect(read.ok && read.snapshot.incidents[0]?.status).toBe('identified');
  });
});

describe('when Graph fails and when to publish', () => {
  const now = Date.parse('2020-11-21T00:00:00Z');
  const good = build({ overviews: page('docs-v1-list-healthOverviews-example1.json'), issues: [] }, now);

  it('the unavailable feed lists every service as unknown and says why; the app shows the source unknown', () => {
    const feed = unavailableFeed({ lastGood: good, reason: 'Graph answered HTTP 503', messages: [], failingSince: now, now: now + HOUR, ttlMs: 30 * 60_000, publisherName: 'Contoso relay' });
    expect(validateOrgFeed(feed)).toBe(true);
    expect(feed.services.map((s) => s.health)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(feed.messages.at(-1)?.text).toContain('Graph answered HTTP 503');
    const read = parseOrgFeed(JSON.stringify(feed), now + HOUR);
    expect(read.ok && read.snapshot.health).toBe('unknown');
  });

  it('publishes what changed at once, and the same news only when expiresAt must move on', () => {
    const later = build({ overviews: page('docs-v1-list-healthOverviews-example1.json'), issues: [] }, now + 60_000);
    expect(shouldPublish(null, good, 600_000)).toBe(true);
    expect(shouldPublish(good, later, 600_000)).toBe(false);
    expect(shouldPublish(good, build({ overviews: page('docs-v1-list-healthOverviews-example1.json'), issues: [] }, now + 600_000), 600_000)).toBe(true);
    const changed = build({ overviews: page('docs-v1-list-healthOverviews-expand-issues-example2.json'), issues: [] }, now + 60_000);
    expect(shouldPublish(good, changed, 600_000)).toBe(true);
  });
});

describe('helpdesk messages file', () => {
  it('accepts an array or an object with messages, and names the path of a bad one', () => {
    const message = { id: 'm1', severity: 'warning', text: 'We know about the Outlook problem.' };
    expect(readHelpdeskMessages(JSON.stringify([message]))).toEqual({ ok: true, messages: [message] });
    expect(readHelpdeskMessages(JSON.stringify({ messages: [message] }))).toEqual({ ok: true, messages: [message] });
    const bad = readHelpdeskMessages(JSON.stringify([{ ...message, text: '' }, { id: 'm2', severity: 'info' }]));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('messages[0].text');
    expect(!bad.ok && bad.error).toContain('messages[1].text: required but missing');
    expect(readHelpdeskMessages('{"messages": [').ok).toBe(false);
    expect(readHelpdeskMessages(JSON.stringify([message, message]))).toEqual({ ok: false, error: 'messages[1].id: "m1" is used twice' });
  });
});

describe('endpoints', () => {
  it('allow plain http only to loopback, build the documented URLs, and follow nextLink only on Graph', () => {
    expect(checkRootUrl('http://graph.example.com', '--graph-url')).toEqual({ ok: false, error: '--graph-url: plain http is only allowed for loopback hosts; use https' });
    expect(checkRootUrl('http://127.0.0.1:8080/', '--graph-url')).toEqual({ ok: true, root: 'http://127.0.0.1:8080' });
    expect(checkTenant('contoso.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    expect(checkTenant('../common')).toBeNull();
    const e = relayEndpoints('https://graph.microsoft.us', 'https://login.microsoftonline.us', '72f988bf-86f1-41af-91ab-2d7cd011db47');
    expect(e.overviews).toBe('https://graph.microsoft.us/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues');
    expect(e.issues).toBe('https://graph.microsoft.us/v1.0/admin/serviceAnnouncement/issues');
    expect(e.token).toBe('https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token');
    expect(e.scope).toBe('https://graph.microsoft.us/.default');
    expect(nextLinkVerdict('https://graph.microsoft.us/v1.0/admin/serviceAnnouncement/issues?$skip=100', e.graphOrigin).ok).toBe(true);
    expect(nextLinkVerdict('https://evil.example/v1.0/issues?$skip=100', e.graphOrigin)).toEqual({
      ok: false,
      error: 'refusing to follow @odata.nextLink to https://evil.example: only https://graph.microsoft.us gets the token',
    });
  });
});
