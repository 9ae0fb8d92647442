import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseMicrosoftPublic } from '../../../main/core/sources/microsoft-public.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';

type Post = Record<string, unknown>;

const MAC_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';
const APP_SHELL = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Microsoft 365 Status</title></head><body><div id="root"></div></body></html>';

/** A fresh copy of the recorded `/api/posts/mac` object, to vary in memory (files are never edited). */
function recordedPost(): Post {
  return JSON.parse(readFixture(MAC_POST)) as Post;
}

function snapshotOf(body: string): SourceSnapshot {
  const outcome = parseMicrosoftPublic(body);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

function errorOf(body: string): string {
  const outcome = parseMicrosoftPublic(body);
  if (outcome.ok) throw new Error(`expected an error, got health ${outcome.snapshot.health}`);
  return outcome.error;
}

const parseValue = (value: unknown): SourceSnapshot => snapshotOf(JSON.stringify(value));

/** An `/api/posts/m365Consumer`-style item: the recorded post's fields plus the service names. */
function consumerPost(display: string, workload: string, status: string, extra: Post = {}): Post {
  return { ...recordedPost(), ServiceDisplayName: display, ServiceWorkloadName: workload, Status: status, ...extra };
}

describe('parseMicrosoftPublic on the recorded /api/posts/mac fixture', () => {
  it('is the only fixture of this format', () => {
    expect(listFixtures('microsoft-public-status')).toEqual([MAC_POST]);
  });

  it('"Available" is operational: no incident, no components, no warnings', () => {
    const snapshot = snapshotOf(readFixture(MAC_POST));
    expect(snapshot).toEqual({
      health: 'operational',
      pageName: 'Microsoft 365 public status',
      pageUrl: 'https://status.cloud.microsoft/',
      components: [],
      incidents: [],
      upcoming: [],
      recentlyResolved: [],
      messages: [],
      warnings: [],
      warningWords: [],
    });
  });

  it('the per-request LastUpdatedTime clock never changes the result', () => {
    const later = { ...recordedPost(), LastUpdatedTime: '2026-09-18T21:34:00.123456+00:00' };
    expect(parseValue(later)).toEqual(snapshotOf(readFixture(MAC_POST)));
    const degraded = { ...recordedPost(), Status: 'ServiceDegradation' };
    expect(parseValue({ ...degraded, LastUpdatedTime: '2030-01-01T00:00:00+00:00' })).toEqual(parseValue(degraded));
  });
});

describe('a single post', () => {
  it('ServiceDegradation is degraded with one incident carrying the HTML message', () => {
    const post: Post = { ...recordedPost(), Status: 'ServiceDegradation', Title: 'Users may be unable to access Outlook' };
    const snapshot = parseValue(post);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.components).toEqual([]);
    expect(snapshot.incidents).toEqual([
      {
        // No incident code in the words: the one banner incident, whatever the post's Id.
        id: 'microsoft-365-public',
        title: 'Users may be unable to access Outlook',
        kind: 'incident',
        health: 'degraded',
        status: 'unknown',
        impact: 'ServiceDegradation',
        startedAt: '2026-09-16T18:30:21.000Z',
        updatedAt: '2026-09-16T18:30:21.000Z',
        endsAt: null,
        endedAt: null,
        url: 'https://status.cloud.microsoft/',
        affects: ['Exchange Online'],
        updates: [{ id: null, status: 'unknown', at: '2026-09-16T18:30:21.000Z', body: { format: 'html', content: post['Message'] } }],
      },
    ]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('an empty Title gets a plain fallback title', () => {
    const snapshot = parseValue({ ...recordedPost(), Status: 'ServiceDegradation' });
    expect(snapshot.incidents[0]?.title).toBe('Microsoft 365 service incident');
  });

  it('status words match regardless of case, spaces and underscores', () => {
    for (const status of ['Service degradation', 'SERVICEDEGRADATION', 'service_degradation', ' servicedegradation ']) {
      expect(parseValue({ ...recordedPost(), Status: status }).health, status).toBe('degraded');
    }
    for (const status of ['Operational', 'ServiceRestored', 'Service restored', 'available']) {
      const snapshot = parseValue({ ...recordedPost(), Status: status });
      expect(snapshot.health, status).toBe('operational');
      expect(snapshot.incidents, status).toEqual([]);
      expect(snapshot.warnings, status).toEqual([]);
    }
  });

  it('"Unknown" and unrecognized words are unknown, with a warning', () => {
    const unknown = parseValue({ ...recordedPost(), Status: 'Unknown' });
    expect(unknown.health).toBe('unknown');
    expect(unknown.warnings).toEqual([expect.stringMatching(/Unknown/)]);
    const odd = parseValue({ ...recordedPost(), Status: 'ServiceInterruption' });
    expect(odd.health).toBe('unknown');
    expect(odd.incidents).toEqual([]);
    // Say what was read, not merely that it was unreadable.
    expect(odd.warnings).toEqual(['Microsoft reported a status we do not know: "ServiceInterruption"']);
  });

  it('a missing or non-string Status is unknown, never operational', () => {
    const { Status: _dropped, ...withoutStatus } = recordedPost();
    expect(parseValue(withoutStatus)).toMatchObject({ health: 'unknown', warnings: ['no Status'] });
    expect(parseValue({ ...recordedPost(), Status: 1 })).toMatchObject({ health: 'unknown', warnings: [expect.stringMatching(/a number/)] });
  });

  it('a Status smuggled in through __proto__ is not inherited, and nothing is polluted', () => {
    const snapshot = snapshotOf('{"Id":"x","Title":"t","__proto__":{"Status":"Available","polluted":"yes"}}');
    expect(snapshot.health).toBe('unknown');
    expect((Object.prototype as Post)['polluted']).toBeUndefined();
    expect(({} as Post)['Status']).toBeUndefined();
  });
});

describe('a list of posts (/api/posts/m365Consumer)', () => {
  const healthyList = (): Post[] => [
    consumerPost('Microsoft 365 (Consumer)', 'M365Consumer', 'Available'),
    consumerPost('Outlook.com', 'OutlookCom', 'Available'),
    consumerPost('OneDrive', 'OneDrive', 'Operational'),
    consumerPost('Teams Free', 'TeamsFree', 'ServiceRestored'),
  ];

  it('one component per service, all healthy means operational', () => {
    const list = healthyList();
    const snapshot = parseValue(list);
    expect(snapshot.health).toBe('operational');
    expect(snapshot.components).toHaveLength(list.length);
    expect(snapshot.components[1]).toEqual({ id: 'OutlookCom', name: 'Outlook.com', health: 'operational', status: 'Available' });
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('a degraded service makes the whole degraded and yields an incident affecting that service', () => {
    const list = healthyList();
    list[1] = consumerPost('Outlook.com', 'OutlookCom', 'ServiceDegradation', { Id: 'out-1', Title: 'Outlook.com mail delays' });
    const snapshot = parseValue(list);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.components.find((c) => c.id === 'OutlookCom')?.health).toBe('degraded');
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({ id: 'out-1', title: 'Outlook.com mail delays', health: 'degraded', affects: ['Outlook.com'] });
    expect(snapshot.incidents[0]?.updates[0]?.body.format).toBe('html');
  });

  it('services degraded by the same post share one incident; different posts stay apart', () => {
    const list = healthyList();
    list[1] = consumerPost('Outlook.com', 'OutlookCom', 'ServiceDegradation', { Id: 'shared' });
    list[2] = consumerPost('OneDrive', 'OneDrive', 'Service degradation', { Id: 'shared' });
    list[3] = consumerPost('Teams Free', 'TeamsFree', 'ServiceDegradation', { Id: 'teams-1', Title: '' });
    const snapshot = parseValue(list);
    expect(snapshot.incidents.map((i) => [i.id, i.affects])).toEqual([
      ['shared', ['Outlook.com', 'OneDrive']],
      ['teams-1', ['Teams Free']],
    ]);
    expect(snapshot.incidents[1]?.title).toBe('Teams Free service incident');
  });

  it('one service of unknown status makes an otherwise healthy list unknown, but not a degraded one', () => {
    const list = healthyList();
    list[0] = consumerPost('Microsoft 365 (Consumer)', 'M365Consumer', 'Unknown');
    expect(parseValue(list).health).toBe('unknown');
    list[2] = consumerPost('OneDrive', 'OneDrive', 'ServiceDegradation');
    expect(parseValue(list).health).toBe('degraded');
  });

  it('an empty list is not a confirmation of health', () => {
    const snapshot = snapshotOf('[]');
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.components).toEqual([]);
    expect(snapshot.warnings).toEqual([expect.stringMatching(/no services/)]);
  });

  it('rows of the wrong shape are skipped with warnings, and the list no longer vouches for health; the id falls back to the display name', () => {
    const snapshot = parseValue([
      'Outlook.com',
      null,
      { Status: 'Available' },
      { ServiceDisplayName: 'Whiteboard', Status: 'Available' },
      consumerPost('To Do', 'ToDo', 'Available'),
      consumerPost('To Do again', 'ToDo', 'ServiceDegradation'),
    ]);
    expect(snapshot.components.map((c) => [c.id, c.name])).toEqual([
      ['Whiteboard', 'Whiteboard'],
      ['ToDo', 'To Do'],
    ]);
    // A skipped post may be the service that is down: unknown, never green.
    expect(snapshot.health).toBe('unknown');
    const warnings = snapshot.warnings.join('\n');
    expect(warnings).toMatch(/skipped a post that is a string/);
    expect(warnings).toMatch(/skipped a post that is null/);
    expect(warnings).toMatch(/names no service/);
    expect(warnings).toMatch(/repeated service "ToDo"/);
  });
});

describe('hostile and broken input', () => {
  it('the HTML app shell served with 200 is an error naming the problem', () => {
    for (const body of [APP_SHELL, `\uFEFF  ${APP_SHELL}`, '<html></html>']) {
      expect(errorOf(body)).toMatch(/returned a web page instead of status data/);
    }
  });

  it('truncated JSON is an error that says so', () => {
    const full = readFixture(MAC_POST);
    for (const cut of [1, Math.floor(full.length / 2), full.length - 3]) {
      expect(errorOf(full.slice(0, cut))).toMatch(/truncated/);
    }
  });

  it('an empty body is an error', () => {
    expect(errorOf('')).toMatch(/empty/);
  });

  it('JSON that is neither a post nor a list is an error', () => {
    expect(errorOf('null')).toMatch(/got null/);
    expect(errorOf('"Available"')).toMatch(/got a string/);
    expect(errorOf('{}')).toMatch(/none of Id, Status/);
    expect(errorOf(readFixture('statuspage/github-summary-2020-04-02-major-outage.json'))).toMatch(/none of Id, Status/);
  });

  it('a long list stays linear and correct', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => ({ ServiceDisplayName: `Service ${i}`, ServiceWorkloadName: `s${i}`, Status: 'Available' }));
    list[9_999]!.Status = 'ServiceDegradation';
    const started = performance.now();
    const snapshot = parseValue(list);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.components).toHaveLength(10_000);
    expect(snapshot.incidents[0]?.affects).toEqual(['Service 9999']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('the banner post names the services and the incident it is about', () => {
  const degraded = (over: Post): SourceSnapshot => parseValue({ ...recordedPost(), Status: 'ServiceDegradation', ...over });

  it('a Teams post concerns Teams alone; a post naming mail and Teams concerns both', () => {
    expect(degraded({ Title: 'Microsoft Teams access issues', Message: '<div>Users may be unable to join meetings.</div>' }).incidents[0]?.affects).toEqual(['Microsoft Teams']);
    const both = degraded({ Title: 'Outlook, Teams, Defender and Purview issues', Message: '<div>Unable to send email in Exchange Online.</div>' });
    expect(both.incidents[0]?.affects).toEqual(['Exchange Online', 'Microsoft Teams', 'Microsoft 365 Defender', 'Microsoft Purview']);
  });

  it('a post that names no service may concern any (affects nothing in particular)', () => {
    expect(degraded({ Title: 'Service degradation', Message: '<div>Some users are affected.</div>' }).incidents[0]?.affects).toEqual([]);
  });

  it("a new post Id for the same incident keeps the incident's id: its code, else the one banner id", () => {
    const first = degraded({ Id: 'a', Title: 'Teams access issues', Message: '<div>See TM252802 in the admin center.</div>' });
    const edited = degraded({ Id: 'b', Title: 'Teams access issues', Message: '<div>Fix deploying. See TM252802 in the admin center.</div>' });
    expect([first.incidents[0]?.id, edited.incidents[0]?.id]).toEqual(['TM252802', 'TM252802']);
    const noCode = [degraded({ Id: 'x', Title: 'Mail delays' }), degraded({ Id: 'y', Title: 'Mail delays, update' })].map((s) => s.incidents[0]?.id);
    expect(noCode).toEqual(['microsoft-365-public', 'microsoft-365-public']);
  });
});
