import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { ORG_FEED_LIMITS, parseOrgFeed } from '../../../main/core/sources/org-feed.js';
import type { SourceSnapshot } from '../../../main/core/model.js';

const EXAMPLE_URL = new URL('../../../examples/org-feed.example.json', import.meta.url);
const SCHEMA_URL = new URL('../../../schema/org-feed.schema.json', import.meta.url);
const example = readFileSync(EXAMPLE_URL, 'utf8');

/** 15 minutes after the example was generated: the Exchange incident is in full swing. */
const DURING_OUTAGE = Date.parse('2025-03-04T09:45:00Z');
const NOW = Date.parse('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function feedBody(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'outage-radar/org-feed', version: 1, generatedAt: iso(NOW), ...fields });
}

function incident(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'EX1',
    title: 'Mail delays',
    service: 'Exchange Online',
    classification: 'incident',
    health: 'degraded',
    status: 'investigating',
    startedAt: iso(NOW - HOUR),
    ...fields,
  };
}

function parsed(body: string, now = NOW): SourceSnapshot {
  const outcome = parseOrgFeed(body, now);
  if (!outcome.ok) throw new Error(`expected the feed to parse, got: ${outcome.error}`);
  return outcome.snapshot;
}

function rejection(body: string, now = NOW): string {
  const outcome = parseOrgFeed(body, now);
  if (outcome.ok) throw new Error('expected the feed to be rejected');
  return outcome.error;
}

describe('the example feed', () => {
  test('is valid against the JSON Schema on its own', () => {
    const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true }).compile(
      JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object,
    );
    expect(validate(JSON.parse(example)), JSON.stringify(validate.errors)).toBe(true);
  });

  test('shows the Exchange outage, the SharePoint advisory and a healthy Teams', () => {
    const snapshot = parsed(example, DURING_OUTAGE);
    expect(snapshot.health).toBe('outage');
    expect(snapshot.pageName).toBe('Contoso IT');
    expect(snapshot.pageUrl).toBe('https://helpdesk.contoso.com/status');
    expect(snapshot.components.map((c) => [c.id, c.name, c.health, c.status])).toEqual([
      ['Exchange', 'Exchange Online', 'outage', 'serviceInterruption'],
      ['microsoftteams', 'Microsoft Teams', 'operational', 'serviceOperational'],
      ['SharePoint', 'SharePoint Online', 'degraded', 'serviceDegradation'],
    ]);
    expect(snapshot.incidents.map((i) => [i.id, i.kind, i.health, i.status, i.affects])).toEqual([
      ['EX1224375', 'incident', 'outage', 'identified', ['Exchange Online']],
      ['SP1224410', 'advisory', 'degraded', 'investigating', ['SharePoint Online']],
    ]);
    expect(snapshot.upcoming).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
  });

  test('gives the Exchange timeline newest first, keeping each post format', () => {
    const exchange = parsed(example, DURING_OUTAGE).incidents[0];
    expect(exchange?.title).toBe('Users may be unable to send or receive email');
    expect(exchange?.startedAt).toBe('2025-03-04T07:55:00.000Z');
    expect(exchange?.updatedAt).toBe('2025-03-04T09:35:00.000Z');
    expect(exchange?.url).toBe('https://helpdesk.contoso.com/status/EX1224375');
    expect(exchange?.updates.map((u) => [u.at, u.status, u.body.format])).toEqual([
      ['2025-03-04T09:35:00.000Z', 'identified', 'text'],
      ['2025-03-04T08:47:00.000Z', 'identified', 'html'],
      ['2025-03-04T08:12:00.000Z', 'investigating', 'html'],
    ]);
    expect(exchange?.updates[2]?.body.content).toContain('<p><b>Title:</b>');
  });

  test('shows the helpdesk acknowledgement and drops the expired VPN notice', () => {
    const messages = parsed(example, DURING_OUTAGE).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      id: 'helpdesk-2025-03-04-email',
      severity: 'warning',
      incidentId: 'EX1224375',
      expiresAt: '2025-03-04T18:00:00.000Z',
      url: 'https://helpdesk.contoso.com/status/EX1224375',
    });
    expect(messages[0]?.text).toContain('no need to open a ticket');
  });

  test('turns unknown once its publisher stops refreshing it', () => {
    const snapshot = parsed(example, Date.parse('2025-03-04T11:00:00Z'));
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.components.every((c) => c.health === 'unknown')).toBe(true);
    expect(snapshot.warnings.join('\n')).toMatch(/expired at 2025-03-04T10:40:00.000Z/);
  });
});

