import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseSlack } from '../../../main/core/sources/slack.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';
import { hostileJsonTests, hugeBody, NOW } from './format-hostile.js';

const RECORDED = 'slack/slack-current-v2-2020-07-30-two-active-incidents.json';
const RECORDED_AT = Date.parse('2020-07-30T23:00:00Z');

function snapshotOf(body: string, now = NOW): SourceSnapshot {
  const outcome = parseSlack(body, now);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

const incident = (over: Record<string, unknown> = {}) => ({
  id: 1,
  date_created: '2026-09-18T03:00:00-07:00',
  date_updated: '2026-09-18T04:00:00-07:00',
  title: 'Messages are delayed',
  type: 'incident',
  status: 'active',
  url: 'https://slack-status.com/2026-09/abc',
  services: ['Messaging'],
  notes: [],
  ...over,
});

describe('Slack status API: the recorded payload', () => {
  it('parses every recorded Slack payload', () => {
    for (const name of listFixtures('slack')) expect(parseSlack(readFixture(name), RECORDED_AT).ok, name).toBe(true);
  });

  it('reads two active incidents as degraded, with their services, links and notes', () => {
    const snapshot = snapshotOf(readFixture(RECORDED), RECORDED_AT);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.pageName).toBe('Slack');
    expect(snapshot.incidents.map((i) => [i.id, i.kind, i.health, i.status])).toEqual([
      ['878', 'incident', 'degraded', 'investigating'],
      ['879', 'incident', 'degraded', 'investigating'],
    ]);
    const first = snapshot.incidents[0];
    expect(first?.title).toBe('We are investigating an issue with notification settings');
    expect(first?.affects).toEqual(['Notifications']);
    expect(first?.url).toBe('https://status.slack.com/2020-07/ea58a170d343b2ad');
    // Pacific offsets become UTC, so times compare as strings.
    expect(first?.startedAt).toBe('2020-07-30T22:12:34.000Z');
    expect(first?.updates[0]?.body.content).toMatch(/notifications settings for mobile/);
    expect(snapshot.incidents[1]?.affects).toEqual(['Apps/Integrations/APIs']);
    expect(snapshot.warnings).toEqual([]);
  });
});

describe('Slack status words', () => {
  it('ok with nothing active is operational; that is the only way to green', () => {
    expect(snapshotOf(JSON.stringify({ status: 'ok', active_incidents: [] })).health).toBe('operational');
    expect(snapshotOf(JSON.stringify({ status: 'OK', active_incidents: [] })).health).toBe('operational');
  });

  it('an outage is an outage; an active notice is maintenance; a scheduled one is upcoming', () => {
    expect(snapshotOf(JSON.stringify({ status: 'active', active_incidents: [incident({ type: 'outage' })] })).health).toBe('outage');
    const notice = snapshotOf(JSON.stringify({ status: 'active', active_incidents: [incident({ type: 'notice' })] }));
    expect(notice.health).toBe('maintenance');
    expect(notice.incidents[0]?.kind).toBe('maintenance');
    const scheduled = snapshotOf(JSON.stringify({ status: 'ok', active_incidents: [incident({ type: 'notice', status: 'scheduled' })] }));
    expect(scheduled.health).toBe('operational');
    expect(scheduled.upcoming.map((i) => i.status)).toEqual(['scheduled']);
  });

  it('an unknown type or status keeps the incident open and at least degraded, with a warning', () => {
    const snapshot = snapshotOf(JSON.stringify({ status: 'active', active_incidents: [incident({ type: 'catastrophe', status: 'smouldering' })] }));
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.warnings.join(' ')).toMatch(/unknown Slack incident type "catastrophe"/);
    expect(snapshot.warnings.join(' ')).toMatch(/unknown Slack incident status "smouldering"/);
  });

  it('an unknown page status, or active with nothing readable, is unknown, never operational', () => {
    const odd = snapshotOf(JSON.stringify({ status: 'fine-ish', active_incidents: [] }));
    expect(odd.health).toBe('unknown');
    expect(odd.warnings.join(' ')).toMatch(/unknown Slack page status "fine-ish"/);
    const active = snapshotOf(JSON.stringify({ status: 'active', active_incidents: [] }));
    expect(active.health).toBe('unknown');
  });

  it('a skipped row makes the source unknown unless a confirmed problem is worse', () => {
    const skipped = snapshotOf(JSON.stringify({ status: 'ok', active_incidents: ['junk'] }));
    expect(skipped.health).toBe('unknown');
    expect(skipped.warnings.join(' ')).toMatch(/skipped an incident that is a string/);
    const withOutage = snapshotOf(JSON.stringify({ status: 'active', active_incidents: [{ title: 'no id' }, incident({ type: 'outage' })] }));
    expect(withOutage.health).toBe('outage');
  });

  it('resolved incidents are history: kept for 24 h as recently resolved, then dropped', () => {
    const resolved = incident({ status: 'resolved', date_updated: '2026-09-18T04:00:00-07:00' });
    const recent = snapshotOf(JSON.stringify({ status: 'ok', active_incidents: [resolved] }));
    expect(recent.health).toBe('operational');
    expect(recent.recentlyResolved.map((i) => [i.status, i.endedAt])).toEqual([['resolved', '2026-09-18T11:00:00.000Z']]);
    expect(snapshotOf(JSON.stringify({ status: 'ok', active_incidents: [resolved] }), NOW + 2 * 86_400_000).recentlyResolved).toEqual([]);
  });

  it('the history document (an array) can confirm problems but never good health', () => {
    const history = snapshotOf(JSON.stringify([incident({ status: 'resolved' })]));
    expect(history.health).toBe('unknown');
    expect(snapshotOf(JSON.stringify([incident({ type: 'outage' })])).health).toBe('outage');
  });

  it('a javascript: link and text stay inert data', () => {
    const snapshot = snapshotOf(JSON.stringify({ status: 'active', active_incidents: [incident({ url: 'javascript:alert(1)', notes: [{ body: '<img src=x onerror=alert(1)>', date_created: '2026-09-18T03:00:00-07:00' }] })] }));
    expect(snapshot.incidents[0]?.url).toBeNull();
    expect(snapshot.incidents[0]?.updates[0]?.body).toEqual({ format: 'html', content: '<img src=x onerror=alert(1)>' });
  });
});

describe('Slack: hostile input', () => {
  hostileJsonTests('slack', parseSlack, readFixture(RECORDED));

  it('a huge list is capped, reported and unknown unless it shows a problem', () => {
    const body = hugeBody(1_500_000, (n) => ({ status: 'ok', active_incidents: Array.from({ length: n }, (_, i) => incident({ id: i, status: 'resolved' })) }));
    const started = performance.now();
    const snapshot = snapshotOf(body);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings.join(' ')).toMatch(/read only the first 500 of \d+ incidents/);
  });
});