describe('health', () => {
  test('a feed that lists nothing vouches for nothing', () => {
    expect(parsed(feedBody()).health).toBe('unknown');
    expect(parsed(feedBody({ services: [], incidents: [] })).health).toBe('unknown');
  });

  test('a feed whose services are all operational is operational', () => {
    const body = feedBody({
      services: [
        { name: 'Exchange Online', health: 'operational' },
        { name: 'Microsoft Teams', health: 'Operational' },
      ],
    });
    expect(parsed(body).health).toBe('operational');
  });

  test('an open incident counts even when its service still says operational', () => {
    const body = feedBody({ services: [{ name: 'Exchange Online', health: 'operational' }], incidents: [incident()] });
    expect(parsed(body).health).toBe('degraded');
  });

  test('enum words are read in any letter case', () => {
    const body = feedBody({
      incidents: [incident({ classification: 'ADVISORY', health: 'Outage', status: ' Monitoring ' })],
      messages: [{ id: 'm', severity: 'CRITICAL', text: 'Do not restart your PC' }],
    });
    const snapshot = parsed(body);
    expect(snapshot.incidents[0]).toMatchObject({ kind: 'advisory', health: 'outage', status: 'monitoring' });
    expect(snapshot.messages[0]?.severity).toBe('critical');
    expect(snapshot.warnings).toEqual([]);
  });

  test('a health word we do not know is unknown, never operational, and is reported', () => {
    const body = feedBody({
      services: [
        { name: 'Exchange Online', health: 'operational' },
        { name: 'Microsoft Teams', health: 'green' },
      ],
    });
    const snapshot = parsed(body);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.components[1]?.health).toBe('unknown');
    expect(snapshot.components[1]?.status).toBe('green');
    expect(snapshot.warnings).toContain('services[1].health: unknown health "green"; treated as unknown');
  });

  test('unknown status, classification and severity words are reported and kept visible', () => {
    const body = feedBody({
      incidents: [incident({ status: 'mitigatedExternal', classification: 'problem', health: 'serviceDegradation' })],
      messages: [{ id: 'm', severity: 'urgent', text: 'Call us on 1234' }],
    });
    const snapshot = parsed(body);
    expect(snapshot.incidents[0]).toMatchObject({ status: 'unknown', kind: 'incident', health: 'unknown' });
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.messages[0]?.severity).toBe('warning');
    expect(snapshot.warnings).toHaveLength(4);
  });
});

describe('incidents', () => {
  test('resolved incidents are not shown and do not count', () => {
    const body = feedBody({
      services: [{ name: 'Exchange Online', health: 'operational' }],
      incidents: [
        incident({ id: 'A', status: 'resolved', health: 'outage' }),
        incident({ id: 'B', status: 'PostMortem', health: 'outage' }),
        incident({ id: 'C', status: 'monitoring', endedAt: iso(NOW - 60_000), health: 'outage' }),
      ],
    });
    const snapshot = parsed(body);
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.health).toBe('operational');
  });

  test('an incident that ends later is still open and says when it ends', () => {
    const body = feedBody({ incidents: [incident({ endedAt: iso(NOW + HOUR) })] });
    expect(parsed(body).incidents[0]?.endsAt).toBe(iso(NOW + HOUR));
  });

  test('maintenance that has not started is upcoming, not health', () => {
    const body = feedBody({
      services: [{ name: 'Exchange Online', health: 'operational' }],
      incidents: [incident({ classification: 'maintenance', health: 'maintenance', status: 'scheduled', startedAt: iso(NOW + HOUR) })],
    });
    const snapshot = parsed(body);
    expect(snapshot.upcoming.map((i) => i.id)).toEqual(['EX1']);
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.health).toBe('operational');
  });

  test('an incident dated in the future (a skewed publisher clock) is still shown', () => {
    const body = feedBody({ incidents: [incident({ startedAt: iso(NOW + HOUR), health: 'outage' })] });
    const snapshot = parsed(body);
    expect(snapshot.incidents.map((i) => i.id)).toEqual(['EX1']);
    expect(snapshot.health).toBe('outage');
  });

  test('an HTML post stays marked as HTML for the sanitizer, and an unknown format is shown as text', () => {
    const body = feedBody({
      incidents: [
        incident({
          posts: [
            { at: iso(NOW - 2 * HOUR), format: 'HTML', content: '<p>We are <img src=x onerror=alert(1)> on it</p>' },
            { at: iso(NOW - HOUR), format: 'markdown', content: '**Fixed** soon' },
            { at: iso(NOW - 3 * HOUR), content: 'First report' },
          ],
        }),
      ],
    });
    const updates = parsed(body).incidents[0]?.updates ?? [];
    expect(updates.map((u) => u.body)).toEqual([
      { format: 'text', content: '**Fixed** soon' },
      { format: 'html', content: '<p>We are <img src=x onerror=alert(1)> on it</p>' },
      { format: 'text', content: 'First report' },
    ]);
  });

  test('a repeated incident id is shown once, with a warning', () => {
    const snapshot = parsed(feedBody({ incidents: [incident(), incident({ title: 'Copy' })] }));
    expect(snapshot.incidents.map((i) => i.title)).toEqual(['Mail delays']);
    expect(snapshot.warnings).toEqual(['incidents[1]: a second incident with id "EX1"; ignored']);
  });
});

describe('helpdesk messages', () => {
  test('a message is shown until the moment it expires; one without expiry stays', () => {
    const body = feedBody({
      messages: [
        { id: 'gone', severity: 'info', text: 'Expired exactly now', expiresAt: iso(NOW) },
        { id: 'soon', severity: 'info', text: 'Expires in a second', expiresAt: iso(NOW + 1000) },
        { id: 'forever', severity: 'info', text: 'No expiry', expiresAt: null },
      ],
    });
    expect(parsed(body).messages.map((m) => m.id)).toEqual(['soon', 'forever']);
  });

  test('a message on its own leaves health unknown: it is not a health signal', () => {
    const body = feedBody({ messages: [{ id: 'm', severity: 'info', text: 'Printer on floor 2 is out of toner' }] });
    expect(parsed(body).health).toBe('unknown');
  });
});

describe('links', () => {
  test('only https links, or http to this machine, are kept', () => {
    const body = feedBody({
      publisher: { name: 'Contoso IT', url: 'http://helpdesk.contoso.com/status' },
      incidents: [incident({ url: 'http://127.0.0.1:8080/EX1' })],
      messages: [
        { id: 'a', severity: 'info', text: 'a', url: 'javascript:alert(1)' },
        { id: 'b', severity: 'info', text: 'b', url: 'http://localhost/b' },
        { id: 'c', severity: 'info', text: 'c', url: 'https://helpdesk.contoso.com/c' },
        { id: 'd', severity: 'info', text: 'd', url: 'http://[::1]:9000/d' },
      ],
    });
    const snapshot = parsed(body);
    expect(snapshot.pageUrl).toBeNull();
    expect(snapshot.incidents[0]?.url).toBe('http://127.0.0.1:8080/EX1');
    expect(snapshot.messages.map((m) => m.url)).toEqual([
      null,
      'http://localhost/b',
      'https://helpdesk.contoso.com/c',
      'http://[::1]:9000/d',
    ]);
    expect(snapshot.warnings).toEqual([
      'messages[0].url: not an http(s) URL; ignored',
      'publisher.url: plain http link to helpdesk.contoso.com ignored; use https',
    ]);
  });
});

describe('rejected feeds', () => {
  test('a newer major version asks the user to update the app, whatever its shape', () => {
    const error = rejection(JSON.stringify({ format: 'outage-radar/org-feed', version: 2, entries: 'new shape' }));
    expect(error).toBe('feed version 2 is newer than this app understands (1); update Outage Radar');
  });

  test('something that is not an org feed says so', () => {
    expect(rejection(JSON.stringify({ page: { name: 'GitHub' }, status: {} }))).toMatch(
      /not an Outage Radar org feed: "format" must be "outage-radar\/org-feed"/,
    );
    expect(rejection('[1, 2, 3]')).toMatch(/expected a JSON object/);
  });

  test('a missing required field is named with its JSON path', () => {
    const { title: _title, ...untitled } = incident();
    expect(rejection(feedBody({ incidents: [untitled] }))).toBe(
      'not a valid org feed: incidents[0].title: required but missing',
    );
    const { generatedAt: _generatedAt, ...rest } = JSON.parse(feedBody()) as Record<string, unknown>;
    expect(rejection(JSON.stringify(rest))).toBe('not a valid org feed: generatedAt: required but missing');
  });

  test('a field of the wrong type says what was expected', () => {
    expect(rejection(feedBody({ incidents: [incident({ posts: { at: iso(NOW), content: 'x' } })] }))).toBe(
      'not a valid org feed: incidents[0].posts: expected an array, got an object',
    );
    expect(rejection(feedBody({ version: '1' }))).toBe('not a valid org feed: version: expected a whole number, got "1"');
    expect(rejection(feedBody({ messages: [{ id: 'm', severity: 'info', text: 'x', url: 42 }] }))).toBe(
      'not a valid org feed: messages[0].url: expected a string or null, got 42',
    );
  });

  test('dates must be real date-times with a zone', () => {
    expect(rejection(feedBody({ incidents: [incident({ startedAt: 'yesterday' })] }))).toBe(
      'not a valid org feed: incidents[0].startedAt: expected a date and time with a zone, such as 2025-03-04T08:15:00Z, got "yesterday"',
    );
    expect(rejection(feedBody({ generatedAt: '2025-13-01T00:00:00Z' }))).toMatch(/^not a valid org feed: generatedAt: expected a date/);
  });

  test('at most three problems are listed, and the rest are counted', () => {
    const broken = { id: 1, title: 2, service: 3, classification: 4, health: 5, status: 6, startedAt: 7 };
    const error = rejection(feedBody({ incidents: [broken] }));
    expect(error.split('; ')).toHaveLength(3);
    expect(error).toMatch(/\(and 4 more problems\)$/);
  });

  test('more incidents than the format allows are refused, not trimmed', () => {
    const many = Array.from({ length: ORG_FEED_LIMITS.incidents + 1 }, (_, i) => incident({ id: `EX${i}` }));
    expect(rejection(feedBody({ incidents: many }))).toBe('not a valid org feed: incidents: expected at most 1000 items, got an array of 1001');
  });

  test('too many posts or too long a text is refused with its path', () => {
    const posts = Array.from({ length: ORG_FEED_LIMITS.postsPerIncident + 1 }, () => ({ at: iso(NOW), content: 'x' }));
    expect(rejection(feedBody({ incidents: [incident({ posts })] }))).toBe(
      'not a valid org feed: incidents[0].posts: expected at most 200 items, got an array of 201',
    );
    const longText = 'x'.repeat(2001);
    expect(rejection(feedBody({ messages: [{ id: 'm', severity: 'info', text: longText }] }))).toBe(
      'not a valid org feed: messages[0].text: expected at most 2000 characters',
    );
  });

  test('a truncated download is an error, not a crash', () => {
    const outcome = parseOrgFeed(example.slice(0, Math.floor(example.length / 2)), DURING_OUTAGE);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(/truncated|ends early/);
  });

  test('an HTML page served instead of the feed is an error', () => {
    const outcome = parseOrgFeed('<!doctype html><html><body>Sign in to Contoso</body></html>', NOW);
    expect(outcome.ok ? '' : outcome.error).toMatch(/HTML/);
  });
});

describe('hostile input', () => {
  test('__proto__ keys neither supply missing fields nor pollute objects', () => {
    const body =
      '{"format":"outage-radar/org-feed","version":1,"generatedAt":"2025-06-01T12:00:00Z",' +
      '"__proto__":{"polluted":true},' +
      '"services":[{"name":"Exchange Online","__proto__":{"health":"operational"}}]}';
    expect(rejection(body)).toBe('not a valid org feed: services[0].health: required but missing');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('enum words that name Object.prototype members are unknown', () => {
    const body = feedBody({
      services: [
        { name: 'A', health: '__proto__' },
        { name: 'B', health: 'toString' },
        { name: 'C', health: 'hasOwnProperty' },
      ],
    });
    const snapshot = parsed(body);
    expect(snapshot.components.map((c) => c.health)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(snapshot.health).toBe('unknown');
  });
});
